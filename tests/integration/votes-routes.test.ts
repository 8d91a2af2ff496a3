// The people's choice page for organisers called as Remix calls it: the paged list of votes names
// the voters to the contest's organisers only; ticked votes are voided with one reason (exactly
// those, audited, this contest's only); a wrong form gets field errors and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as votesAction, loader as votesLoader } from "#app/routes/manage.$contestId.votes";
import type { VoteList } from "#app/services/votes.server";
import type { User } from "#db/schema";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertTeamWithEntry, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeUser } from "#tests/support/factories";
import { get, loadContext, outcome, post, signInCookie } from "#tests/support/routes";

const OPENS = "2026-11-24T00:00:00.000Z";
const CLOSES = "2026-11-25T00:00:00.000Z";

let t: TestDb;
let contestId: number;
let trackA: number;
let trackB: number;
let entryA: number;
let entryB: number;
let organiser: User;
let cookie: string;

const page = (id: number) => `/manage/${id}/votes`;
const act = (fields: Record<string, string> | URLSearchParams, as = cookie, id = contestId, search = "") =>
  outcome(() =>
    votesAction({ request: post(`${page(id)}${search}`, fields, as), context: loadContext(), params: { contestId: String(id) } }),
  );
const load = (search = "", as = cookie, id = contestId) =>
  outcome(() =>
    votesLoader({ request: get(`${page(id)}${search}`, as), context: loadContext(), params: { contestId: String(id) } }),
  );
