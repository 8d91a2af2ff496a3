// When a session is still good, when it must be refreshed, and when it is over (the Lucia design:
// an inactivity timeout with a sliding window, checked at most hourly, plus an absolute lifetime).
export const SESSION_INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000; // 10 days
export const SESSION_ACTIVITY_CHECK_INTERVAL_MS = 60 * 60 * 1000; // 1 hour
export const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000; // 30 days

export interface SessionTimes {
  createdAt: string;
  lastVerifiedAt: string;
}

export type SessionVerdict =
  { status: "expired"; reason: "inactive" | "too_old" } | { status: "valid"; refresh: boolean; expiresAt: Date };

export function assessSession(session: SessionTimes, now: Date): SessionVerdict {
  const created = Date.parse(session.createdAt);
  const lastVerified = Date.parse(session.lastVerifiedAt);
  const t = now.getTime();
  if (!Number.isFinite(created) || t - created >= SESSION_ABSOLUTE_LIFETIME_MS) {
    return { status: "expired", reason: "too_old" };
  }
  if (!Number.isFinite(lastVerified) || t - lastVerified >= SESSION_INACTIVITY_TIMEOUT_MS) {
    return { status: "expired", reason: "inactive" };
  }
  const refresh = t - lastVerified >= SESSION_ACTIVITY_CHECK_INTERVAL_MS;
  const base = refresh ? t : lastVerified;
  return { status: "valid", refresh, expiresAt: sessionExpiry(created, base) };
}

/** The cookie's expiry: the earlier of the inactivity deadline and the absolute deadline. */
export function sessionExpiry(createdAtMs: number, lastVerifiedAtMs: number): Date {
  return new Date(Math.min(lastVerifiedAtMs + SESSION_INACTIVITY_TIMEOUT_MS, createdAtMs + SESSION_ABSOLUTE_LIFETIME_MS));
}
