// The language of an entry's materials: who may say it, which languages, until when, the audit
// row, and automatic assignment preferring judges who read it — real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignRound } from "#app/services/assignments.server";
import {
  lastSubmissionDeadline,
  materialsLanguageForOrganisers,
  materialsLanguageForTeam,
  setMaterialsLanguage,
} from "#app/services/entry-language.server";
import { inviteJudges, respondToJudgeInvitation } from "#app/services/judges.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let lead: User;
let member: User;
let otherLead: User;
let contestId: number;
let trackId: number;
let round1: number;
let round2: number;
let entryId: number;
let otherEntryId: number;
let judgeCount = 0;

const during = new Date("2027-03-15T00:00:00.000Z");
const betweenDeadlines = new Date("2027-04-15T00:00:00.000Z");
const lastDeadline = new Date("2027-05-31T16:00:00.000Z");
const ctxOf = (user: User | null, now = during) => makeCtx(t.db, user, { now });

async function insertRound(position: number, closesAt: string | null, judgesPerEntry = 1) {
  const at = new Date().toISOString();
  const row = await t.db
    .insertInto("rounds")
    .values({
      contest_id: contestId,
      position,
      name_i18n: JSON.stringify({ en: `Round ${position}` }),
      submission_opens_at: "2027-03-01T00:00:00.000Z",
      submission_closes_at: closesAt,
      review_opens_at: null,
      review_closes_at: null,
      judges_per_entry: judgesPerEntry,
      rubric_id: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function makeJudge(languages: string[]) {
  const user = await makeUser(t.db, { email: `language-judge${++judgeCount}@gmail.com` });
  const invited = await inviteJudges(await ctxOf(organiser), contestId, [
    { email: user.email, name: user.name, organisation: null, country: "SG", trackIds: [], languages: languages as never },
  ]);
  if (!invited.ok) throw new Error(invited.error.code);
  const mail = await t.db
    .selectFrom("outbox_messages")
    .select("text_body")
    .where("kind", "=", "judge_invitation")
    .where("to_address", "=", user.email)
    .executeTakeFirstOrThrow();
  const token = /\/judge-invitations\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
  const accepted = await respondToJudgeInvitation(await ctxOf(user), token, true);
  if (!accepted.ok) throw new Error(accepted.error.code);
  return user;
}

const languageOf = async (id: number) =>
  (await t.db.selectFrom("entries").select("materials_language").where("id", "=", id).executeTakeFirstOrThrow())
    .materials_language;

const auditRows = () =>
  t.db.selectFrom("audit_events").selectAll().where("action", "=", "entry.materials_language_set").orderBy("id").execute();

beforeEach(async () => {
  t = createTestDb();
  organiser = await makeUser(t.db);
  const contest = await makeContest(t.db);
  contestId = contest.id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  trackId = (await insertTrack(t.db, contestId, { en: "Agritech" })).id;
  round1 = await insertRound(1, "2027-03-31T16:00:00.000Z");
  round2 = await insertRound(2, lastDeadline.toISOString());
  lead = await makeUser(t.db);
  member = await makeUser(t.db);
  const team = await insertTeam(t.db, { name: "Green Loop" });
  await insertMember(t.db, team.id, lead.id, "lead");
  await insertMember(t.db, team.id, member.id, "member");
  entryId = (await insertEntry(t.db, { contestId, teamId: team.id, trackId })).id;
  otherLead = await makeUser(t.db);
  const other = await insertTeam(t.db, { name: "Blue Sky" });
  await insertMember(t.db, other.id, otherLead.id, "lead");
  otherEntryId = (await insertEntry(t.db, { contestId, teamId: other.id, trackId })).id;
});

afterEach(async () => {
  await t.cleanup();
});

describe("setting the language of an entry's materials", () => {
  it("lets any member of the team set it, audited with before and after", async () => {
    const first = await setMaterialsLanguage(await ctxOf(member), entryId, "th");
    expect(first).toEqual({ ok: true, value: { language: "th", changed: true } });
    expect(await languageOf(entryId)).toBe("th");
    expect(await languageOf(otherEntryId)).toBeNull();

    const second = await setMaterialsLanguage(await ctxOf(lead, betweenDeadlines), entryId, "vi");
    expect(second).toEqual({ ok: true, value: { language: "vi", changed: true } });
    expect(await languageOf(entryId)).toBe("vi");

    const rows = await auditRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actor_user_id: member.id,
      subject_type: "entry",
      subject_id: String(entryId),
      contest_id: contestId,
      created_at: during.toISOString(),
    });
    expect(JSON.parse(rows[0]!.before_json!)).toEqual({ language: null });
    expect(JSON.parse(rows[0]!.after_json!)).toEqual({ language: "th" });
    expect(rows[1]).toMatchObject({ actor_user_id: lead.id });
    expect(JSON.parse(rows[1]!.before_json!)).toEqual({ language: "th" });
    expect(JSON.parse(rows[1]!.after_json!)).toEqual({ language: "vi" });
  });

  it("changes nothing when the language is the same", async () => {
    await setMaterialsLanguage(await ctxOf(lead), entryId, "zh");
    const before = await snapshot(t.db);
    const again = await setMaterialsLanguage(await ctxOf(member, betweenDeadlines), entryId, "zh");
    expect(again).toEqual({ ok: true, value: { language: "zh", changed: false } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("answers not_found to another team's member, a judge, an organiser and nobody", async () => {
    const judge = await makeJudge(["th"]);
    const admin = await makeUser(t.db, { isAdmin: true });
    const before = await snapshot(t.db);
    for (const user of [otherLead, judge, organiser, admin, null]) {
      expect(await setMaterialsLanguage(await ctxOf(user), entryId, "th")).toEqual({
        ok: false,
        error: { code: "not_found" },
      });
    }
    expect(await setMaterialsLanguage(await ctxOf(lead), 999_999, "th")).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(t.db)).toEqual(before);
    // The other team's own entry is theirs to set, and only theirs.
    expect((await setMaterialsLanguage(await ctxOf(otherLead), otherEntryId, "ms")).ok).toBe(true);
    expect(await languageOf(entryId)).toBeNull();
  });

  it("refuses a language that is not one of the materials languages, changing nothing", async () => {
    await setMaterialsLanguage(await ctxOf(lead), entryId, "en");
    const before = await snapshot(t.db);
    for (const bad of ["xx", "", "EN", "zh-CN", "th ", null, undefined, 42, ["th"]]) {
      expect(await setMaterialsLanguage(await ctxOf(member), entryId, bad)).toEqual({
        ok: false,
        error: { code: "invalid_choice", field: "language" },
      });
    }
    expect(await snapshot(t.db)).toEqual(before);
    expect(await languageOf(entryId)).toBe("en");
  });

  it("is locked once the contest's last submission deadline has passed", async () => {
    // Round 1 is over, round 2 is still open: the team may still change it.
    expect((await setMaterialsLanguage(await ctxOf(lead, betweenDeadlines), entryId, "id")).ok).toBe(true);
    const before = await snapshot(t.db);
    for (const now of [lastDeadline, new Date("2027-06-01T00:00:00.000Z")]) {
      expect(await setMaterialsLanguage(await ctxOf(lead, now), entryId, "th")).toEqual({
        ok: false,
        error: { code: "materials_language_locked", field: "language" },
      });
    }
    expect(await snapshot(t.db)).toEqual(before);
    expect(await languageOf(entryId)).toBe("id");
  });

  it("stays open for an entry with an extension in the last round, until the extension ends", async () => {
    await t.db
      .insertInto("deadline_extensions")
      .values({
        entry_id: entryId,
        round_id: round2,
        until: "2027-06-05T00:00:00.000Z",
        reason: "Power cut",
        granted_by: organiser.id,
        created_at: during.toISOString(),
      })
      .execute();
    const june = new Date("2027-06-01T00:00:00.000Z");
    expect((await setMaterialsLanguage(await ctxOf(lead, june), entryId, "th")).ok).toBe(true);
    expect(await setMaterialsLanguage(await ctxOf(otherLead, june), otherEntryId, "th")).toMatchObject({
      ok: false,
      error: { code: "materials_language_locked" },
    });
    expect(await setMaterialsLanguage(await ctxOf(lead, new Date("2027-06-05T00:00:00.000Z")), entryId, "vi")).toMatchObject({
      ok: false,
      error: { code: "materials_language_locked" },
    });
    expect(await languageOf(entryId)).toBe("th");
  });

  it("is refused for a withdrawn entry", async () => {
    await t.db
      .updateTable("entries")
      .set({ status: "withdrawn", withdrawn_at: during.toISOString() })
      .where("id", "=", entryId)
      .execute();
    const before = await snapshot(t.db);
    expect(await setMaterialsLanguage(await ctxOf(lead), entryId, "th")).toEqual({
      ok: false,
      error: { code: "entry_withdrawn" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("reading the language", () => {
  it("shows the team whether it can still change it, and nobody else", async () => {
    await setMaterialsLanguage(await ctxOf(lead), entryId, "ms");
    expect(await materialsLanguageForTeam(await ctxOf(member), entryId)).toEqual({
      ok: true,
      value: { entryId, language: "ms", locksAt: lastDeadline.toISOString(), editable: true },
    });
    expect(await materialsLanguageForTeam(await ctxOf(member, lastDeadline), entryId)).toMatchObject({
      ok: true,
      value: { language: "ms", editable: false },
    });
    expect(await materialsLanguageForTeam(await ctxOf(otherLead), entryId)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await materialsLanguageForTeam(await ctxOf(organiser), entryId)).toEqual({ ok: false, error: { code: "not_found" } });
  });

  it("shows the contest's organisers the language, and refuses everyone else", async () => {
    await setMaterialsLanguage(await ctxOf(lead), entryId, "km");
    expect(await materialsLanguageForOrganisers(await ctxOf(organiser), contestId, entryId)).toEqual({ ok: true, value: "km" });
    expect(await materialsLanguageForOrganisers(await ctxOf(organiser), contestId, otherEntryId)).toEqual({
      ok: true,
      value: null,
    });
    expect(await materialsLanguageForOrganisers(await ctxOf(lead), contestId, entryId)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    const elsewhere = await makeContest(t.db);
    await grantRole(t.db, elsewhere.id, organiser.id, "organiser");
    expect(await materialsLanguageForOrganisers(await ctxOf(organiser), elsewhere.id, entryId)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("takes the latest round deadline, a later extension, and no deadline while a round has none", () => {
    const a = "2027-03-31T16:00:00.000Z";
    const b = "2027-05-31T16:00:00.000Z";
    expect(lastSubmissionDeadline([])).toBeNull();
    expect(
      lastSubmissionDeadline([
        { closesAt: b, extensionUntil: null },
        { closesAt: a, extensionUntil: null },
      ]),
    ).toBe(b);
    expect(lastSubmissionDeadline([{ closesAt: a, extensionUntil: "2027-04-02T00:00:00.000Z" }])).toBe(
      "2027-04-02T00:00:00.000Z",
    );
    expect(lastSubmissionDeadline([{ closesAt: a, extensionUntil: "2027-03-01T00:00:00.000Z" }])).toBe(a);
    expect(
      lastSubmissionDeadline([
        { closesAt: a, extensionUntil: null },
        { closesAt: null, extensionUntil: null },
      ]),
    ).toBeNull();
  });

  it("never locks while a round has no deadline yet", async () => {
    await insertRound(3, null);
    expect((await setMaterialsLanguage(await ctxOf(lead, new Date("2028-01-01T00:00:00.000Z")), entryId, "lo")).ok).toBe(true);
  });
});

describe("automatic assignment by the language of the materials", () => {
  it("prefers the judge who reads the entry's language", async () => {
    const english = await makeJudge(["en"]);
    const thai = await makeJudge(["th"]);
    expect((await setMaterialsLanguage(await ctxOf(lead), entryId, "th")).ok).toBe(true);
    expect((await setMaterialsLanguage(await ctxOf(otherLead), otherEntryId, "en")).ok).toBe(true);
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = await assignRound(await ctxOf(organiser, betweenDeadlines), contestId, round1, { seed, mode: "redo" });
      if (!result.ok) throw new Error(result.error.code);
      // One judge per entry is always a "single judge panel"; nothing is unread.
      expect(result.value.problems.map((p) => p.code)).toEqual(["single_judge_panels"]);
      const rows = await t.db.selectFrom("assignments").select(["entry_id", "judge_id"]).where("round_id", "=", round1).execute();
      expect(rows.sort((x, y) => x.entry_id - y.entry_id)).toEqual(
        [
          { entry_id: entryId, judge_id: thai.id },
          { entry_id: otherEntryId, judge_id: english.id },
        ].sort((x, y) => x.entry_id - y.entry_id),
      );
    }
  });

  it("reports entries in a language no judge reads", async () => {
    await makeJudge(["en"]);
    await makeJudge(["th", "vi"]);
    expect((await setMaterialsLanguage(await ctxOf(lead), entryId, "km")).ok).toBe(true);
    const result = await assignRound(await ctxOf(organiser, betweenDeadlines), contestId, round1, { seed: 1, mode: "redo" });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.problems).toContainEqual({ code: "no_reader", language: "km", entries: 1 });
    expect(result.value.added).toBe(2);
  });
});