/** The form the page posts: one "voteId" per ticked box. */
const chosen = (voteIds: Array<number | string>, reason: string) => {
  const form = new URLSearchParams({ intent: "voidChosen", reason });
  for (const id of voteIds) form.append("voteId", String(id));
  return form;
};
const listOf = (value: unknown) => (value as { votes: VoteList }).votes;
const liveCount = async (entryId: number) =>
  Number(
    (
      await t.db
        .selectFrom("votes")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("entry_id", "=", entryId)
        .where("voided_at", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A vote as castVote stores it, at `minute` minutes after the window opens. */
async function vote(options: { contest?: number; track?: number; entry?: number; minute?: number; ip?: string } = {}) {
  const voter = await makeUser(t.db, { name: `Voter ${Math.random().toString(36).slice(2, 8)}` });
  const at = new Date(Date.parse(OPENS) + (options.minute ?? 0) * 60_000).toISOString();
  const row = await t.db
    .insertInto("votes")
    .values({
      contest_id: options.contest ?? contestId,
      track_id: options.track ?? trackA,
      entry_id: options.entry ?? entryA,
      voter_id: voter.id,
      ip: options.ip ?? "198.51.100.9",
      created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, voter };
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  contestId = (await makeContest(t.db)).id;
  await t.db
    .updateTable("contests")
    .set({ state: "running", peoples_choice_enabled: 1, voting_opens_at: OPENS, voting_closes_at: CLOSES })
    .where("id", "=", contestId)
    .execute();
  trackA = (await insertTrack(t.db, contestId, { en: "Digital" })).id;
  trackB = (await insertTrack(t.db, contestId, { en: "Green" })).id;
  entryA = (await insertTeamWithEntry(t.db, { contestId, trackId: trackA })).entry.id;
  entryB = (await insertTeamWithEntry(t.db, { contestId, trackId: trackB })).entry.id;
  organiser = await makeUser(t.db);
  await grantRole(t.db, contestId, organiser.id, "organiser");
  cookie = await signInCookie(organiser);
});
afterEach(() => t.cleanup());

describe("the list of votes", () => {
  it("shows the organiser every vote with its voter, newest first, 50 a page, filtered by track or to bursts", async () => {
    const first = await vote({ minute: 1, track: trackB, entry: entryB });
    const latest = await vote({ minute: 300 });
    // Eleven votes from one address inside ten minutes: a burst.
    const burst: number[] = [];
    for (let i = 0; i < 11; i++) burst.push((await vote({ minute: 100 + i / 2, ip: "192.0.2.66" })).id);
    for (let i = 0; i < 40; i++) await vote({ minute: 200 + i * 20, ip: `198.51.100.${i + 10}` });
    await t.db
      .updateTable("votes")
      .set({ voided_at: OPENS, voided_by: organiser.id, void_reason: "same person twice" })
      .where("id", "=", first.id)
      .execute();

    const one = await load();
    expect(one.status).toBe(200);
    const list = listOf(one.value);
    expect(list).toMatchObject({ total: 53, page: 1, pages: 2 });
    expect(list.rows).toHaveLength(50);
    const times = list.rows.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((one.value as { viewerTimeZone: string }).viewerTimeZone).toBe("Asia/Singapore");

    const two = listOf((await load("?votes=2")).value);
    expect(two.page).toBe(2);
    expect(two.rows).toHaveLength(3);
    const oldest = two.rows[two.rows.length - 1]!;
    expect(oldest).toMatchObject({
      id: first.id,
      voterName: first.voter.name,
      voterEmail: first.voter.email,
      ip: "198.51.100.9",
      trackName: { en: "Green" },
      voidReason: "same person twice",
    });
    expect(oldest.voidedAt).not.toBeNull();
    // A page past the end shows the last one; a page that is not a number shows the first.
    expect(listOf((await load("?votes=99")).value).page).toBe(2);
    expect(listOf((await load("?votes=abc")).value).page).toBe(1);

    const green = listOf((await load(`?track=${trackB}`)).value);
    expect(green.rows.map((r) => r.id)).toEqual([first.id]);
    const bursts = listOf((await load("?burst=1")).value);
    expect(bursts.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(burst);
    expect(bursts.rows.map((r) => r.id)).not.toContain(latest.id);
    expect(listOf((await load(`?burst=1&track=${trackB}`)).value).total).toBe(0);
  });

  it("is closed to everyone but the contest's organisers", async () => {
    await vote();
    const other = await makeContest(t.db);
    const otherOrganiser = await makeUser(t.db);
    await grantRole(t.db, other.id, otherOrganiser.id, "organiser");
    const voter = await makeUser(t.db);
    for (const someone of [otherOrganiser, voter]) {
      const theirs = await signInCookie(someone);
      const refused = await load("", theirs);
      expect(refused.status).toBe(403);
      expect(refused.value).toBeInstanceOf(Response);
    }
    const anonymous = await load("", "");
    expect(anonymous.status).toBe(302);
    expect(((anonymous.value as Response).headers.get("Location") ?? "").startsWith("/login")).toBe(true);
  });
});

describe("voiding chosen votes", () => {
  it("voids exactly the ticked votes with the reason, audited, and the counts drop", async () => {
    const a = await vote({ minute: 1 });
    const b = await vote({ minute: 2 });
    const kept = await vote({ minute: 3 });
    const green = await vote({ minute: 4, track: trackB, entry: entryB });
    expect(await liveCount(entryA)).toBe(3);

    const done = await act(chosen([a.id, b.id], "  the same household  "), cookie, contestId, `?track=${trackA}&votes=1`);
    expect(done.status).toBe(302);
    // Back to the list as it was filtered.
    expect((done.value as Response).headers.get("Location")).toBe(`/manage/${contestId}/votes?track=${trackA}`);
    expect(await liveCount(entryA)).toBe(1);
    expect(await liveCount(entryB)).toBe(1);
    const rows = await t.db
      .selectFrom("votes")
      .select(["id", "voided_by", "void_reason"])
      .where("voided_at", "is not", null)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: a.id, voided_by: organiser.id, void_reason: "the same household" },
      { id: b.id, voided_by: organiser.id, void_reason: "the same household" },
    ]);
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "votes.voided")
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(organiser.id);
    expect(JSON.parse(audit.after_json!)).toEqual({ count: 2, voteIds: [a.id, b.id], reason: "the same household" });
    const list = listOf((await load()).value);
    expect(
      list.rows
        .filter((r) => r.voidedAt)
        .map((r) => r.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(list.rows.find((r) => r.id === kept.id)?.voidedAt).toBeNull();
    expect(list.rows.find((r) => r.id === green.id)?.voidedAt).toBeNull();

    // A vote already voided is not voided twice.
    const before = await snapshot(t.db);
    const again = await act(chosen([a.id], "again, by mistake"));
    expect(again.status).toBe(400);
    expect((again.value as { error: string }).error).toBe("votes.nothing_to_void");
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("leaves another contest's votes alone", async () => {
    const other = await makeContest(t.db);
    const otherTrack = (await insertTrack(t.db, other.id)).id;
    const otherEntry = (await insertTeamWithEntry(t.db, { contestId: other.id, trackId: otherTrack })).entry.id;
    const theirs = await vote({ contest: other.id, track: otherTrack, entry: otherEntry });
    const ours = await vote();

    const before = await snapshot(t.db);
    const alone = await act(chosen([theirs.id], "not from this contest"));
    expect(alone.status).toBe(400);
    expect((alone.value as { error: string }).error).toBe("votes.nothing_to_void");
    expect(await snapshot(t.db)).toEqual(before);

    expect((await act(chosen([theirs.id, ours.id], "mixed ids in one form"))).status).toBe(302);
    expect(await liveCount(otherEntry)).toBe(1);
    expect(await liveCount(entryA)).toBe(0);
    const audit = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "votes.voided").execute();
    expect(audit.map((a) => [a.contest_id, JSON.parse(a.after_json!).voteIds])).toEqual([[contestId, [ours.id]]]);
  });

  it("refuses a wrong form with field errors and changes nothing", async () => {
    const a = await vote();
    const before = await snapshot(t.db);
    const fieldsOf = (value: unknown) => (value as { errors: Record<string, string[]> }).errors;

    const empty = await act(chosen([], "ok"));
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.value)).toEqual({ voteIds: ["votes.none_chosen"], reason: ["votes.reason_too_short?min=5"] });

    const short = await act(chosen([a.id], "  no  "));
    expect(short.status).toBe(400);
    expect(fieldsOf(short.value)).toEqual({ reason: ["votes.reason_too_short?min=5"] });

    for (const wrong of ["abc", "1e2", "-1", "0", " 1", "1.5", "9".repeat(30)]) {
      const refused = await act(chosen([a.id, wrong], "duplicate accounts"));
      expect(refused.status, wrong).toBe(400);
      expect(fieldsOf(refused.value), wrong).toEqual({ voteIds: ["formInput.invalid_value"] });
    }
    expect(await snapshot(t.db)).toEqual(before);

    // Someone who is not an organiser of the contest changes nothing either.
    const stranger = await signInCookie(await makeUser(t.db));
    const strangerBefore = await snapshot(t.db);
    expect((await act(chosen([a.id], "I do not like it"), stranger)).status).toBe(403);
    expect(await snapshot(t.db)).toEqual(strangerBefore);
  });

  it("still voids after the counts are published, as the service allows, and the audit has it", async () => {
    const a = await vote();
    await t.db.updateTable("contests").set({ peoples_choice_published_at: CLOSES }).where("id", "=", contestId).execute();
    expect((await act(chosen([a.id], "found after publishing"))).status).toBe(302);
    expect(await liveCount(entryA)).toBe(0);
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "votes.voided")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ voteIds: [a.id], reason: "found after publishing" });
  });
});
