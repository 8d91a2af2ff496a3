import { describe, expect, it } from "vitest";
import { checkLimit, minutesToWait, recordHit, SIGN_IN_PER_ACCOUNT, type RateLimitBucket } from "#app/domain/rate-limit";

const policy = { limit: 3, windowMs: 10 * 60_000 };
const t0 = new Date("2026-11-24T00:00:00.000Z");
const after = (ms: number) => new Date(t0.getTime() + ms);

describe("fixed-window rate limit", () => {
  it("allows up to the limit, then refuses with the time left in the window", () => {
    let bucket: RateLimitBucket | null = null;
    for (let i = 0; i < 3; i++) {
      const d = checkLimit(bucket, after(i * 1000), policy);
      expect(d.allowed).toBe(true);
      bucket = recordHit(bucket, after(i * 1000), policy);
    }
    expect(bucket).toEqual({ windowStartedAt: t0.toISOString(), count: 3 });
    const refused = checkLimit(bucket, after(4 * 60_000), policy);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 6 * 60_000 });
  });

  it("starts a new window once the old one has passed", () => {
    const full = { windowStartedAt: t0.toISOString(), count: 3 };
    const d = checkLimit(full, after(10 * 60_000), policy);
    expect(d).toMatchObject({ allowed: true, remaining: 3 });
    expect(recordHit(full, after(10 * 60_000), policy)).toEqual({ windowStartedAt: after(10 * 60_000).toISOString(), count: 1 });
  });

  it("reports remaining hits", () => {
    expect(checkLimit({ windowStartedAt: t0.toISOString(), count: 1 }, after(1), policy)).toMatchObject({
      allowed: true,
      remaining: 2,
    });
  });

  it("resets a bucket from the future (clock change) rather than locking out", () => {
    expect(checkLimit({ windowStartedAt: after(60_000).toISOString(), count: 99 }, t0, policy).allowed).toBe(true);
  });

  it("rounds the wait up to whole minutes, at least one", () => {
    expect(minutesToWait(1)).toBe(1);
    expect(minutesToWait(60_000)).toBe(1);
    expect(minutesToWait(60_001)).toBe(2);
    expect(minutesToWait(14 * 60_000 + 5)).toBe(15);
  });

  it("limits sign-in to five failures per account in fifteen minutes", () => {
    expect(SIGN_IN_PER_ACCOUNT).toEqual({ limit: 5, windowMs: 15 * 60_000 });
  });
});
