// The awards page called as Remix calls it: the organiser adds, renames, reorders, grants, revokes and
// removes through the action; invalid forms come back with field errors and change nothing; a
// refusal from the service comes back as its code; other people are turned away.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as awardsAction, loader as awardsLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.awards";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertTeamWithEntry, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";
import { outcome, signInCookie as cookieOf } from "#tests/support/routes";

let t: TestDb;
let organiser: User;
let judge: User;
let contestId: number;
let roundId: number;
let entryId: number;
let cookie: string;

const context = { cspNonce: "test", clientIp: "127.0.0.1" };
const BASE = "http://localhost:3999";

function post(url: string, fields: Record<string, string>, withCookie: string) {
  return new Request(`${BASE}${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: withCookie },
  });
}
const page = () => `/manage/${contestId}/rounds/${roundId}/awards`;
const params = () => ({ contestId: String(contestId), roundId: String(roundId) });
const act = (fields: Record<string, string>, as = cookie) =>
  outcome(() => awardsAction({ request: post(page(), fields, as), context, params: params() }));
const awards = () => t.db.selectFrom("awards").selectAll().orderBy("position").execute();

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  judge = await makeUser(t.db);
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  await grantRole(t.db, contestId, judge.id, "judge");
  const trackId = (await insertTrack(t.db, contestId)).id;
  const at = new Date().toISOString();
  roundId = (
    await t.db
      .insertInto("rounds")
      .values({
        contest_id: contestId,
        position: 1,
        name_i18n: JSON.stringify({ en: "Final" }),
        submission_opens_at: null,
        submission_closes_at: null,
        review_opens_at: null,
        review_closes_at: null,
        rubric_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  entryId = (await insertTeamWithEntry(t.db, { contestId, trackId, code: "T-0100", team: { name: "Alpha Foods" } })).entry.id;
  cookie = await cookieOf(organiser);
});
afterEach(async () => {
  await t.cleanup();
});

describe("the awards page's action", () => {
  it("adds, renames, reorders, grants, revokes and removes, redirecting back with a message each time", async () => {
    const added = await act({ intent: "create", "name.en": "Gold", "name.zh-CN": "金奖", "description.en": "First place" });
    expect(added.status).toBe(302);
    expect((added.value as Response).headers.get("Location")).toBe(page());
    expect(await act({ intent: "create", "name.en": "Best social impact" })).toMatchObject({ status: 302 });
    let rows = await awards();
    expect(rows.map((r) => [JSON.parse(r.name_i18n), JSON.parse(r.description_i18n)])).toEqual([
      [{ en: "Gold", "zh-CN": "金奖" }, { en: "First place" }],
      [{ en: "Best social impact" }, {}],
    ]);
    const [gold, special] = rows.map((r) => r.id) as [number, number];

    expect(await act({ intent: "update", awardId: String(gold), "name.en": "Gold award" })).toMatchObject({ status: 302 });
    expect(await act({ intent: "move-up", awardId: String(special) })).toMatchObject({ status: 302 });
    rows = await awards();
    expect(rows.map((r) => [r.id, JSON.parse(r.name_i18n).en, JSON.parse(r.description_i18n)])).toEqual([
      [special, "Best social impact", {}],
      [gold, "Gold award", {}],
    ]);

    expect(await act({ intent: "grant", awardId: String(gold), entryId: String(entryId), citation: "Best pitch" })).toMatchObject(
      {
        status: 302,
      },
    );
    const grant = await t.db.selectFrom("award_grants").selectAll().executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ award_id: gold, entry_id: entryId, citation: "Best pitch", granted_by: organiser.id });

    expect(await act({ intent: "revoke", awardId: String(gold), grantId: String(grant.id) })).toMatchObject({ status: 302 });
    expect(await t.db.selectFrom("award_grants").selectAll().execute()).toEqual([]);
    expect(await act({ intent: "delete", awardId: String(special) })).toMatchObject({ status: 302 });
    expect((await awards()).map((r) => r.id)).toEqual([gold]);

    const actions = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "like", "award.%")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "award.created",
      "award.created",
      "award.updated",
      "award.moved",
      "award.granted",
      "award.grant_revoked",
      "award.deleted",
    ]);
  });

  it("re-renders invalid forms with field errors and changes nothing", async () => {
    await act({ intent: "create", "name.en": "Gold" });
    const [gold] = await awards();
    const before = await snapshot(t.db);

    const noName = await act({ intent: "create", "name.th": "รางวัล", "description.en": "x" });
    expect(noName.status).toBe(400);
    expect(noName.value).toMatchObject({ intent: "create", awardId: null, result: { error: { "name.en": ["required"] } } });

    const longName = await act({ intent: "update", awardId: String(gold!.id), "name.en": "G".repeat(121) });
    expect(longName.status).toBe(400);
    expect(longName.value).toMatchObject({
      intent: "update",
      awardId: gold!.id,
      result: { error: { "name.en": ["too_long?max=120"] } },
    });

    const noEntry = await act({ intent: "grant", awardId: String(gold!.id), entryId: "", citation: "x".repeat(501) });
    expect(noEntry.status).toBe(400);
    expect(noEntry.value).toMatchObject({
      intent: "grant",
      awardId: gold!.id,
      result: { error: { entryId: ["required"], citation: ["too_long?max=500"] } },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("answers the service's refusals with their codes: a duplicate grant on the entry field, a certified award on the award", async () => {
    await act({ intent: "create", "name.en": "Gold" });
    const [gold] = await awards();
    await act({ intent: "grant", awardId: String(gold!.id), entryId: String(entryId) });

    const again = await act({ intent: "grant", awardId: String(gold!.id), entryId: String(entryId) });
    expect(again.status).toBe(400);
    expect(again.value).toMatchObject({
      intent: "grant",
      awardId: gold!.id,
      result: { error: { entryId: ["already_granted"] } },
    });

    const at = new Date().toISOString();
    const publication = await t.db
      .insertInto("publications")
      .values({ contest_id: contestId, round_id: roundId, version: 1, snapshot_json: "{}", published_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("certificates")
      .values({
        code: "C-1",
        publication_id: publication.id,
        award_id: gold!.id,
        entry_id: entryId,
        team_name: "Alpha Foods",
        issued_at: at,
      })
      .execute();
    const removal = await act({ intent: "delete", awardId: String(gold!.id) });
    expect(removal).toEqual({ status: 400, value: { intent: "delete", awardId: gold!.id, message: "award_has_certificates" } });
    expect((await awards()).map((r) => r.id)).toEqual([gold!.id]);
  });

  it("turns away a judge of the contest and refuses an unknown intent, changing nothing", async () => {
    const judgeCookie = await cookieOf(judge);
    const before = await snapshot(t.db);
    expect((await act({ intent: "create", "name.en": "Gold" }, judgeCookie)).status).toBe(403);
    expect((await act({ intent: "explode" })).status).toBe(400);
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("the awards page's loader", () => {
  it("shows the round's awards, winners and entries to the organiser, and 404s a round of another contest", async () => {
    await act({ intent: "create", "name.en": "Gold" });
    const [gold] = await awards();
    await act({ intent: "grant", awardId: String(gold!.id), entryId: String(entryId), citation: "Best pitch" });

    const loaded = await outcome(() =>
      awardsLoader({ request: new Request(`${BASE}${page()}`, { headers: { Cookie: cookie } }), context, params: params() }),
    );
    expect(loaded.status).toBe(200);
    expect(loaded.value).toMatchObject({
      round: {
        roundId,
        editable: true,
        awards: [
          {
            id: gold!.id,
            name: { en: "Gold" },
            grants: [{ entryId, code: "T-0100", teamName: "Alpha Foods", citation: "Best pitch" }],
          },
        ],
        participants: [{ entryId, code: "T-0100", teamName: "Alpha Foods" }],
      },
    });

    const other = (await makeContest(t.db)).id;
    const at = new Date().toISOString();
    const foreignRound = await t.db
      .insertInto("rounds")
      .values({
        contest_id: other,
        position: 1,
        name_i18n: JSON.stringify({ en: "Theirs" }),
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
    const missing = await outcome(() =>
      awardsLoader({
        request: new Request(`${BASE}/manage/${contestId}/rounds/${foreignRound.id}/awards`, { headers: { Cookie: cookie } }),
        context,
        params: { contestId: String(contestId), roundId: String(foreignRound.id) },
      }),
    );
    expect(missing.status).toBe(404);
  });
});
