// Request guards: `get*` returns null, `require*` throws a redirect or a 403/404 Response. Every
// protected loader and action starts with one of these.
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { ContestRoleName, User } from "#db/schema";
import { can, hasContestRole, type Action, type Actor } from "#app/domain/permissions";
import { safeRedirectPath } from "#app/domain/redirect";
import { buildActor } from "#app/services/identity.server";
import type { ServiceContext } from "#app/services/context.server";
import { findUserById } from "#app/data/users.server";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { readSessionToken, validateSessionToken } from "./session.server";
import type { Session } from "#db/schema";

export interface Auth {
  user: User;
  session: Session;
  actor: Actor;
}

const cache = new WeakMap<Request, Promise<Auth | null>>();

export function getAuth(request: Request): Promise<Auth | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = loadAuth(request);
    cache.set(request, pending);
  }
  return pending;
}

async function loadAuth(request: Request): Promise<Auth | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const db = getDb();
  const session = await validateSessionToken(db, token, new Date());
  if (!session) return null;
  const user = await findUserById(db, session.user_id);
  if (!user) return null;
  return { user, session, actor: await buildActor(db, user) };
}

export async function requireUser(request: Request): Promise<Auth> {
  const auth = await getAuth(request);
  if (!auth) {
    const url = new URL(request.url);
    const back = safeRedirectPath(url.pathname + url.search, "/");
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return auth;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getAuth(request)) throw redirect("/");
}

export async function requirePermission(request: Request, action: Action): Promise<Auth> {
  const auth = await requireUser(request);
  if (!can(auth.actor, action)) throw new Response("Forbidden", { status: 403 });
  return auth;
}

export function requireAdmin(request: Request): Promise<Auth> {
  return requirePermission(request, { type: "admin.mailbox.read" });
}

/** The user must hold one of `roles` in the contest (platform admins pass as organisers). */
export async function requireContestRole(request: Request, contestId: number, roles: readonly ContestRoleName[]): Promise<Auth> {
  const auth = await requireUser(request);
  const adminAllowed = auth.actor.isAdmin && roles.includes("organiser");
  if (!adminAllowed && !hasContestRole(auth.actor, contestId, roles)) throw new Response("Forbidden", { status: 403 });
  return auth;
}

export function serviceContext(request: Request, context: AppLoadContext | undefined, auth: Auth | null): ServiceContext {
  return {
    db: getDb(),
    actor: auth?.actor ?? null,
    now: new Date(),
    ip: context?.clientIp ?? null,
    userAgent: request.headers.get("User-Agent"),
    appUrl: getEnv().APP_URL,
  };
}
