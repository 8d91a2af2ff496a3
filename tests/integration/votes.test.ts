// People's choice: verified accounts vote once per track inside the window; counts stay hidden
// until the organiser publishes; voiding needs a reason, is audited and stops the votes counting;
// bursts from one address are flagged; rate limits refuse; every refusal leaves the database as it was.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServiceContext } from "#app/services/context.server";
import {
  castVote,
  listVotesForOrganisers,
  publishPeoplesChoice,
  updatePeoplesChoiceSettings,
  voidVotes,
  voteCounts,
  votingLinkVisible,
  votingPage,
} from "#app/services/votes.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertMember, insertTeamWithEntry, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";

const OPENS = "2026-11-24T00:00:00.000Z";
const CLOSES = "2026-11-25T00:00:00.000Z";
const DURING = new Date("2026-11-24T06:00:00.000Z");
const AFTER = new Date("2026-11-25T06:00:00.000Z");

let t: TestDb;
let contestId: number;
let slug: string;
let trackA: number;
let trackB: number;
let entryA1: number;
let entryA2: number;
let entryB1: number;
let withdrawn: number;
let organiser: ServiceContext;
let teamLead: ServiceContext;

async function voter(options: { verified?: boolean; ip?: string; now?: Date } = {}) {
  const user = await makeUser(t.db, { verified: options.verified ?? true });
  return makeCtx(t.db, user, { now: options.now ?? DURING, ip: options.ip ?? "203.0.113.7" });
}

async function liveCount(entryId: number) {
  const result = await voteCounts({ ...organiser, now: AFTER }, contestId);
  if (!result.ok) throw new Error(result.error.code);
  return result.value.tracks.flatMap((tr) => tr.entries).find((e) => e.id === entryId)?.votes;
}

beforeEach(async () => {
  t = createTestDb();
  const contest = await makeContest(t.db);
  contestId = contest.id;
  slug = contest.slug;
  await t.db
    .updateTable("contests")
    .set({ state: "running", peoples_choice_enabled: 1, voting_opens_at: OPENS, voting_closes_at: CLOSES })
    .where("id", "=", contestId)
    .execute();
  trackA = (await insertTrack(t.db, contestId)).id;
  trackB = (await insertTrack(t.db, contestId)).id;
  const a1 = await insertTeamWithEntry(t.db, { contestId, trackId: trackA, team: { pitch: "Solar kiosks for markets" } });
  entryA1 = a1.entry.id;
  entryA2 = (await insertTeamWithEntry(t.db, { contestId, trackId: trackA })).entry.id;
  entryB1 = (await insertTeamWithEntry(t.db, { contestId, trackId: trackB })).entry.id;
  withdrawn = (await insertTeamWithEntry(t.db, { contestId, trackId: trackA, status: "withdrawn" })).entry.id;
  const org = await makeUser(t.db);
  await grantRole(t.db, contestId, org.id, "organiser");
  organiser = await makeCtx(t.db, org, { now: DURING });
  const lead = await makeUser(t.db);
  await insertMember(t.db, a1.team.id, lead.id, "lead");
  teamLead = await makeCtx(t.db, lead, { now: AFTER });
});

afterEach(async () => {
  await t.cleanup();
});

