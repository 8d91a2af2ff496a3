// Fixed-window rate limiting as a pure function over a stored bucket, so the same rule serves
// sign-in per account, per IP, sign-up and password-reset requests.
export interface RateLimitPolicy {
  /** How many hits the window allows. */
  limit: number;
  windowMs: number;
}

export interface RateLimitBucket {
  windowStartedAt: string;
  count: number;
}

export type RateLimitDecision =
  | { allowed: true; bucket: RateLimitBucket; remaining: number }
  | { allowed: false; bucket: RateLimitBucket; retryAfterMs: number };

/** Would one more hit be allowed? Does not count the hit; see `recordHit`. */
export function checkLimit(bucket: RateLimitBucket | null, now: Date, policy: RateLimitPolicy): RateLimitDecision {
  const current = liveBucket(bucket, now, policy);
  if (current.count >= policy.limit) {
    const retryAfterMs = Date.parse(current.windowStartedAt) + policy.windowMs - now.getTime();
    return { allowed: false, bucket: current, retryAfterMs: Math.max(retryAfterMs, 1000) };
  }
  return { allowed: true, bucket: current, remaining: policy.limit - current.count };
}

/** The bucket after one more hit at `now`. */
export function recordHit(bucket: RateLimitBucket | null, now: Date, policy: RateLimitPolicy): RateLimitBucket {
  const current = liveBucket(bucket, now, policy);
  return { windowStartedAt: current.windowStartedAt, count: current.count + 1 };
}

function liveBucket(bucket: RateLimitBucket | null, now: Date, policy: RateLimitPolicy): RateLimitBucket {
  if (!bucket) return { windowStartedAt: now.toISOString(), count: 0 };
  const started = Date.parse(bucket.windowStartedAt);
  if (!Number.isFinite(started) || now.getTime() - started >= policy.windowMs || started > now.getTime()) {
    return { windowStartedAt: now.toISOString(), count: 0 };
  }
  return bucket;
}

/** Whole minutes to wait, rounded up, at least 1: what the user is told. */
export function minutesToWait(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

export const SIGN_IN_PER_ACCOUNT: RateLimitPolicy = { limit: 5, windowMs: 15 * 60_000 };
export const SIGN_IN_PER_IP: RateLimitPolicy = { limit: 30, windowMs: 15 * 60_000 };
export const SIGN_UP_PER_IP: RateLimitPolicy = { limit: 10, windowMs: 60 * 60_000 };
export const PASSWORD_RESET_PER_IP: RateLimitPolicy = { limit: 10, windowMs: 60 * 60_000 };
export const PASSWORD_RESET_PER_ACCOUNT: RateLimitPolicy = { limit: 3, windowMs: 60 * 60_000 };
export const VERIFY_RESEND_PER_ACCOUNT: RateLimitPolicy = { limit: 3, windowMs: 60 * 60_000 };

// Invitations send mail to any address the sender types: limited per sender so no account becomes
// a spam relay. A judge CSV import counts once however many rows it has (it is bounded by its size).
export const TEAM_INVITES_PER_ACCOUNT: RateLimitPolicy = { limit: 30, windowMs: 60 * 60_000 };
export const JUDGE_INVITE_BATCHES_PER_ACCOUNT: RateLimitPolicy = { limit: 30, windowMs: 60 * 60_000 };
export const MENTOR_INVITES_PER_ACCOUNT: RateLimitPolicy = { limit: 60, windowMs: 60 * 60_000 };
export const HEAT_ORGANISER_INVITES_PER_ACCOUNT: RateLimitPolicy = { limit: 60, windowMs: 60 * 60_000 };
// Wrong or unknown tokens (invitations, password reset, email verification) per network address.
export const TOKEN_FAILURES_PER_IP: RateLimitPolicy = { limit: 20, windowMs: 15 * 60_000 };
// Hand-ins and check-in attachments per account: far above a team's real pace, even at a deadline.
export const UPLOADS_PER_ACCOUNT: RateLimitPolicy = { limit: 60, windowMs: 10 * 60_000 };
// People's choice votes: an account votes once per track, so a handful of tracks is a handful of
// votes; the address limit leaves room for an office or a campus behind one address. Bursts under
// these limits are flagged for the organiser instead (app/domain/votes.ts).
export const VOTES_PER_ACCOUNT: RateLimitPolicy = { limit: 20, windowMs: 10 * 60_000 };
export const VOTES_PER_IP: RateLimitPolicy = { limit: 60, windowMs: 10 * 60_000 };
