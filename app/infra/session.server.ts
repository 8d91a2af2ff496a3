// Sessions by the Lucia design: the cookie holds `id.secret`; the database holds the id and only
// the SHA-256 of the secret, compared in constant time; inactivity and absolute expiry are enforced.
import { createCookie } from "@remix-run/node";
import { assessSession, SESSION_ABSOLUTE_LIFETIME_MS } from "#app/domain/session-policy";
import type { Session } from "#db/schema";
import type { DB } from "./db.server";
import { constantTimeEqual, randomToken, sha256 } from "./crypto.server";
import { getEnv } from "./env.server";
import { ensurePrimaryForWrite } from "./litefs.server";

export const SESSION_COOKIE_NAME = "trellis_session";

export function sessionCookie() {
  return createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().NODE_ENV === "production",
    path: "/",
  });
}

export interface SessionMeta {
  userAgent?: string | null;
  ip?: string | null;
}

export interface NewSession {
  token: string;
  session: Session;
}

export async function createSession(db: DB, userId: number, now: Date, meta: SessionMeta = {}): Promise<NewSession> {
  const id = randomToken();
  const secret = randomToken();
  const session: Session = {
    id,
    user_id: userId,
    secret_hash: sha256(secret),
    created_at: now.toISOString(),
    last_verified_at: now.toISOString(),
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip ?? null,
  };
  await db.insertInto("sessions").values(session).execute();
  return { token: `${id}.${secret}`, session };
}

/** Splits a cookie token; null when it is not of the `id.secret` shape. */
export function parseSessionToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!/^[a-z0-9]{24}$/.test(id) || !/^[a-z0-9]{24}$/.test(secret)) return null;
  return { id, secret };
}

/**
 * The session for a token, or null. Deletes an expired session; refreshes `last_verified_at`
 * at most hourly (through the primary when running behind LiteFS).
 */
export async function validateSessionToken(db: DB, token: string, now: Date): Promise<Session | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const session = await db.selectFrom("sessions").selectAll().where("id", "=", parsed.id).executeTakeFirst();
  if (!session) return null;
  if (!constantTimeEqual(sha256(parsed.secret), session.secret_hash)) return null;
  const verdict = assessSession({ createdAt: session.created_at, lastVerifiedAt: session.last_verified_at }, now);
  if (verdict.status === "expired") {
    await ensurePrimaryForWrite();
    await db.deleteFrom("sessions").where("id", "=", session.id).execute();
    return null;
  }
  if (verdict.refresh) {
    await ensurePrimaryForWrite();
    const last = now.toISOString();
    await db.updateTable("sessions").set({ last_verified_at: last }).where("id", "=", session.id).execute();
    return { ...session, last_verified_at: last };
  }
  return session;
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function invalidateUserSessions(db: DB, userId: number, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptSessionId) q = q.where("id", "!=", exceptSessionId);
  await q.execute();
}

/** Set-Cookie for a new session: it lives no longer than the session's absolute lifetime. */
export function serializeSessionCookie(token: string, createdAt: Date): Promise<string> {
  return sessionCookie().serialize(token, {
    expires: new Date(createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME_MS),
  });
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value ? value : null;
}