describe("castVote", () => {
  it("records one vote per track, audited, and shows it on the vote page", async () => {
    const ctx = await voter();
    const first = await castVote(ctx, contestId, trackA, entryA1);
    expect(first.ok).toBe(true);
    expect((await castVote(ctx, contestId, trackB, entryB1)).ok).toBe(true);
    const audits = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "vote.cast").execute();
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[0]!.after_json!)).toEqual({ trackId: trackA, entryId: entryA1 });
    const page = await votingPage(ctx, slug);
    if (!page.ok) throw new Error(page.error.code);
    expect(page.value.canVote).toBe(true);
    expect(page.value.tracks.find((tr) => tr.id === trackA)?.myVote).toBe(entryA1);
    expect(page.value.tracks.find((tr) => tr.id === trackB)?.myVote).toBe(entryB1);
    expect(page.value.tracks.find((tr) => tr.id === trackA)?.entries.map((e) => e.id)).toEqual(
      expect.not.arrayContaining([withdrawn]),
    );
    expect(page.value.tracks[0]!.entries.find((e) => e.id === entryA1)?.pitch).toBe("Solar kiosks for markets");
  });

  it("refuses a second vote in the same track and changes nothing", async () => {
    const ctx = await voter();
    expect((await castVote(ctx, contestId, trackA, entryA1)).ok).toBe(true);
    const before = await snapshot(t.db);
    expect(await castVote(ctx, contestId, trackA, entryA2)).toMatchObject({
      ok: false,
      error: { code: "votes.vote_already_cast" },
    });
    expect(await castVote(ctx, contestId, trackA, entryA1)).toMatchObject({
      ok: false,
      error: { code: "votes.vote_already_cast" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("leaves the unique index as the last line against a second live vote", async () => {
    const ctx = await voter();
    expect((await castVote(ctx, contestId, trackA, entryA1)).ok).toBe(true);
    const row = { contest_id: contestId, track_id: trackA, entry_id: entryA2, voter_id: ctx.actor!.userId, created_at: OPENS };
    await expect(t.db.insertInto("votes").values(row).execute()).rejects.toThrow(/UNIQUE/);
    await expect(
      t.db
        .insertInto("votes")
        .values({ ...row, voided_at: OPENS, void_reason: "no" })
        .execute(),
    ).rejects.toThrow(/CHECK/);
  });

  it("refuses outside the window, unverified or signed-out voters, and ineligible entries, changing nothing", async () => {
    const before = await snapshot(t.db);
    const early = await voter({ now: new Date("2026-11-23T23:59:00.000Z") });
    expect(await castVote(early, contestId, trackA, entryA1)).toMatchObject({ ok: false, error: { code: "votes.not_open" } });
    const late = await voter({ now: new Date(CLOSES) });
    expect(await castVote(late, contestId, trackA, entryA1)).toMatchObject({ ok: false, error: { code: "votes.closed" } });
    const unverified = await voter({ verified: false });
    expect(await castVote(unverified, contestId, trackA, entryA1)).toMatchObject({
      ok: false,
      error: { code: "email_not_verified" },
    });
    const anonymous = await makeCtx(t.db, null, { now: DURING });
    expect(await castVote(anonymous, contestId, trackA, entryA1)).toMatchObject({ ok: false, error: { code: "unauthorised" } });
    const ctx = await voter();
    expect(await castVote(ctx, contestId, trackB, entryA1)).toMatchObject({
      ok: false,
      error: { code: "votes.entry_not_eligible" },
    });
    expect(await castVote(ctx, contestId, trackA, withdrawn)).toMatchObject({
      ok: false,
      error: { code: "votes.entry_not_eligible" },
    });
    const other = await makeContest(t.db);
    expect(await castVote(ctx, other.id, trackA, entryA1)).toMatchObject({ ok: false, error: { code: "not_found" } });
    // The users made above are rows of their own; the votes and the audit are what must not change.
    const after = await snapshot(t.db);
    expect(after.votes).toEqual(before.votes);
    expect(after.audit_events).toEqual(before.audit_events);
  });

  it("refuses when people's choice is switched off", async () => {
    await t.db.updateTable("contests").set({ peoples_choice_enabled: 0 }).where("id", "=", contestId).execute();
    const ctx = await voter();
    expect(await castVote(ctx, contestId, trackA, entryA1)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await votingPage(ctx, slug)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("rate-limits attempts per account and per network address with rate_limited", async () => {
    const ctx = await voter({ ip: "198.51.100.1" });
    expect((await castVote(ctx, contestId, trackA, entryA1)).ok).toBe(true);
    for (let i = 1; i < 20; i++) await castVote(ctx, contestId, trackA, entryA2);
    const before = await snapshot(t.db);
    expect(await castVote(ctx, contestId, trackB, entryB1)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await snapshot(t.db)).toEqual(before);

    // Three more accounts from one address: 60 attempts fill the address's budget.
    const shared: ServiceContext[] = [];
    for (let i = 0; i < 3; i++) shared.push(await voter({ ip: "198.51.100.2" }));
    for (const c of shared) for (let i = 0; i < 20; i++) await castVote(c, contestId, trackA, withdrawn);
    const fresh = await voter({ ip: "198.51.100.2" });
    expect(await castVote(fresh, contestId, trackA, entryA1)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const elsewhere = await voter({ ip: "198.51.100.3" });
    expect((await castVote(elsewhere, contestId, trackA, entryA1)).ok).toBe(true);
  });
});

describe("counts", () => {
  it("stay hidden from the public, voters and teams until published, then show per track", async () => {
    const ctx = await voter();
    await castVote(ctx, contestId, trackA, entryA1);
    const anonymous = await makeCtx(t.db, null, { now: AFTER });
    for (const viewer of [anonymous, teamLead, { ...ctx, now: AFTER }]) {
      expect(await voteCounts(viewer, contestId)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const page = await votingPage(viewer, slug);
      if (!page.ok) throw new Error(page.error.code);
      expect(page.value.tracks.flatMap((tr) => tr.entries).every((e) => e.votes === null)).toBe(true);
    }
    expect(await liveCount(entryA1)).toBe(1);

    expect(await publishPeoplesChoice(organiser, contestId)).toMatchObject({
      ok: false,
      error: { code: "votes.window_not_closed" },
    });
    expect(await publishPeoplesChoice(teamLead, contestId)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await publishPeoplesChoice({ ...organiser, now: AFTER }, contestId)).ok).toBe(true);

    const published = await voteCounts(anonymous, contestId);
    if (!published.ok) throw new Error(published.error.code);
    expect(published.value.bursts).toEqual([]);
    const trackAView = published.value.tracks.find((tr) => tr.id === trackA)!;
    expect(trackAView.entries.map((e) => [e.id, e.votes])).toEqual([
      [entryA1, 1],
      [entryA2, 0],
    ]);
    const page = await votingPage(teamLead, slug);
    expect(page.ok && page.value.tracks[0]!.entries.find((e) => e.id === entryA1)?.votes).toBe(1);
    expect(await votingLinkVisible(anonymous, contestId)).toBe(true);
  });
});

describe("voidVotes and bursts", () => {
  it("flags a burst from one address, and voiding it needs a reason, is audited and stops the count", async () => {
    const burstIp = "192.0.2.66";
    for (let i = 0; i < 11; i++) {
      const ctx = await voter({ ip: burstIp, now: new Date(DURING.getTime() + i * 20_000) });
      expect((await castVote(ctx, contestId, trackA, entryA2)).ok).toBe(true);
    }
    const honest = await voter({ ip: "192.0.2.1" });
    await castVote(honest, contestId, trackA, entryA1);

    const counts = await voteCounts(organiser, contestId);
    if (!counts.ok) throw new Error(counts.error.code);
    expect(counts.value.bursts).toHaveLength(1);
    expect(counts.value.bursts[0]).toMatchObject({ ip: burstIp, peak: 11 });
    expect(counts.value.bursts[0]!.voteIds).toHaveLength(11);
    expect(await liveCount(entryA2)).toBe(11);

    const before = await snapshot(t.db);
    expect(await voidVotes(organiser, contestId, { ip: burstIp }, " bad ")).toMatchObject({
      ok: false,
      error: { code: "votes.reason_too_short", field: "reason" },
    });
    expect(await voidVotes(teamLead, contestId, { ip: burstIp }, "scripted votes")).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await voidVotes(organiser, contestId, { ip: "10.9.9.9" }, "scripted votes")).toMatchObject({
      ok: false,
      error: { code: "votes.nothing_to_void" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    expect(await voidVotes(organiser, contestId, { ip: burstIp }, "scripted votes")).toEqual({ ok: true, value: { count: 11 } });
    expect(await liveCount(entryA2)).toBe(0);
    expect(await liveCount(entryA1)).toBe(1);
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "votes.voided")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ count: 11, ip: burstIp, reason: "scripted votes" });
    // Voided votes still show the burst, and free the voter to vote again in the track.
    const again = await voteCounts(organiser, contestId);
    expect(again.ok && again.value.voidedVotes).toBe(11);
  });

  it("voids chosen votes by id", async () => {
    const ctx = await voter();
    const vote = await castVote(ctx, contestId, trackA, entryA1);
    if (!vote.ok) throw new Error(vote.error.code);
    expect(await voidVotes(organiser, contestId, { voteIds: [vote.value.voteId] }, "same person twice")).toEqual({
      ok: true,
      value: { count: 1 },
    });
    expect(await liveCount(entryA1)).toBe(0);
    expect((await castVote(ctx, contestId, trackA, entryA2)).ok).toBe(true);
  });
});

describe("listVotesForOrganisers", () => {
  it("names the voters to the contest's organisers only", async () => {
    const ctx = await voter();
    const vote = await castVote(ctx, contestId, trackA, entryA1);
    if (!vote.ok) throw new Error(vote.error.code);
    const filter = { trackId: null, burstOnly: false, page: 1 };
    const list = await listVotesForOrganisers(organiser, contestId, filter);
    if (!list.ok) throw new Error(list.error.code);
    const voterRow = await t.db.selectFrom("users").selectAll().where("id", "=", ctx.actor!.userId).executeTakeFirstOrThrow();
    expect(list.value.rows).toEqual([
      expect.objectContaining({
        id: vote.value.voteId,
        entryId: entryA1,
        voterName: voterRow.name,
        voterEmail: voterRow.email,
        ip: "203.0.113.7",
        voidedAt: null,
      }),
    ]);
    const anonymous = await makeCtx(t.db, null, { now: AFTER });
    await publishPeoplesChoice({ ...organiser, now: AFTER }, contestId);
    // Published counts are public; the voters behind them are not.
    for (const viewer of [anonymous, teamLead, { ...ctx, now: AFTER }]) {
      expect(await listVotesForOrganisers(viewer, contestId, filter)).toEqual({ ok: false, error: { code: "forbidden" } });
    }
    const other = await makeContest(t.db);
    const admin = await makeCtx(t.db, await makeUser(t.db, { isAdmin: true }), { now: AFTER });
    expect(await listVotesForOrganisers(admin, other.id + 1000, filter)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });
});

describe("settings", () => {
  it("take the window in the contest's time zone and refuse a backwards window", async () => {
    const bad = await updatePeoplesChoiceSettings(organiser, contestId, {
      enabled: true,
      opensLocal: "2026-12-02T09:00",
      closesLocal: "2026-12-01T09:00",
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "votes.window_invalid" } });
    expect(
      await updatePeoplesChoiceSettings(teamLead, contestId, { enabled: false, opensLocal: "", closesLocal: "" }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const done = await updatePeoplesChoiceSettings(organiser, contestId, {
      enabled: true,
      opensLocal: "2026-12-01T09:00",
      closesLocal: "2026-12-02T09:00",
    });
    expect(done.ok).toBe(true);
    const row = await t.db.selectFrom("contests").selectAll().where("id", "=", contestId).executeTakeFirstOrThrow();
    // Asia/Shanghai is UTC+8.
    expect(row.voting_opens_at).toBe("2026-12-01T01:00:00.000Z");
    expect(row.voting_closes_at).toBe("2026-12-02T01:00:00.000Z");
    expect(
      await t.db.selectFrom("audit_events").select("action").where("action", "=", "peoples_choice.updated").execute(),
    ).toHaveLength(1);
  });
});
