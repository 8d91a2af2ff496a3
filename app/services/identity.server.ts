// Identity: sign up, sign in and out, sessions, and the actor a request acts as.
import type { Actor } from "#app/domain/permissions";
import { minutesToWait, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP, SIGN_UP_PER_IP } from "#app/domain/rate-limit";
import type { SignUpInput } from "#app/forms/identity";
import type { User } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import { hashPassword, verifyPassword } from "#app/infra/password.server";
import { clearLimit, hitLimit, peekLimit, takeLimit } from "#app/infra/rate-limit.server";
import { createSession, invalidateSession, invalidateUserSessions, type NewSession } from "#app/infra/session.server";
import { findUserByEmail, loadRoles } from "#app/data/users.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";
import { issueVerificationEmail } from "./account.server";

// Verified against when the account does not exist, so a wrong email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function buildActor(db: DB, user: User): Promise<Actor> {
  const roles = await loadRoles(db, user.id);
  return {
    userId: user.id,
    isAdmin: user.is_admin === 1,
    emailVerified: user.email_verified_at !== null,
    ...roles,
  };
}

function sessionMeta(ctx: ServiceContext) {
  return { ip: ctx.ip, userAgent: ctx.userAgent };
}

export async function signUp(ctx: ServiceContext, input: SignUpInput): Promise<Result<{ user: User } & NewSession>> {
  const limit = await takeLimit(ctx.db, `signup:ip:${ctx.ip ?? "unknown"}`, SIGN_UP_PER_IP, ctx.now);
  if (!limit.allowed) return fail("rate_limited", undefined, { minutes: minutesToWait(limit.retryAfterMs) });
  if (await findUserByEmail(ctx.db, input.email)) return fail("email_taken", "email");

  const passwordHash = await hashPassword(input.password);
  const now = ctx.now.toISOString();
  try {
    const user = await ctx.db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto("users")
        .values({
          email: input.email,
          name: input.name,
          password_hash: passwordHash,
          email_verified_at: null,
          preferred_language: input.preferredLanguage,
          country: input.country,
          time_zone: input.timeZone,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await issueVerificationEmail(trx, ctx, user);
      await audit(trx, {
        actorUserId: user.id,
        action: "user.sign_up",
        subjectType: "user",
        subjectId: user.id,
        after: { email: user.email, country: user.country, language: user.preferred_language },
        ip: ctx.ip,
        now: ctx.now,
      });
      return user;
    });
    const session = await createSession(ctx.db, user.id, ctx.now, sessionMeta(ctx));
    return ok({ user, ...session });
  } catch (error) {
    // Two sign-ups with one address at once: the unique index lets only one through.
    if (error instanceof Error && /UNIQUE constraint failed: users\.email/.test(error.message)) {
      return fail("email_taken", "email");
    }
    throw error;
  }
}

export async function signIn(
  ctx: ServiceContext,
  input: { email: string; password: string },
): Promise<Result<{ user: User } & NewSession>> {
  const accountKey = `signin:account:${input.email.toLowerCase()}`;
  const ipKey = `signin:ip:${ctx.ip ?? "unknown"}`;
  for (const [key, policy] of [
    [accountKey, SIGN_IN_PER_ACCOUNT],
    [ipKey, SIGN_IN_PER_IP],
  ] as const) {
    const decision = await peekLimit(ctx.db, key, policy, ctx.now);
    if (!decision.allowed) return fail("rate_limited", undefined, { minutes: minutesToWait(decision.retryAfterMs) });
  }

  const user = await findUserByEmail(ctx.db, input.email);
  dummyHash ??= hashPassword("not-a-real-password-used-for-timing");
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyHash, input.password), false);

  if (!user || !valid) {
    await hitLimit(ctx.db, accountKey, SIGN_IN_PER_ACCOUNT, ctx.now);
    await hitLimit(ctx.db, ipKey, SIGN_IN_PER_IP, ctx.now);
    if (user) {
      await audit(ctx.db, {
        actorUserId: null,
        action: "user.sign_in_failed",
        subjectType: "user",
        subjectId: user.id,
        ip: ctx.ip,
        now: ctx.now,
      });
    }
    return fail("invalid_credentials", "password");
  }

  await clearLimit(ctx.db, accountKey);
  const session = await ctx.db.transaction().execute(async (trx) => {
    const created = await createSession(trx, user.id, ctx.now, sessionMeta(ctx));
    await audit(trx, {
      actorUserId: user.id,
      action: "user.sign_in",
      subjectType: "user",
      subjectId: user.id,
      ip: ctx.ip,
      now: ctx.now,
    });
    return created;
  });
  return ok({ user, ...session });
}

export async function signOut(ctx: ServiceContext, sessionId: string): Promise<void> {
  await invalidateSession(ctx.db, sessionId);
}

/** Ends every session of the acting user, this one included. */
export async function signOutEverywhere(ctx: ServiceContext): Promise<Result<{ ended: number }>> {
  if (!ctx.actor) return fail("unauthorised");
  const userId = ctx.actor.userId;
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const { count } = await trx
      .selectFrom("sessions")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    await invalidateUserSessions(trx, userId);
    await audit(trx, {
      actorUserId: userId,
      action: "user.sign_out_everywhere",
      subjectType: "user",
      subjectId: userId,
      ip: ctx.ip,
      now: ctx.now,
    });
    return Number(count);
  });
  return ok({ ended });
}

/** Replaces the current session with a new one (after a change of privilege, against fixation). */
export async function rotateSession(ctx: ServiceContext, userId: number, oldSessionId: string | null): Promise<NewSession> {
  return ctx.db.transaction().execute(async (trx) => {
    if (oldSessionId) await invalidateSession(trx, oldSessionId);
    return createSession(trx, userId, ctx.now, sessionMeta(ctx));
  });
}

export async function listSessions(ctx: ServiceContext) {
  if (!ctx.actor) return [];
  return ctx.db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_verified_at", "user_agent", "ip"])
    .where("user_id", "=", ctx.actor.userId)
    .orderBy("last_verified_at", "desc")
    .execute();
}
