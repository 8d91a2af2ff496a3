// Heats feeding a final, against a real SQLite file: the final's organisers add heats and see every
// heat; a heat's own organisers manage their heat and see nothing of the other heats or the final's
// roll-up; published heat results roll up by quota; a tie at a cut waits for a written decision; a
// wild card needs a reason; sending enters the finalists in the final once. Every refusal leaves the
// database as it was.
import { beforeEach, afterEach, describe, expect, it } from "vitest";
import { can } from "#app/domain/permissions";
import { getManagedContest } from "#app/services/contests.server";
import { addTrack, deleteTrack } from "#app/services/tracks.server";
import { addHeatOrganiser } from "#app/services/heat-organisers.server";
import {
  addWildCard,
  createHeat,
  decideTie,
  heatsPage,
  removeWildCard,
  sendFinalists,
  setDefaultQuota,
  setQuotaRule,
  type HeatsPage,
} from "#app/services/heats.server";
import type { ServiceContext } from "#app/services/context.server";
import { pairwiseRanking } from "#app/services/pairwise.server";
import type { User } from "#db/schema";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertTeamWithEntry, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";

let t: TestDb;
let finalId: number;
let finalTracks: number[];
let finalOrganiser: User;
let heatAOrganiser: User;
let heatBOrganiser: User;
let final: ServiceContext;

beforeEach(async () => {
  t = createTestDb();
  const contest = await makeContest(t.db, "final-2026");
  finalId = contest.id;
  finalTracks = [
    (await insertTrack(t.db, finalId, { en: "Digital" })).id,
    (await insertTrack(t.db, finalId, { en: "Health" })).id,
  ];
  finalOrganiser = await makeUser(t.db);
  heatAOrganiser = await makeUser(t.db);
  heatBOrganiser = await makeUser(t.db);
  await grantRole(t.db, finalId, finalOrganiser.id, "organiser");
  final = await makeCtx(t.db, finalOrganiser);
});
afterEach(() => t.cleanup());

const ctxOf = (user: User) => makeCtx(t.db, user);

async function addHeat(slug: string, timeZone: string): Promise<{ id: number; tracks: number[] }> {
  const made = await createHeat(final, finalId, { name: { en: slug }, slug, timeZone, countries: [] });
  if (!made.ok) throw new Error(made.error.code);
  const tracks = await t.db
    .selectFrom("tracks")
    .select(["id", "final_track_id"])
    .where("contest_id", "=", made.value.id)
    .orderBy("position")
    .execute();
  expect(tracks.map((tr) => tr.final_track_id)).toEqual(finalTracks);
  return { id: made.value.id, tracks: tracks.map((tr) => tr.id) };
}

/** A heat's published ranking of one track: entries with the given scores, best first (ties share a rank). */
async function publish(heatId: number, trackId: number, scores: number[]): Promise<number[]> {
  return (await publishTracks(heatId, [[trackId, scores]]))[0]!;
}

