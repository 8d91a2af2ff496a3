// The account: email verification, password reset and change, and the profile.
import { isTokenShaped } from "#app/domain/invitations";
import type { Kysely } from "kysely";
import {
  minutesToWait,
  PASSWORD_RESET_PER_ACCOUNT,
  PASSWORD_RESET_PER_IP,
  VERIFY_RESEND_PER_ACCOUNT,
} from "#app/domain/rate-limit";
import { can } from "#app/domain/permissions";
import type { ProfileInput } from "#app/forms/identity";
import type { Database, User } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { randomToken, sha256Hex } from "#app/infra/crypto.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { hashPassword, verifyPassword } from "#app/infra/password.server";
import { takeLimit } from "#app/infra/rate-limit.server";
import { createSession, invalidateUserSessions, type NewSession } from "#app/infra/session.server";
import { findEmailToken, findUserByEmail, findUserById, insertEmailToken, retireEmailTokens } from "#app/data/users.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export const VERIFY_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/** Writes a fresh verification token and its email inside the caller's transaction. */
export async function issueVerificationEmail(trx: Kysely<Database>, ctx: ServiceContext, user: User): Promise<void> {
  await retireEmailTokens(trx, user.id, "verify_email", ctx.now);
  const token = randomToken(32);
  await insertEmailToken(trx, {
    purpose: "verify_email",
    userId: user.id,
    email: user.email,
    tokenHash: sha256Hex(token),
    expiresAt: new Date(ctx.now.getTime() + VERIFY_TOKEN_TTL_MS),
    now: ctx.now,
  });
  await enqueueMail(trx, {
    kind: "verify_email",
    to: { address: user.email, name: user.name, language: user.preferred_language },
    params: { name: user.name, url: `${ctx.appUrl}/verify-email/${token}`, hours: VERIFY_TOKEN_TTL_MS / 3_600_000 },
    now: ctx.now,
  });
}

export async function resendVerification(ctx: ServiceContext): Promise<Result<{ email: string }>> {
  if (!ctx.actor) return fail("unauthorised");
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) return fail("unauthorised");
  if (user.email_verified_at) return fail("already_verified");
  const limit = await takeLimit(ctx.db, `verify:account:${user.id}`, VERIFY_RESEND_PER_ACCOUNT, ctx.now);
  if (!limit.allowed) return fail("rate_limited", undefined, { minutes: minutesToWait(limit.retryAfterMs) });
  await ctx.db.transaction().execute((trx) => issueVerificationEmail(trx, ctx, user));
  return ok({ email: user.email });
}

type TokenProblem = "token_invalid" | "token_expired" | "token_used";

async function usableToken(ctx: ServiceContext, purpose: "verify_email" | "reset_password", token: string) {
  if (!isTokenShaped(token)) return { problem: "token_invalid" as TokenProblem };
  const row = await findEmailToken(ctx.db, purpose, sha256Hex(token));
  if (!row) return { problem: "token_invalid" as TokenProblem };
  if (row.used_at) return { problem: "token_used" as TokenProblem };
  if (Date.parse(row.expires_at) <= ctx.now.getTime()) return { problem: "token_expired" as TokenProblem };
  const user = await findUserById(ctx.db, row.user_id);
  // The token was sent to an address the account no longer has.
  if (!user || user.email !== row.email) return { problem: "token_invalid" as TokenProblem };
  return { row, user };
}

export async function inspectVerificationToken(ctx: ServiceContext, token: string): Promise<Result<{ email: string }>> {
  const found = await usableToken(ctx, "verify_email", token);
  if ("problem" in found) return fail(found.problem!);
  return ok({ email: found.user.email });
}

export async function verifyEmail(ctx: ServiceContext, token: string): Promise<Result<{ userId: number }>> {
  const found = await usableToken(ctx, "verify_email", token);
  if ("problem" in found) return fail(found.problem!);
  const { row, user } = found;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("email_tokens").set({ used_at: ctx.now.toISOString() }).where("id", "=", row.id).execute();
    await trx
      .updateTable("users")
      .set({ email_verified_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString(), version: user.version + 1 })
      .where("id", "=", user.id)
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      action: "user.email_verified",
      subjectType: "user",
      subjectId: user.id,
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok({ userId: user.id });
}

