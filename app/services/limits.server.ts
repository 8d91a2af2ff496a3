// The rate limits that guard several services: invitations sent, tokens guessed, files uploaded.
// Each answers `rate_limited` with the minutes to wait, as sign-in and sign-up do.
import { minutesToWait, TOKEN_FAILURES_PER_IP, UPLOADS_PER_ACCOUNT, type RateLimitPolicy } from "#app/domain/rate-limit";
import { hitLimit, peekLimit, takeLimit } from "#app/infra/rate-limit.server";
import type { ServiceContext } from "./context.server";
import { fail, type Result } from "./result";

type Refusal = ReturnType<typeof fail>;

/** Counts one use of `key` under `policy`; a refusal when the window is full. */
export async function spend(ctx: ServiceContext, key: string, policy: RateLimitPolicy): Promise<Refusal | null> {
  const decision = await takeLimit(ctx.db, key, policy, ctx.now);
  return decision.allowed ? null : fail("rate_limited", undefined, { minutes: minutesToWait(decision.retryAfterMs) });
}

/** One more upload by the signed-in actor (hand-ins and check-in attachments share the budget). */
export function spendUpload(ctx: ServiceContext) {
  return spend(ctx, `upload:account:${ctx.actor?.userId ?? 0}`, UPLOADS_PER_ACCOUNT);
}

/**
 * Looks a token up, unless this network address has already sent too many unknown tokens; an
 * unknown token counts against it. Expired or used tokens do not count: they were real once.
 */
export async function guardTokenLookup<T>(ctx: ServiceContext, lookup: () => Promise<Result<T>>): Promise<Result<T>> {
  const key = `token:ip:${ctx.ip ?? "unknown"}`;
  const decision = await peekLimit(ctx.db, key, TOKEN_FAILURES_PER_IP, ctx.now);
  if (!decision.allowed) return fail("rate_limited", undefined, { minutes: minutesToWait(decision.retryAfterMs) });
  const result = await lookup();
  if (!result.ok && result.error.code === "token_invalid") await hitLimit(ctx.db, key, TOKEN_FAILURES_PER_IP, ctx.now);
  return result;
}
