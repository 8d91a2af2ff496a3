import { describe, expect, it } from "vitest";
import { countVotes, detectBursts, votingWindow, VOTE_BURST } from "#app/domain/votes";

const window = {
  enabled: true,
  opensAt: "2026-11-24T00:00:00.000Z",
  closesAt: "2026-11-25T00:00:00.000Z",
  timeZone: "Asia/Shanghai",
};

describe("votingWindow", () => {
  it("is not yet open before the opening instant, open from it, closed at the closing instant", () => {
    expect(votingWindow(window, new Date("2026-11-23T23:59:59.999Z")).phase).toBe("not_yet");
    expect(votingWindow(window, new Date("2026-11-24T00:00:00.000Z")).phase).toBe("open");
    expect(votingWindow(window, new Date("2026-11-24T23:59:59.999Z")).phase).toBe("open");
    expect(votingWindow(window, new Date("2026-11-25T00:00:00.000Z")).phase).toBe("closed");
  });

  it("never opens when switched off or without both instants", () => {
    const now = new Date("2026-11-24T12:00:00.000Z");
    expect(votingWindow({ ...window, enabled: false }, now).phase).toBe("disabled");
    expect(votingWindow({ ...window, closesAt: null }, now).phase).toBe("disabled");
    expect(votingWindow({ ...window, opensAt: "garbage" }, now).phase).toBe("disabled");
  });

  it("carries the contest's zone and the UTC instants for display", () => {
    const w = votingWindow(window, new Date("2026-11-24T12:00:00.000Z"));
    expect(w).toEqual({ phase: "open", opensAt: window.opensAt, closesAt: window.closesAt, timeZone: "Asia/Shanghai" });
  });
});

/** `n` votes from `ip`, one every `stepSeconds`, from `start`, ids from `firstId`. */
function series(ip: string, n: number, start: string, stepSeconds: number, firstId: number) {
  const t0 = Date.parse(start);
  return Array.from({ length: n }, (_, i) => ({
    id: firstId + i,
    ip,
    createdAt: new Date(t0 + i * stepSeconds * 1000).toISOString(),
  }));
}

describe("detectBursts", () => {
  it("documents its default: more than 10 votes within 10 minutes", () => {
    expect(VOTE_BURST).toEqual({ maxVotes: 10, windowMinutes: 10 });
  });

  it("does not flag exactly ten votes in ten minutes", () => {
    expect(detectBursts(series("10.0.0.1", 10, "2026-11-24T01:00:00.000Z", 30, 1))).toEqual([]);
  });

  it("flags eleven votes within ten minutes from one address, with every vote of the span", () => {
    const votes = [
      ...series("10.0.0.1", 11, "2026-11-24T01:00:00.000Z", 30, 1), // 11 votes over 5 minutes
      ...series("10.0.0.2", 3, "2026-11-24T01:00:00.000Z", 10, 100),
    ];
    const bursts = detectBursts(votes);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toEqual({
      ip: "10.0.0.1",
      voteIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      firstAt: "2026-11-24T01:00:00.000Z",
      lastAt: "2026-11-24T01:05:00.000Z",
      peak: 11,
    });
  });

  it("does not flag eleven votes spread over more than ten minutes", () => {
    // One a minute: votes 1 and 11 are exactly ten minutes apart, so no span under ten minutes holds 11.
    expect(detectBursts(series("10.0.0.1", 11, "2026-11-24T01:00:00.000Z", 60, 1))).toEqual([]);
  });

  it("leaves out votes outside the burst's spans and votes without an address", () => {
    const early = { id: 50, ip: "10.0.0.1", createdAt: "2026-11-24T00:00:00.000Z" };
    const burst = series("10.0.0.1", 12, "2026-11-24T02:00:00.000Z", 5, 1);
    const anonymous = series("", 20, "2026-11-24T02:00:00.000Z", 1, 200).map((v) => ({ ...v, ip: null }));
    const [only, ...rest] = detectBursts([early, ...burst, ...anonymous]);
    expect(rest).toEqual([]);
    expect(only!.voteIds).toEqual(burst.map((v) => v.id));
    expect(only!.peak).toBe(12);
  });

  it("honours another policy", () => {
    expect(detectBursts(series("a", 3, "2026-11-24T02:00:00.000Z", 60, 1), { maxVotes: 2, windowMinutes: 5 })).toHaveLength(1);
    expect(detectBursts(series("a", 3, "2026-11-24T02:00:00.000Z", 180, 1), { maxVotes: 2, windowMinutes: 5 })).toEqual([]);
  });
});

describe("countVotes", () => {
  it("counts live votes per entry and ignores voided ones", () => {
    const counts = countVotes([
      { entryId: 1, voidedAt: null },
      { entryId: 1, voidedAt: null },
      { entryId: 2, voidedAt: "2026-11-24T00:00:00.000Z" },
      { entryId: 3, voidedAt: null },
      { entryId: 1, voidedAt: "2026-11-24T00:00:00.000Z" },
    ]);
    expect([...counts.entries()].sort()).toEqual([
      [1, 2],
      [3, 1],
    ]);
  });
});
