// The judges an entry could still get, best first: track, then language, then load, then name.
import { describe, expect, it } from "vitest";
import { rankCandidates, type CandidateJudge } from "#app/domain/candidates";

const judge = (id: number, name: string, load: number, trackIds: number[], languages?: string[]): CandidateJudge => ({
  id,
  name,
  load,
  trackIds,
  ...(languages ? { languages } : {}),
});

describe("rankCandidates", () => {
  const pool = [
    judge(1, "Ana", 4, [10], ["en"]), // knows the track, does not read Thai
    judge(2, "Bao", 6, [10], ["th", "en"]), // knows the track and reads Thai, but busier
    judge(3, "Chen", 0, [20], ["th"]), // reads Thai, another track
    judge(4, "Dewi", 1, [], []), // any track; languages unknown
    judge(5, "Eko", 1, [10], ["th"]), // fits on both, least busy of those
    judge(6, "Fah", 0, [20], []), // fits on neither
  ];

  it("puts track and language fits first, then the least busy, then by name", () => {
    const ranked = rankCandidates(pool, { trackId: 10, language: "th" }, new Set());
    expect(ranked.map((c) => c.name)).toEqual(["Eko", "Bao", "Dewi", "Ana", "Chen", "Fah"]);
    expect(ranked.find((c) => c.name === "Dewi")).toMatchObject({ knowsTrack: true, readsLanguage: false });
    expect(ranked.find((c) => c.name === "Chen")).toMatchObject({ knowsTrack: false, readsLanguage: true });
  });

  it("leaves out the excluded judges (already on the entry, in conflict)", () => {
    const ranked = rankCandidates(pool, { trackId: 10, language: "th" }, new Set([5, 2]));
    expect(ranked.map((c) => c.id)).toEqual([4, 1, 3, 6]);
  });

  it("treats an entry without a language, or a list without languages, as fitting everyone on language", () => {
    expect(rankCandidates(pool, { trackId: 10, language: null }, new Set()).map((c) => c.name)).toEqual([
      "Dewi",
      "Eko",
      "Ana",
      "Bao",
      "Chen",
      "Fah",
    ]);
    const noLanguages = pool.map(({ languages: _ignored, ...rest }) => rest);
    const ranked = rankCandidates(noLanguages, { trackId: 20, language: "th" }, new Set());
    expect(ranked.every((c) => c.readsLanguage)).toBe(true);
    // Track 20: Chen and Fah know it, Dewi knows every track; then the others by load.
    expect(ranked.map((c) => c.name)).toEqual(["Chen", "Fah", "Dewi", "Eko", "Ana", "Bao"]);
  });

  it("breaks equal load by name, and equal names by id, so the order never depends on the input order", () => {
    const twins = [judge(9, "Sam", 2, []), judge(7, "Sam", 2, []), judge(8, "Ann", 2, [])];
    expect(rankCandidates(twins, { trackId: 1 }, new Set()).map((c) => c.id)).toEqual([8, 7, 9]);
    expect(rankCandidates([...twins].reverse(), { trackId: 1 }, new Set()).map((c) => c.id)).toEqual([8, 7, 9]);
  });
});