/** Sends a reset link when the account exists; answers the same either way. */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<Result<null>> {
  const ipLimit = await takeLimit(ctx.db, `reset:ip:${ctx.ip ?? "unknown"}`, PASSWORD_RESET_PER_IP, ctx.now);
  if (!ipLimit.allowed) return fail("rate_limited", undefined, { minutes: minutesToWait(ipLimit.retryAfterMs) });
  const user = await findUserByEmail(ctx.db, email);
  if (!user) return ok(null);
  // Per account the limit is silent: telling would reveal that the account exists.
  const accountLimit = await takeLimit(ctx.db, `reset:account:${user.id}`, PASSWORD_RESET_PER_ACCOUNT, ctx.now);
  if (!accountLimit.allowed) return ok(null);
  const token = randomToken(32);
  await ctx.db.transaction().execute(async (trx) => {
    await retireEmailTokens(trx, user.id, "reset_password", ctx.now);
    await insertEmailToken(trx, {
      purpose: "reset_password",
      userId: user.id,
      email: user.email,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(ctx.now.getTime() + RESET_TOKEN_TTL_MS),
      now: ctx.now,
    });
    await enqueueMail(trx, {
      kind: "reset_password",
      to: { address: user.email, name: user.name, language: user.preferred_language },
      params: { name: user.name, url: `${ctx.appUrl}/reset-password/${token}`, minutes: RESET_TOKEN_TTL_MS / 60_000 },
      now: ctx.now,
    });
    await audit(trx, {
      actorUserId: null,
      action: "user.password_reset_requested",
      subjectType: "user",
      subjectId: user.id,
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok(null);
}

export async function inspectResetToken(ctx: ServiceContext, token: string): Promise<Result<{ email: string }>> {
  const found = await usableToken(ctx, "reset_password", token);
  if ("problem" in found) return fail(found.problem!);
  return ok({ email: found.user.email });
}

/** Sets a new password from a reset link: every session ends, and the caller gets a new one. */
export async function resetPassword(
  ctx: ServiceContext,
  token: string,
  password: string,
): Promise<Result<{ user: User } & NewSession>> {
  const found = await usableToken(ctx, "reset_password", token);
  if ("problem" in found) return fail(found.problem!);
  const { row, user } = found;
  const passwordHash = await hashPassword(password);
  const session = await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("email_tokens").set({ used_at: ctx.now.toISOString() }).where("id", "=", row.id).execute();
    await retireEmailTokens(trx, user.id, "reset_password", ctx.now);
    await trx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        // Following the link proved the mailbox is theirs.
        email_verified_at: user.email_verified_at ?? ctx.now.toISOString(),
        updated_at: ctx.now.toISOString(),
        version: user.version + 1,
      })
      .where("id", "=", user.id)
      .execute();
    await invalidateUserSessions(trx, user.id);
    await enqueueMail(trx, {
      kind: "password_changed",
      to: { address: user.email, name: user.name, language: user.preferred_language },
      params: { name: user.name, url: `${ctx.appUrl}/forgot-password` },
      now: ctx.now,
    });
    await audit(trx, {
      actorUserId: user.id,
      action: "user.password_reset",
      subjectType: "user",
      subjectId: user.id,
      ip: ctx.ip,
      now: ctx.now,
    });
    return createSession(trx, user.id, ctx.now, { ip: ctx.ip, userAgent: ctx.userAgent });
  });
  return ok({ user, ...session });
}

/** Changes the password: every session ends, including this one, and a new one is issued. */
export async function changePassword(
  ctx: ServiceContext,
  input: { currentPassword: string; password: string },
): Promise<Result<NewSession>> {
  if (!ctx.actor) return fail("unauthorised");
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) return fail("unauthorised");
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) return fail("wrong_password", "currentPassword");
  const passwordHash = await hashPassword(input.password);
  const session = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: ctx.now.toISOString(), version: user.version + 1 })
      .where("id", "=", user.id)
      .execute();
    await invalidateUserSessions(trx, user.id);
    await enqueueMail(trx, {
      kind: "password_changed",
      to: { address: user.email, name: user.name, language: user.preferred_language },
      params: { name: user.name, url: `${ctx.appUrl}/forgot-password` },
      now: ctx.now,
    });
    await audit(trx, {
      actorUserId: user.id,
      action: "user.password_changed",
      subjectType: "user",
      subjectId: user.id,
      ip: ctx.ip,
      now: ctx.now,
    });
    return createSession(trx, user.id, ctx.now, { ip: ctx.ip, userAgent: ctx.userAgent });
  });
  return ok(session);
}

export async function updateProfile(ctx: ServiceContext, input: ProfileInput): Promise<Result<User>> {
  if (!ctx.actor || !can(ctx.actor, { type: "user.update", userId: ctx.actor.userId })) return fail("unauthorised");
  const userId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, userId);
    if (!before) return fail("unauthorised");
    const updated = await trx
      .updateTable("users")
      .set({
        name: input.name,
        preferred_language: input.preferredLanguage,
        country: input.country,
        time_zone: input.timeZone,
        updated_at: ctx.now.toISOString(),
        version: input.version + 1,
      })
      .where("id", "=", userId)
      .where("version", "=", input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return fail("changed_by_someone_else");
    const pick = (u: User) => ({
      name: u.name,
      preferred_language: u.preferred_language,
      country: u.country,
      time_zone: u.time_zone,
    });
    await audit(trx, {
      actorUserId: userId,
      action: "user.profile_updated",
      subjectType: "user",
      subjectId: userId,
      before: pick(before),
      after: pick(updated),
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(updated);
  });
}

/** The language switcher, for a signed-in user: remembered in the profile. */
export async function setPreferredLanguage(ctx: ServiceContext, language: User["preferred_language"]): Promise<Result<null>> {
  if (!ctx.actor) return fail("unauthorised");
  await ctx.db
    .updateTable("users")
    .set((eb) => ({ preferred_language: language, updated_at: ctx.now.toISOString(), version: eb("version", "+", 1) }))
    .where("id", "=", ctx.actor.userId)
    .where("preferred_language", "!=", language)
    .execute();
  return ok(null);
}