/** A heat's published ranking of several tracks at once (one publication), entry ids per track. */
async function publishTracks(heatId: number, tracks: Array<[number, number[]]>): Promise<number[][]> {
  const at = new Date().toISOString();
  const round = await t.db
    .insertInto("rounds")
    .values({ contest_id: heatId, position: 1, name_i18n: JSON.stringify({ en: "Heat round" }), created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ids: number[][] = [];
  const snapshotTracks = [];
  let n = 0;
  for (const [trackId, scores] of tracks) {
    const entries: Array<{ id: number; code: string; team: string; score: number }> = [];
    for (const score of scores) {
      const { entry, team } = await insertTeamWithEntry(t.db, { contestId: heatId, trackId, code: `H${heatId}-${++n}` });
      entries.push({ id: entry.id, code: entry.code, team: team.name, score });
    }
    ids.push(entries.map((e) => e.id));
    snapshotTracks.push({
      trackId,
      name: { en: "Track" },
      criterionMeans: {},
      entries: entries.map((e) => ({
        entryId: e.id,
        code: e.code,
        teamName: e.team,
        rank: 1 + entries.filter((o) => o.score > e.score).length,
        tied: entries.filter((o) => o.score === e.score).length > 1,
        score: e.score,
        reviews: 2,
        criterionMeans: {},
        advanced: null,
      })),
    });
  }
  const snapshotJson = {
    schema: 1,
    method: "mean",
    roundName: { en: "Heat round" },
    nextRoundName: null,
    criteria: [],
    tracks: snapshotTracks,
    awards: [],
    feedback: [],
  };
  await t.db
    .insertInto("publications")
    .values({
      contest_id: heatId,
      round_id: round.id,
      version: 1,
      snapshot_json: JSON.stringify(snapshotJson),
      published_by: finalOrganiser.id,
      published_at: at,
    })
    .execute();
  return ids;
}

async function finalView(): Promise<HeatsPage> {
  const page = await heatsPage(final, finalId);
  if (!page.ok || page.value.role !== "final") throw new Error("expected the final's view");
  return page.value;
}

describe("who sees which heat", () => {
  it("a heat organiser manages their heat only; the final's organisers manage every heat", async () => {
    const a = await addHeat("heat-vn", "Asia/Ho_Chi_Minh");
    const b = await addHeat("heat-id", "Asia/Jakarta");
    expect((await addHeatOrganiser(final, finalId, a.id, heatAOrganiser.email)).ok).toBe(true);
    expect((await addHeatOrganiser(final, finalId, b.id, heatBOrganiser.email)).ok).toBe(true);

    const heatA = await ctxOf(heatAOrganiser);
    expect(can(heatA.actor, { type: "contest.manage", contestId: a.id })).toBe(true);
    expect(can(heatA.actor, { type: "contest.manage", contestId: b.id })).toBe(false);
    expect(can(heatA.actor, { type: "contest.manage", contestId: finalId })).toBe(false);
    expect((await getManagedContest(heatA, a.id)).ok).toBe(true);
    expect(await getManagedContest(heatA, b.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Their heat's page is the heat's part of the roll-up; the other heat's and the final's are closed.
    const own = await heatsPage(heatA, a.id);
    expect(own.ok && own.value.role).toBe("heat");
    expect(await heatsPage(heatA, b.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await heatsPage(heatA, finalId)).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // Nothing of the final's work is open to a heat organiser, even through their own heat's id.
    const before = await snapshot(t.db);
    expect(await setDefaultQuota(heatA, finalId, 5)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await createHeat(heatA, finalId, { name: { en: "x" }, slug: "sneaky", timeZone: "UTC", countries: [] })).toMatchObject(
      {
        ok: false,
        error: { code: "forbidden" },
      },
    );
    expect(await addHeatOrganiser(heatA, finalId, b.id, heatAOrganiser.email)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await sendFinalists(heatA, finalId)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // A heat is not a final: it cannot have heats of its own.
    expect(await createHeat(heatA, a.id, { name: { en: "x" }, slug: "nested", timeZone: "UTC", countries: [] })).toMatchObject({
      ok: false,
      error: { code: "heats.not_a_final" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    // The final's organiser holds no role on the heats, yet organises them through the final.
    const fresh = await ctxOf(finalOrganiser);
    expect(can(fresh.actor, { type: "contest.manage", contestId: a.id })).toBe(true);
    expect(can(fresh.actor, { type: "contest.manage", contestId: b.id })).toBe(true);
    expect(can(fresh.actor, { type: "contest.judge", contestId: a.id })).toBe(false);
    const page = await finalView();
    expect(page.heats.map((h) => [h.slug, h.timeZone, h.organisers.map((o) => o.userId)])).toEqual([
      ["heat-vn", "Asia/Ho_Chi_Minh", [heatAOrganiser.id]],
      ["heat-id", "Asia/Jakarta", [heatBOrganiser.id]],
    ]);
  });

  it("keeps heats' tracks in step when the final adds or removes a track", async () => {
    const a = await addHeat("heat-vn", "Asia/Ho_Chi_Minh");
    const added = await addTrack(final, finalId, { name: { en: "Climate" }, description: null, womenLedOnly: false });
    if (!added.ok) throw new Error(added.error.code);
    const mapped = () =>
      t.db.selectFrom("tracks").select(["final_track_id"]).where("contest_id", "=", a.id).orderBy("position").execute();
    expect((await mapped()).map((tr) => tr.final_track_id)).toEqual([...finalTracks, added.value.id]);
    // Removing a final's track leaves the heat's copy (it may hold entries) feeding nothing.
    expect((await deleteTrack(final, finalId, finalTracks[1]!)).ok).toBe(true);
    expect((await mapped()).map((tr) => tr.final_track_id)).toEqual([finalTracks[0], null, added.value.id]);
    const page = await finalView();
    expect(page.tracks.map((tr) => tr.id)).toEqual([finalTracks[0], added.value.id]);
  });

  it("a heat organiser's page shows their heat's finalists and nothing of another heat", async () => {
    const a = await addHeat("heat-vn", "Asia/Ho_Chi_Minh");
    const b = await addHeat("heat-id", "Asia/Jakarta");
    await addHeatOrganiser(final, finalId, a.id, heatAOrganiser.email);
    await publish(a.id, a.tracks[0]!, [90, 80, 70, 60]);
    const bEntries = await publish(b.id, b.tracks[0]!, [95, 85, 75, 65]);
    const page = await heatsPage(await ctxOf(heatAOrganiser), a.id);
    if (!page.ok || page.value.role !== "heat") throw new Error("expected the heat's view");
    const text = JSON.stringify(page.value);
    for (const id of bEntries) expect(page.value.entries.some((e) => e.entryId === id)).toBe(false);
    expect(text).not.toContain(`H${b.id}-`);
    expect(page.value.result?.tracks[0]?.finalists.map((f) => f.basis)).toEqual([
      { kind: "quota", place: 1 },
      { kind: "quota", place: 2 },
      { kind: "quota", place: 3 },
    ]);
  });
});

describe("rolling heats up into the final", () => {
  it("cuts each heat at the quota, waits for a tie decision, takes a wild card with a reason, and sends once", async () => {
    const a = await addHeat("heat-vn", "Asia/Ho_Chi_Minh");
    const b = await addHeat("heat-id", "Asia/Jakarta");
    const c = await addHeat("heat-th", "Asia/Bangkok");
    expect((await setDefaultQuota(final, finalId, 2)).ok).toBe(true);
    const [a1, a2, a3] = await publish(a.id, a.tracks[0]!, [90, 80, 70]);
    // Heat B: two entries tied for the second and last place.
    const [b1, b2, b3, b4] = await publish(b.id, b.tracks[0]!, [88, 77, 77, 50]);

    let page = await finalView();
    expect(page.heats.find((h) => h.id === c.id)?.published).toBeNull();
    expect(page.rollUp.final[0]?.finalists.map((f) => f.entryId)).toEqual([a1, a2, b1]);
    expect(page.rollUp.undecided).toBe(2);
    expect(page.rollUp.ready).toBe(false);

    // Nothing is sent while a tie waits; a decision needs a reason.
    let before = await snapshot(t.db);
    expect(await sendFinalists(final, finalId)).toMatchObject({ ok: false, error: { code: "heats.ties_undecided" } });
    expect(await decideTie(final, finalId, { entryId: b2!, action: "include", reason: "ok" })).toMatchObject({
      ok: false,
      error: { code: "heats.reason_too_short", field: "reason" },
    });
    expect(await decideTie(final, finalId, { entryId: a3!, action: "include", reason: "Not tied at all" })).toMatchObject({
      ok: false,
      error: { code: "heats.decision_not_at_cut" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    expect((await decideTie(final, finalId, { entryId: b2!, action: "include", reason: "Stronger customer evidence" })).ok).toBe(
      true,
    );
    expect((await decideTie(final, finalId, { entryId: b3!, action: "exclude", reason: "Weaker pitch at the heat" })).ok).toBe(
      true,
    );

    // A wild card: from below a cut line, with a reason; an entry already through is refused.
    before = await snapshot(t.db);
    expect(await addWildCard(final, finalId, { entryId: a1!, reason: "Already through anyway" })).toMatchObject({
      ok: false,
      error: { code: "heats.wild_card_already_in" },
    });
    expect(await addWildCard(final, finalId, { entryId: a3!, reason: "no" })).toMatchObject({
      ok: false,
      error: { code: "heats.reason_too_short" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    expect((await addWildCard(final, finalId, { entryId: b4!, reason: "Only team working on maritime safety" })).ok).toBe(true);

    page = await finalView();
    expect(page.rollUp.ready).toBe(true);
    expect(page.rollUp.final[0]?.finalists.map((f) => [f.entryId, f.basis.kind])).toEqual([
      [a1, "quota"],
      [a2, "quota"],
      [b1, "quota"],
      [b2, "tie"],
      [b4, "wild_card"],
    ]);

    const sent = await sendFinalists(final, finalId);
    expect(sent).toEqual({ ok: true, value: { added: 5, skipped: 0 } });
    const inFinal = await t.db
      .selectFrom("entries")
      .select(["heat_entry_id", "track_id", "status"])
      .where("contest_id", "=", finalId)
      .orderBy("heat_entry_id")
      .execute();
    expect(inFinal).toEqual(
      [a1, a2, b1, b2, b4]
        .sort((x, y) => x! - y!)
        .map((id) => ({ heat_entry_id: id, track_id: finalTracks[0], status: "registered" })),
    );
    const audit = await t.db.selectFrom("audit_events").select("action").where("contest_id", "=", finalId).execute();
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["heat.created", "heat.tie_decided", "heat.wild_card_added", "heat.finalists_sent"]),
    );

    // Sending again adds nobody; a sent wild card cannot be taken back.
    before = await snapshot(t.db);
    expect(await sendFinalists(final, finalId)).toMatchObject({ ok: false, error: { code: "heats.nothing_to_send" } });
    const card = (await finalView()).wildCards[0]!;
    expect(await removeWildCard(final, finalId, card.id)).toMatchObject({ ok: false, error: { code: "heats.already_sent" } });
    expect(await snapshot(t.db)).toEqual(before);

    // The third heat finishes later: its finalists join on the next send.
    const [c1] = await publish(c.id, c.tracks[1]!, [60]);
    page = await finalView();
    const health = page.rollUp.final.find((tr) => tr.trackId === finalTracks[1]);
    expect(health?.finalists.map((f) => f.entryId)).toEqual([c1]);
    expect(page.rollUp.heats.find((h) => h.heatId === c.id)?.tracks[0]).toMatchObject({ quota: 2, ranked: 1, short: true });
    expect(await sendFinalists(final, finalId)).toEqual({ ok: true, value: { added: 1, skipped: 0 } });
  });

  it("enters a team once when it went through two heats, and keeps codes unique in the final", async () => {
    const a = await addHeat("heat-vn", "Asia/Ho_Chi_Minh");
    const b = await addHeat("heat-id", "Asia/Jakarta");
    await setDefaultQuota(final, finalId, 1);
    const [a1, a2] = (
      await publishTracks(a.id, [
        [a.tracks[0]!, [90]],
        [a.tracks[1]!, [70]],
      ])
    ).flat();
    const [b1, b2] = (
      await publishTracks(b.id, [
        [b.tracks[0]!, [80]],
        [b.tracks[1]!, [60]],
      ])
    ).flat();
    // b1's team also won heat A (it registered in both); b2 happens to share a2's code.
    const entry = (id: number) => t.db.selectFrom("entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    await t.db
      .updateTable("entries")
      .set({ team_id: (await entry(a1!)).team_id })
      .where("id", "=", b1!)
      .execute();
    await t.db
      .updateTable("entries")
      .set({ code: (await entry(a2!)).code })
      .where("id", "=", b2!)
      .execute();

    expect(await sendFinalists(final, finalId)).toEqual({ ok: true, value: { added: 3, skipped: 1 } });
    const inFinal = await t.db
      .selectFrom("entries")
      .select(["heat_entry_id", "code"])
      .where("contest_id", "=", finalId)
      .orderBy("heat_entry_id")
      .execute();
    const a2Code = (await entry(a2!)).code;
    expect(inFinal).toEqual([
      { heat_entry_id: a1, code: (await entry(a1!)).code },
      { heat_entry_id: a2, code: a2Code },
      { heat_entry_id: b2, code: `${a2Code}-2` },
    ]);
  });

  it("a pairwise final compares its ranking with the heats' published scores of the same entries", async () => {
    const a = await addHeat("heat-vn", "Asia/Ho_Chi_Minh");
    const b = await addHeat("heat-id", "Asia/Jakarta");
    await setDefaultQuota(final, finalId, 2);
    const [a1, a2] = await publish(a.id, a.tracks[0]!, [90, 70]);
    const [b1, b2] = await publish(b.id, b.tracks[0]!, [85, 60]);
    expect((await sendFinalists(final, finalId)).ok).toBe(true);
    const at = new Date().toISOString();
    const round = await t.db
      .insertInto("rounds")
      .values({
        contest_id: finalId,
        position: 1,
        name_i18n: JSON.stringify({ en: "Grand final" }),
        judging_mode: "pairwise",
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ranking = await pairwiseRanking(final, finalId, round.id);
    if (!ranking.ok) throw new Error(ranking.error.code);
    expect(ranking.value.rubric).toEqual({ kind: "heats" });
    const finalEntries = await t.db
      .selectFrom("entries")
      .select(["id", "heat_entry_id"])
      .where("contest_id", "=", finalId)
      .execute();
    const heatOf = new Map(finalEntries.map((e) => [e.id, e.heat_entry_id]));
    const track = ranking.value.tracks.find((tr) => tr.trackId === finalTracks[0])!;
    const byHeatEntry = new Map(track.entries.map((e) => [heatOf.get(e.entryId), e]));
    expect([a1, b1, a2, b2].map((id) => byHeatEntry.get(id)?.rubricScore)).toEqual([90, 85, 70, 60]);
    expect([a1, b1, a2, b2].map((id) => byHeatEntry.get(id)?.rubricPlace)).toEqual([1, 2, 3, 4]);
    expect(track.rubric).toEqual({ entries: 4, tau: null });
  });

  it("a quota rule for one heat's track overrides the default, and bad quotas are refused", async () => {
    const a = await addHeat("heat-vn", "Asia/Ho_Chi_Minh");
    const [a1] = await publish(a.id, a.tracks[0]!, [90, 80, 70]);
    const before = await snapshot(t.db);
    expect(await setDefaultQuota(final, finalId, -1)).toMatchObject({ ok: false, error: { code: "heats.quota_invalid" } });
    expect(await setDefaultQuota(final, finalId, 101)).toMatchObject({ ok: false, error: { code: "heats.quota_above_max" } });
    expect(await setQuotaRule(final, finalId, { heatId: null, trackId: null, places: 1 })).toMatchObject({
      ok: false,
      error: { code: "heats.rule_needs_scope" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    expect((await setQuotaRule(final, finalId, { heatId: a.id, trackId: finalTracks[0]!, places: 1 })).ok).toBe(true);
    let page = await finalView();
    expect(page.rollUp.final[0]?.finalists.map((f) => f.entryId)).toEqual([a1]);
    // Saving the same scope again replaces it; an empty number removes it.
    expect((await setQuotaRule(final, finalId, { heatId: a.id, trackId: finalTracks[0]!, places: 2 })).ok).toBe(true);
    expect((await finalView()).rules).toHaveLength(1);
    expect((await setQuotaRule(final, finalId, { heatId: a.id, trackId: finalTracks[0]!, places: null })).ok).toBe(true);
    page = await finalView();
    expect(page.rules).toEqual([]);
    expect(page.rollUp.final[0]?.finalists).toHaveLength(3);
  });
});
