import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignJudges,
  preferenceCost,
  type AssignmentEntry,
  type AssignmentInput,
  type AssignmentJudge,
} from "#app/domain/assignment";
import { FlowNetwork } from "#app/domain/min-cost-flow";

const judge = (id: number, trackIds: number[] = [], languages: string[] = []): AssignmentJudge => ({
  id,
  trackIds,
  languages,
});
const entry = (id: number, trackId = 1, language: string | null = null): AssignmentEntry => ({ id, trackId, language });

function perEntry(result: ReturnType<typeof assignJudges>) {
  const map = new Map<number, number[]>();
  for (const a of result.assignments) map.set(a.entryId, [...(map.get(a.entryId) ?? []), a.judgeId]);
  return map;
}

/** Number of connected parts of one track's judge–entry graph, counted independently of the module. */
function parts(assignments: Array<{ judgeId: number; entryId: number }>): number {
  const adjacency = new Map<string, string[]>();
  const link = (a: string, b: string) => adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  for (const { judgeId, entryId } of assignments) {
    link(`j${judgeId}`, `e${entryId}`);
    link(`e${entryId}`, `j${judgeId}`);
  }
  const seen = new Set<string>();
  let count = 0;
  for (const start of adjacency.keys()) {
    if (seen.has(start)) continue;
    count++;
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      for (const next of adjacency.get(stack.pop()!)!) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return count;
}

describe("min-cost flow", () => {
  it("finds the cheapest maximum flow on a hand-computed network", () => {
    // 0 → 1 (2, cost 1), 0 → 2 (1, cost 2), 1 → 3 (1, cost 1), 1 → 2 (1, cost 1), 2 → 3 (2, cost 1).
    // Max flow 3; cheapest: 0-1-3 (2), 0-1-2-3 (3), 0-2-3 (3) = 8.
    const net = new FlowNetwork(4);
    net.addEdge(0, 1, 2, 1);
    net.addEdge(0, 2, 1, 2);
    net.addEdge(1, 3, 1, 1);
    net.addEdge(1, 2, 1, 1);
    net.addEdge(2, 3, 2, 1);
    expect(net.minCostMaxFlow(0, 3)).toEqual({ flow: 3, cost: 8 });
  });

  it("prefers two cheap paths to one expensive shortcut", () => {
    const net = new FlowNetwork(4);
    const direct = net.addEdge(0, 3, 1, 10);
    net.addEdge(0, 1, 1, 1);
    net.addEdge(1, 3, 1, 1);
    net.addEdge(0, 2, 1, 1);
    net.addEdge(2, 3, 1, 1);
    expect(net.minCostMaxFlow(0, 3)).toEqual({ flow: 3, cost: 14 });
    expect(net.flowOn(direct)).toBe(1);
  });

  it("refuses negative costs", () => {
    expect(() => new FlowNetwork(2).addEdge(0, 1, 1, -1)).toThrow();
  });
});

describe("preferenceCost", () => {
  it("charges a track mismatch and an unread language", () => {
    expect(preferenceCost(judge(1, [1], ["en"]), entry(1, 1, "en"))).toBe(0);
    expect(preferenceCost(judge(1, [2], ["en"]), entry(1, 1, "en"))).toBe(3);
    expect(preferenceCost(judge(1, [1], ["zh-CN"]), entry(1, 1, "en"))).toBe(2);
    expect(preferenceCost(judge(1, [], []), entry(1, 1, null))).toBe(0);
  });
});

describe("assignJudges", () => {
  it("gives every entry k distinct judges and balances the load exactly", () => {
    const result = assignJudges({
      entries: [1, 2, 3, 4, 5].map((id) => entry(id)),
      judges: [1, 2, 3, 4].map((id) => judge(id)),
      judgesPerEntry: 3,
      conflicts: [],
      seed: 7,
    });
    // 15 slots over 4 judges: loads 3 or 4.
    expect([...result.loads.values()].sort()).toEqual([3, 4, 4, 4]);
    for (const judges of perEntry(result).values()) expect(new Set(judges).size).toBe(3);
    expect(result.problems).toEqual([]);
  });

  it("never assigns a conflicted judge", () => {
    const result = assignJudges({
      entries: [entry(1), entry(2)],
      judges: [judge(10), judge(11), judge(12)],
      judgesPerEntry: 2,
      conflicts: [[10, 1]],
      seed: 1,
    });
    expect(perEntry(result).get(1)!.sort()).toEqual([11, 12]);
    expect(result.problems).toEqual([]);
  });

  it("prefers judges of the entry's track and language", () => {
    const result = assignJudges({
      entries: [entry(1, 1, "th"), entry(2, 2, "vi")],
      judges: [judge(10, [1], ["th"]), judge(11, [2], ["vi"]), judge(12, [1], ["en"]), judge(13, [2], ["en"])],
      judgesPerEntry: 1,
      conflicts: [],
      seed: 3,
    });
    expect(perEntry(result).get(1)).toEqual([10]);
    expect(perEntry(result).get(2)).toEqual([11]);
  });

  it("says which track has too few eligible judges", () => {
    const result = assignJudges({
      entries: [entry(1, 5), entry(2, 5), entry(3, 5), entry(4, 6)],
      judges: [judge(10), judge(11), judge(12)],
      judgesPerEntry: 3,
      conflicts: [
        [10, 1],
        [10, 2],
        [11, 3],
      ],
      seed: 1,
    });
    expect(result.problems).toContainEqual({ code: "too_few_eligible", trackId: 5, entries: 3, eligible: 2, needed: 3 });
    // Every entry still gets every judge it may have.
    expect(perEntry(result).get(1)!.sort()).toEqual([11, 12]);
    expect(perEntry(result).get(4)!.sort()).toEqual([10, 11, 12]);
  });

  it("reports no judges at all and languages nobody reads", () => {
    expect(assignJudges({ entries: [entry(1)], judges: [], judgesPerEntry: 2, conflicts: [], seed: 1 }).problems).toEqual([
      { code: "no_judges" },
    ]);
    const result = assignJudges({
      entries: [entry(1, 1, "th"), entry(2, 1, "th")],
      judges: [judge(1, [], ["en"]), judge(2, [], ["vi"])],
      judgesPerEntry: 1,
      conflicts: [],
      seed: 1,
    });
    expect(result.problems).toContainEqual({ code: "no_reader", language: "th", entries: 2 });
  });

  it("says when conflicts make an even load impossible", () => {
    // Judge 10 may judge nothing: loads 3, 3, 0.
    const result = assignJudges({
      entries: [entry(1), entry(2), entry(3)],
      judges: [judge(10), judge(11), judge(12)],
      judgesPerEntry: 2,
      conflicts: [
        [10, 1],
        [10, 2],
        [10, 3],
      ],
      seed: 1,
    });
    expect(result.problems).toContainEqual({ code: "unbalanced", most: 3, least: 0 });
  });

  it("joins closed sub-panels within a track", () => {
    // 4 entries, 4 judges, 2 each: a flow could pair {1,2}×{a,b} and {3,4}×{c,d}; mixing joins them.
    for (let seed = 0; seed < 30; seed++) {
      const result = assignJudges({
        entries: [1, 2, 3, 4].map((id) => entry(id)),
        judges: [1, 2, 3, 4].map((id) => judge(id)),
        judgesPerEntry: 2,
        conflicts: [],
        seed,
      });
      expect(parts(result.assignments)).toBe(1);
      expect(result.problems).toEqual([]);
    }
  });

  it("keeps the assignments it is told to keep and rebalances the rest", () => {
    // Judge 13 withdrew; judge 10 finished entry 1. Entries 1–3 need 2 judges each from 10, 11, 12.
    const result = assignJudges({
      entries: [entry(1), entry(2), entry(3)],
      judges: [judge(10), judge(11), judge(12)],
      judgesPerEntry: 2,
      conflicts: [],
      keep: [{ judgeId: 10, entryId: 1 }],
      seed: 4,
    });
    expect(result.assignments).toContainEqual({ judgeId: 10, entryId: 1 });
    expect(result.added).not.toContainEqual({ judgeId: 10, entryId: 1 });
    expect(result.added).toHaveLength(5);
    expect([...result.loads.values()]).toEqual([2, 2, 2]);
  });

  it("counts a kept review of a judge who left towards its entry, without giving them load", () => {
    const result = assignJudges({
      entries: [entry(1), entry(2)],
      judges: [judge(10), judge(11)],
      judgesPerEntry: 2,
      conflicts: [],
      keep: [{ judgeId: 99, entryId: 1 }],
      seed: 2,
    });
    expect(perEntry(result).get(1)).toHaveLength(2);
    expect(perEntry(result).get(1)).toContain(99);
    expect(perEntry(result).get(2)!.sort()).toEqual([10, 11]);
    expect([...result.loads.keys()]).toEqual(expect.not.arrayContaining([99]));
  });

  it("warns that one judge per entry cannot calibrate judges", () => {
    const result = assignJudges({
      entries: [entry(1), entry(2)],
      judges: [judge(1), judge(2)],
      judgesPerEntry: 1,
      conflicts: [],
      seed: 1,
    });
    expect(result.problems).toEqual([{ code: "single_judge_panels", trackId: 1 }]);
  });

  // Random instances: the rules hold whenever they can, and every broken rule is reported.
  const instance = fc
    .record({
      entries: fc.integer({ min: 0, max: 30 }),
      judges: fc.integer({ min: 1, max: 12 }),
      tracks: fc.integer({ min: 1, max: 3 }),
      k: fc.integer({ min: 1, max: 4 }),
      conflictRate: fc.constantFrom(0, 0.05, 0.2, 0.5),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      salt: fc.integer({ min: 1, max: 1000 }),
    })
    .map(({ entries, judges, tracks, k, conflictRate, seed, salt }): AssignmentInput => {
      let state = salt;
      const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
      const es = Array.from({ length: entries }, (_, i) => entry(i + 1, 1 + (i % tracks), next() < 0.5 ? "en" : "zh-CN"));
      const js = Array.from({ length: judges }, (_, i) =>
        judge(100 + i, next() < 0.3 ? [] : [1 + (i % tracks)], next() < 0.5 ? ["en"] : ["en", "zh-CN"]),
      );
      const conflicts: Array<[number, number]> = [];
      for (const e of es) for (const j of js) if (next() < conflictRate) conflicts.push([j.id, e.id]);
      return { entries: es, judges: js, judgesPerEntry: k, conflicts, seed };
    });

  it("holds its rules on random instances", () => {
    fc.assert(
      fc.property(instance, (input) => {
        const result = assignJudges(input);
        const conflicts = new Set(input.conflicts.map(([j, e]) => `${j}:${e}`));
        const byEntry = perEntry(result);
        for (const a of result.assignments) expect(conflicts.has(`${a.judgeId}:${a.entryId}`)).toBe(false);
        for (const e of input.entries) {
          const judges = byEntry.get(e.id) ?? [];
          expect(new Set(judges).size).toBe(judges.length);
          const eligible = input.judges.filter((j) => !conflicts.has(`${j.id}:${e.id}`)).length;
          // Every entry gets k judges, or every judge it may have and a reported reason.
          expect(judges.length).toBe(Math.min(input.judgesPerEntry, eligible));
          if (eligible < input.judgesPerEntry)
            expect(result.problems.some((p) => p.code === "too_few_eligible" && p.trackId === e.trackId)).toBe(true);
        }
        const loads = [...result.loads.values()];
        if (loads.length && Math.max(...loads) - Math.min(...loads) > 1)
          expect(result.problems.some((p) => p.code === "unbalanced")).toBe(true);
        if (input.conflicts.length === 0 && input.entries.length > 0)
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        for (const trackId of new Set(input.entries.map((e) => e.trackId))) {
          const inTrack = result.assignments.filter((a) => input.entries.find((e) => e.id === a.entryId)!.trackId === trackId);
          const reported = result.problems.some(
            (p) => (p.code === "not_connected" || p.code === "single_judge_panels") && p.trackId === trackId,
          );
          if (inTrack.length && !reported) expect(parts(inTrack)).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is the same for the same seed and input", () => {
    fc.assert(
      fc.property(instance, (input) => {
        expect(assignJudges(input).assignments).toEqual(assignJudges(input).assignments);
      }),
      { numRuns: 100 },
    );
  });

  it("mixes judges: panels rarely repeat and each judge meets many co-judges", () => {
    // 200 entries × 3 from 40 judges in one track: a clumped assignment repeats about 30 trios.
    const result = assignJudges({
      entries: Array.from({ length: 200 }, (_, i) => entry(i + 1)),
      judges: Array.from({ length: 40 }, (_, i) => judge(100 + i)),
      judgesPerEntry: 3,
      conflicts: [],
      seed: 11,
    });
    const trios = new Set([...perEntry(result).values()].map((js) => [...js].sort().join("-")));
    expect(trios.size).toBeGreaterThan(150);
    const coJudges = new Map<number, Set<number>>();
    for (const js of perEntry(result).values())
      for (const a of js) for (const b of js) if (a !== b) coJudges.set(a, (coJudges.get(a) ?? new Set()).add(b));
    const fewest = Math.min(...[...coJudges.values()].map((s) => s.size));
    expect(fewest).toBeGreaterThanOrEqual(10);
  });

  it("handles a contest-sized round", () => {
    const entries = Array.from({ length: 600 }, (_, i) => entry(i + 1, 1 + (i % 8), i % 3 ? "en" : "zh-CN"));
    // 8 judges per track, half of each track's judges read Chinese: a perfect fit exists.
    const judges = Array.from({ length: 64 }, (_, i) => judge(1000 + i, [1 + (i % 8)], ["en", ...(i % 16 < 8 ? ["zh-CN"] : [])]));
    const conflicts: Array<[number, number]> = entries.filter((e) => e.id % 17 === 0).map((e) => [1000 + (e.id % 64), e.id]);
    const result = assignJudges({ entries, judges, judgesPerEntry: 3, conflicts, seed: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.assignments).toHaveLength(1800);
    expect([...new Set(result.loads.values())].sort()).toEqual([28, 29]);
    const judgeById = new Map(judges.map((j) => [j.id, j]));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const mismatched = result.assignments.filter((a) => preferenceCost(judgeById.get(a.judgeId)!, entryById.get(a.entryId)!) > 0);
    expect(mismatched).toEqual([]);
  });
});
