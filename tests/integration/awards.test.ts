// A round's awards: organisers define, rename, reorder and remove them, grant them to the round's
// entries and take grants back; every change leaves an audit row, every refusal leaves the database
// as it was, and publication reads them through awardsForSnapshot.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  awardsForSnapshot,
  createAward,
  deleteAward,
  grantAward,
  listRoundAwards,
  moveAward,
  revokeGrant,
  updateAward,
} from "#app/services/awards.server";
import type { ServiceContext } from "#app/services/context.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertTeamWithEntry, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { DB } from "#app/infra/db.server";

let t: TestDb;
let contestId: number;
let roundId: number;
let trackId: number;
let organiser: ServiceContext;
let entryA: number;
let entryB: number;

async function insertRound(db: DB, contest: number, position: number, name = `Round ${position}`) {
  const at = new Date().toISOString();
  const row = await db
    .insertInto("rounds")
    .values({
      contest_id: contest,
      position,
      name_i18n: JSON.stringify({ en: name }),
      submission_opens_at: null,
      submission_closes_at: null,
      review_opens_at: null,
      review_closes_at: null,
      rubric_id: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A certificate for the award, as the publication code would issue one. */
async function insertCertificate(db: DB, awardId: number, entryId: number) {
  const at = new Date().toISOString();
  const publication = await db
    .insertInto("publications")
    .values({ contest_id: contestId, round_id: roundId, version: 1, snapshot_json: "{}", published_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("certificates")
    .values({
      code: `CERT-${awardId}-${entryId}`,
      publication_id: publication.id,
      award_id: awardId,
      entry_id: entryId,
      team_name: "Alpha Foods",
      issued_at: at,
    })
    .execute();
}

const auditRows = (action: string) =>
  t.db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();

async function created(ctx: ServiceContext, name: string, description: { en: string } | null = null) {
  const result = await createAward(ctx, contestId, roundId, { name: { en: name }, description });
  if (!result.ok) throw new Error(`createAward failed: ${result.error.code}`);
  return result.value.id;
}

async function awardsNow() {
  const result = await listRoundAwards(organiser, contestId, roundId);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

beforeEach(async () => {
  t = createTestDb();
  contestId = (await makeContest(t.db)).id;
  const user = await makeUser(t.db);
  await grantRole(t.db, contestId, user.id, "organiser");
  organiser = await makeCtx(t.db, user);
  trackId = (await insertTrack(t.db, contestId)).id;
  await insertRound(t.db, contestId, 1, "Online review");
  roundId = await insertRound(t.db, contestId, 2, "Final roadshow");
  entryA = (await insertTeamWithEntry(t.db, { contestId, trackId, code: "T-0002", team: { name: "Alpha Foods" } })).entry.id;
  entryB = (await insertTeamWithEntry(t.db, { contestId, trackId, code: "T-0001", team: { name: "Beta Grid" } })).entry.id;
});
afterEach(async () => {
  await t.cleanup();
});

describe("defining awards", () => {
  it("creates awards in order, with names in several languages and an optional description", async () => {
    const gold = await created(organiser, "Gold");
    const special = await createAward(organiser, contestId, roundId, {
      name: { en: "Best social impact", "zh-CN": "最佳社会影响奖" },
      description: { en: "For the team whose work helps most people." },
    });
    expect(special.ok).toBe(true);

    const view = await awardsNow();
    expect(view.roundName).toEqual({ en: "Final roadshow" });
    expect(view.editable).toBe(true);
    expect(view.awards.map((a) => [a.id, a.position, a.name, a.description])).toEqual([
      [gold, 1, { en: "Gold" }, null],
      [
        special.ok && special.value.id,
        2,
        { en: "Best social impact", "zh-CN": "最佳社会影响奖" },
        { en: "For the team whose work helps most people." },
      ],
    ]);

    const audits = await auditRows("award.created");
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      actor_user_id: organiser.actor!.userId,
      subject_type: "award",
      subject_id: String(gold),
      contest_id: contestId,
    });
    expect(JSON.parse(audits[0]!.after_json!)).toEqual({ roundId, name: { en: "Gold" }, description: null });
  });

  it("renames an award and records the texts before and after", async () => {
    const gold = await created(organiser, "Gold", { en: "First place" });
    const result = await updateAward(organiser, contestId, gold, {
      name: { en: "Gold award", th: "รางวัลเหรียญทอง" },
      description: null,
    });
    expect(result).toEqual({ ok: true, value: null });
    const [award] = (await awardsNow()).awards;
    expect(award).toMatchObject({ name: { en: "Gold award", th: "รางวัลเหรียญทอง" }, description: null });

    const [audit] = await auditRows("award.updated");
    expect(JSON.parse(audit!.before_json!)).toEqual({ name: { en: "Gold" }, description: { en: "First place" } });
    expect(JSON.parse(audit!.after_json!)).toEqual({ name: { en: "Gold award", th: "รางวัลเหรียญทอง" }, description: null });
  });

  it("moves an award up or down by swapping it with its neighbour; the ends stay put", async () => {
    const gold = await created(organiser, "Gold");
    const silver = await created(organiser, "Silver");
    const bronze = await created(organiser, "Bronze");

    expect((await moveAward(organiser, contestId, bronze, "up")).ok).toBe(true);
    expect((await awardsNow()).awards.map((a) => [a.id, a.position])).toEqual([
      [gold, 1],
      [bronze, 2],
      [silver, 3],
    ]);
    expect((await moveAward(organiser, contestId, gold, "down")).ok).toBe(true);
    expect((await awardsNow()).awards.map((a) => a.id)).toEqual([bronze, gold, silver]);

    const moves = await auditRows("award.moved");
    expect(moves).toHaveLength(2);
    expect(JSON.parse(moves[0]!.before_json!)).toEqual([gold, silver, bronze]);
    expect(JSON.parse(moves[0]!.after_json!)).toEqual([gold, bronze, silver]);

    // Already first / already last: nothing changes and nothing is recorded.
    const before = await snapshot(t.db);
    expect(await moveAward(organiser, contestId, bronze, "up")).toEqual({ ok: true, value: null });
    expect(await moveAward(organiser, contestId, silver, "down")).toEqual({ ok: true, value: null });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("removes an award with its grants, closes the gap in the order, and records what was removed", async () => {
    const gold = await created(organiser, "Gold");
    const silver = await created(organiser, "Silver");
    const bronze = await created(organiser, "Bronze");
    await grantAward(organiser, contestId, silver, { entryId: entryA, citation: "Close second" });

    expect(await deleteAward(organiser, contestId, silver)).toEqual({ ok: true, value: null });
    expect((await awardsNow()).awards.map((a) => [a.id, a.position])).toEqual([
      [gold, 1],
      [bronze, 2],
    ]);
    expect(await t.db.selectFrom("award_grants").selectAll().execute()).toEqual([]);

    const [audit] = await auditRows("award.deleted");
    expect(audit).toMatchObject({ subject_id: String(silver), contest_id: contestId });
    expect(JSON.parse(audit!.before_json!)).toEqual({
      roundId,
      name: { en: "Silver" },
      description: null,
      grants: [{ entryId: entryA, code: "T-0002", citation: "Close second" }],
    });
  });

  it("refuses to remove an award that a certificate names, even a revoked one, and changes nothing", async () => {
    const gold = await created(organiser, "Gold");
    await grantAward(organiser, contestId, gold, { entryId: entryA });
    await insertCertificate(t.db, gold, entryA);
    await t.db.updateTable("certificates").set({ revoked_at: new Date().toISOString() }).execute();

    const before = await snapshot(t.db);
    expect(await deleteAward(organiser, contestId, gold)).toEqual({ ok: false, error: { code: "award_has_certificates" } });
    expect(await snapshot(t.db)).toEqual(before);
    // Renaming it is still allowed.
    expect((await updateAward(organiser, contestId, gold, { name: { en: "Gold prize" }, description: null })).ok).toBe(true);
  });
});

describe("granting awards", () => {
  it("grants awards to the round's entries; an entry may hold several, each award several entries", async () => {
    const gold = await created(organiser, "Gold");
    const special = await created(organiser, "Best women-led team");

    const first = await grantAward(organiser, contestId, gold, { entryId: entryA, citation: "A clear winner" });
    expect(first.ok).toBe(true);
    expect((await grantAward(organiser, contestId, gold, { entryId: entryB })).ok).toBe(true);
    expect((await grantAward(organiser, contestId, special, { entryId: entryA })).ok).toBe(true);

    const view = await awardsNow();
    // Winners in entry-code order; the citation is kept as typed, or null.
    expect(view.awards[0]!.grants).toEqual([
      { id: expect.any(Number), entryId: entryB, code: "T-0001", teamName: "Beta Grid", citation: null },
      {
        id: first.ok ? first.value.id : -1,
        entryId: entryA,
        code: "T-0002",
        teamName: "Alpha Foods",
        citation: "A clear winner",
      },
    ]);
    expect(view.awards[1]!.grants.map((g) => g.entryId)).toEqual([entryA]);

    const audits = await auditRows("award.granted");
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({
      subject_type: "award_grant",
      contest_id: contestId,
      actor_user_id: organiser.actor!.userId,
    });
    expect(JSON.parse(audits[0]!.after_json!)).toEqual({
      awardId: gold,
      entryId: entryA,
      code: "T-0002",
      citation: "A clear winner",
    });
    const row = await t.db
      .selectFrom("award_grants")
      .selectAll()
      .where("id", "=", audits[0]!.subject_id === null ? -1 : Number(audits[0]!.subject_id))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      award_id: gold,
      entry_id: entryA,
      granted_by: organiser.actor!.userId,
      granted_at: organiser.now.toISOString(),
    });
  });

  it("refuses a second grant of the same award to the same entry, and changes nothing", async () => {
    const gold = await created(organiser, "Gold");
    await grantAward(organiser, contestId, gold, { entryId: entryA });
    const before = await snapshot(t.db);
    expect(await grantAward(organiser, contestId, gold, { entryId: entryA, citation: "again" })).toEqual({
      ok: false,
      error: { code: "already_granted", field: "entryId" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("refuses entries of another contest, withdrawn entries and entries that do not take part in the round", async () => {
    const gold = await created(organiser, "Gold");
    const other = (await makeContest(t.db)).id;
    const otherTrack = (await insertTrack(t.db, other)).id;
    const foreign = (await insertTeamWithEntry(t.db, { contestId: other, trackId: otherTrack })).entry.id;
    const withdrawn = (await insertTeamWithEntry(t.db, { contestId, trackId, status: "withdrawn" })).entry.id;

    const before = await snapshot(t.db);
    const refused = { ok: false, error: { code: "not_in_round", field: "entryId" } };
    expect(await grantAward(organiser, contestId, gold, { entryId: foreign })).toEqual(refused);
    expect(await grantAward(organiser, contestId, gold, { entryId: withdrawn })).toEqual(refused);
    expect(await grantAward(organiser, contestId, gold, { entryId: 999_999 })).toEqual(refused);
    expect(await snapshot(t.db)).toEqual(before);

    // Once an advancement into the final is confirmed, only the entries it carried there take part.
    const at = new Date().toISOString();
    const firstRound = (
      await t.db
        .selectFrom("rounds")
        .select("id")
        .where("position", "=", 1)
        .where("contest_id", "=", contestId)
        .executeTakeFirstOrThrow()
    ).id;
    await t.db
      .insertInto("advancements")
      .values({
        round_id: firstRound,
        to_round_id: roundId,
        rule_json: "{}",
        method: "calibrated",
        advanced_count: 1,
        eliminated_count: 1,
        confirmed_by: null,
        confirmed_at: at,
      })
      .execute();
    await t.db
      .insertInto("entry_rounds")
      .values({ entry_id: entryA, round_id: roundId, status: "active", created_at: at, updated_at: at })
      .execute();
    expect(await grantAward(organiser, contestId, gold, { entryId: entryB })).toEqual(refused);
    expect((await awardsNow()).participants.map((p) => p.entryId)).toEqual([entryA]);
    await t.db.updateTable("entry_rounds").set({ status: "withdrawn" }).execute();
    expect(await grantAward(organiser, contestId, gold, { entryId: entryA })).toEqual(refused);
    expect((await awardsNow()).participants).toEqual([]);
  });

  it("lists the round's registered entries as the ones that may receive an award, by code", async () => {
    await insertTeamWithEntry(t.db, { contestId, trackId, code: "T-0003", status: "withdrawn" });
    expect((await awardsNow()).participants).toEqual([
      { entryId: entryB, code: "T-0001", teamName: "Beta Grid" },
      { entryId: entryA, code: "T-0002", teamName: "Alpha Foods" },
    ]);
  });

  it("revokes a grant and records it; the entry's other awards stay", async () => {
    const gold = await created(organiser, "Gold");
    const special = await created(organiser, "Excellence");
    const grant = await grantAward(organiser, contestId, gold, { entryId: entryA, citation: "Best pitch" });
    await grantAward(organiser, contestId, special, { entryId: entryA });
    if (!grant.ok) throw new Error(grant.error.code);

    expect(await revokeGrant(organiser, contestId, grant.value.id)).toEqual({ ok: true, value: null });
    const view = await awardsNow();
    expect(view.awards[0]!.grants).toEqual([]);
    expect(view.awards[1]!.grants.map((g) => g.entryId)).toEqual([entryA]);

    const [audit] = await auditRows("award.grant_revoked");
    expect(audit).toMatchObject({ subject_type: "award_grant", subject_id: String(grant.value.id), contest_id: contestId });
    expect(JSON.parse(audit!.before_json!)).toMatchObject({ awardId: gold, entryId: entryA, citation: "Best pitch" });

    // Gone now: a second revoke finds nothing.
    expect(await revokeGrant(organiser, contestId, grant.value.id)).toEqual({ ok: false, error: { code: "not_found" } });
  });
});

describe("who may change awards, and when", () => {
  it("refuses judges, founders, organisers of another contest and anonymous visitors, changing nothing", async () => {
    const gold = await created(organiser, "Gold");
    const grant = await grantAward(organiser, contestId, gold, { entryId: entryA });
    if (!grant.ok) throw new Error(grant.error.code);

    const judge = await makeUser(t.db);
    await grantRole(t.db, contestId, judge.id, "judge");
    const elsewhere = await makeUser(t.db);
    await grantRole(t.db, (await makeContest(t.db)).id, elsewhere.id, "organiser");
    const outsiders = [
      await makeCtx(t.db, judge),
      await makeCtx(t.db, elsewhere),
      await makeCtx(t.db, await makeUser(t.db)),
      await makeCtx(t.db, null),
    ];

    const before = await snapshot(t.db);
    const forbidden = { ok: false, error: { code: "forbidden" } };
    for (const ctx of outsiders) {
      expect(await listRoundAwards(ctx, contestId, roundId)).toEqual(forbidden);
      expect(await createAward(ctx, contestId, roundId, { name: { en: "Sneaky" }, description: null })).toEqual(forbidden);
      expect(await updateAward(ctx, contestId, gold, { name: { en: "Renamed" }, description: null })).toEqual(forbidden);
      expect(await moveAward(ctx, contestId, gold, "down")).toEqual(forbidden);
      expect(await deleteAward(ctx, contestId, gold)).toEqual(forbidden);
      expect(await grantAward(ctx, contestId, gold, { entryId: entryB })).toEqual(forbidden);
      expect(await revokeGrant(ctx, contestId, grant.value.id)).toEqual(forbidden);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("does not reach another contest's awards or rounds through this contest", async () => {
    const other = (await makeContest(t.db)).id;
    await grantRole(t.db, other, organiser.actor!.userId, "organiser");
    const otherOrganiser = await makeCtx(
      t.db,
      await t.db.selectFrom("users").selectAll().where("id", "=", organiser.actor!.userId).executeTakeFirstOrThrow(),
    );
    const otherRound = await insertRound(t.db, other, 1);
    const foreignAward = await createAward(otherOrganiser, other, otherRound, { name: { en: "Their gold" }, description: null });
    if (!foreignAward.ok) throw new Error(foreignAward.error.code);

    const before = await snapshot(t.db);
    const notFound = { ok: false, error: { code: "not_found" } };
    expect(await listRoundAwards(organiser, contestId, otherRound)).toEqual(notFound);
    expect(await createAward(organiser, contestId, otherRound, { name: { en: "X" }, description: null })).toEqual(notFound);
    expect(await updateAward(organiser, contestId, foreignAward.value.id, { name: { en: "X" }, description: null })).toEqual(
      notFound,
    );
    expect(await moveAward(organiser, contestId, foreignAward.value.id, "up")).toEqual(notFound);
    expect(await deleteAward(organiser, contestId, foreignAward.value.id)).toEqual(notFound);
    expect(await grantAward(organiser, contestId, foreignAward.value.id, { entryId: entryA })).toEqual(notFound);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("keeps a finished contest's awards as they are, but still shows them", async () => {
    const gold = await created(organiser, "Gold");
    await t.db.updateTable("contests").set({ state: "finished" }).where("id", "=", contestId).execute();
    const before = await snapshot(t.db);
    const readOnly = { ok: false, error: { code: "contest_read_only" } };
    expect(await createAward(organiser, contestId, roundId, { name: { en: "Late" }, description: null })).toEqual(readOnly);
    expect(await grantAward(organiser, contestId, gold, { entryId: entryA })).toEqual(readOnly);
    expect(await deleteAward(organiser, contestId, gold)).toEqual(readOnly);
    expect(await snapshot(t.db)).toEqual(before);
    const view = await awardsNow();
    expect(view.editable).toBe(false);
    expect(view.awards.map((a) => a.id)).toEqual([gold]);
  });
});

describe("awardsForSnapshot", () => {
  it("gives the round's awards in order with their grants, for publication", async () => {
    const gold = await created(organiser, "Gold", { en: "First place" });
    const special = await created(organiser, "Best social impact");
    await grantAward(organiser, contestId, special, { entryId: entryA, citation: "Clean water for 40 villages" });
    await grantAward(organiser, contestId, gold, { entryId: entryA });
    await moveAward(organiser, contestId, special, "up");
    // Another round's award stays out.
    const otherRound = (
      await t.db
        .selectFrom("rounds")
        .select("id")
        .where("position", "=", 1)
        .where("contest_id", "=", contestId)
        .executeTakeFirstOrThrow()
    ).id;
    await createAward(organiser, contestId, otherRound, { name: { en: "Early bird" }, description: null });

    expect(await awardsForSnapshot(t.db, roundId)).toEqual([
      {
        awardId: special,
        name: { en: "Best social impact" },
        description: null,
        position: 1,
        grants: [{ entryId: entryA, citation: "Clean water for 40 villages" }],
      },
      {
        awardId: gold,
        name: { en: "Gold" },
        description: { en: "First place" },
        position: 2,
        grants: [{ entryId: entryA, citation: null }],
      },
    ]);
    expect(await awardsForSnapshot(t.db, 999_999)).toEqual([]);
  });
});
