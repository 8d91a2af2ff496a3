import { describe, expect, it } from "vitest";
import {
  assessSession,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_ACTIVITY_CHECK_INTERVAL_MS,
  SESSION_INACTIVITY_TIMEOUT_MS,
} from "#app/domain/session-policy";

const start = new Date("2026-11-01T00:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("assessSession", () => {
  it("uses the documented limits: 10 days idle, hourly refresh, 30 days in all", () => {
    expect(SESSION_INACTIVITY_TIMEOUT_MS).toBe(10 * DAY);
    expect(SESSION_ACTIVITY_CHECK_INTERVAL_MS).toBe(HOUR);
    expect(SESSION_ABSOLUTE_LIFETIME_MS).toBe(30 * DAY);
  });

  it("keeps a fresh session without writing", () => {
    const v = assessSession({ createdAt: start.toISOString(), lastVerifiedAt: start.toISOString() }, at(59 * 60_000));
    expect(v).toEqual({ status: "valid", refresh: false, expiresAt: at(10 * DAY) });
  });

  it("slides the window once an hour has passed since the last check", () => {
    const v = assessSession({ createdAt: start.toISOString(), lastVerifiedAt: start.toISOString() }, at(HOUR));
    expect(v).toEqual({ status: "valid", refresh: true, expiresAt: at(HOUR + 10 * DAY) });
  });

  it("ends a session idle for ten days, and not a minute before", () => {
    const session = { createdAt: start.toISOString(), lastVerifiedAt: start.toISOString() };
    expect(assessSession(session, at(10 * DAY - 60_000)).status).toBe("valid");
    expect(assessSession(session, at(10 * DAY))).toEqual({ status: "expired", reason: "inactive" });
  });

  it("ends any session thirty days after it began, however active", () => {
    const session = { createdAt: start.toISOString(), lastVerifiedAt: at(30 * DAY - HOUR).toISOString() };
    expect(assessSession(session, at(30 * DAY))).toEqual({ status: "expired", reason: "too_old" });
  });

  it("never lets the sliding window pass the absolute lifetime", () => {
    const session = { createdAt: start.toISOString(), lastVerifiedAt: at(25 * DAY).toISOString() };
    const v = assessSession(session, at(25 * DAY + 2 * HOUR));
    expect(v).toEqual({ status: "valid", refresh: true, expiresAt: at(30 * DAY) });
  });

  it("treats unreadable times as expired", () => {
    expect(assessSession({ createdAt: "nonsense", lastVerifiedAt: start.toISOString() }, start).status).toBe("expired");
  });
});
