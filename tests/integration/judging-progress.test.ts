// A round's progress as organisers follow it: the entries × judges view paged and filtered in SQL
// at full size (2,000 entries, 200 judges), reminders through the outbox (codes, never team names),
// replacing a judge in one step, and each judge's scores next to the panel's.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/domain/locale";
import { renderEmail } from "#app/infra/mail/templates.server";
import { ASSIGNMENTS_PAGE_SIZE, assignmentsPage, CANDIDATES_SHOWN } from "#app/services/judges-admin.server";
import { remindJudges, replaceJudge } from "#app/services/judging-progress.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { Language, User } from "#db/schema";

let t: TestDb;
let organiser: User;
let contestId: number;

const NOW = new Date("2027-04-10T00:00:00.000Z");
const REVIEW_CLOSES = "2027-04-20T10:00:00.000Z";
const ctxOf = (user: User | null, now = NOW) => makeCtx(t.db, user, { now });

async function insertRound(options: { blind?: boolean; judgesPerEntry?: number; rubricId?: number | null } = {}) {
  const at = NOW.toISOString();
  const row = await t.db
    .insertInto("rounds")
    .values({
      contest_id: contestId,
      position: 1,
      name_i18n: JSON.stringify({ en: "Preliminary", "zh-CN": "初赛" }),
      submission_opens_at: null,
      submission_closes_at: "2027-04-01T00:00:00.000Z",
      review_opens_at: "2027-04-02T00:00:00.000Z",
      review_closes_at: REVIEW_CLOSES,
      blind_review: options.blind === false ? 0 : 1,
      judges_per_entry: options.judgesPerEntry ?? 3,
      rubric_id: options.rubricId ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function review(assignmentId: number, status: "draft" | "submitted", scores: Array<[number, number]> = []) {
  const at = NOW.toISOString();
  const row = await t.db
    .insertInto("reviews")
    .values({
      assignment_id: assignmentId,
      status,
      version: 1,
      created_at: at,
      updated_at: at,
      submitted_at: status === "submitted" ? at : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (scores.length)
    await t.db
      .insertInto("criterion_scores")
      .values(scores.map(([criterionId, value]) => ({ review_id: row.id, criterion_id: criterionId, value, comment: null })))
      .execute();
  return row.id;
}

async function assign(roundId: number, entryId: number, judgeId: number) {
  const row = await t.db
    .insertInto("assignments")
    .values({
      round_id: roundId,
      entry_id: entryId,
      judge_id: judgeId,
      source: "auto",
      assigned_by: null,
      created_at: NOW.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A judge of the contest who signed nothing yet; a public mail domain so no conflict is detected. */
async function makeJudge(
  name: string,
  options: { language?: Language; timeZone?: string; status?: "active" | "withdrawn"; organisation?: string } = {},
) {
  const user = await makeUser(t.db, {
    name,
    email: `${name.toLowerCase()}@gmail.com`,
    language: options.language,
    timeZone: options.timeZone,
  });
  await grantRole(t.db, contestId, user.id, "judge");
  const at = NOW.toISOString();
  await t.db
    .insertInto("judge_profiles")
    .values({
      contest_id: contestId,
      user_id: user.id,
      organisation: options.organisation ?? null,
      country: "SG",
      status: options.status ?? "active",
      created_at: at,
      updated_at: at,
    })
    .execute();
  return user;
}

beforeEach(async () => {
  t = createTestDb();
  organiser = await makeUser(t.db, { email: "organiser@gmail.com" });
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
});

afterEach(async () => {
  await t.cleanup();
});

describe("the progress view at 2,000 entries × 200 judges", () => {
  const ENTRIES = 2000;
  const JUDGES = 200;
  const code = (i: number) => `E-${String(i + 1).padStart(4, "0")}`;
  // Entry i has judges (i + s) % 200 for slots s = 0, 1, 2, except every hundredth entry (i % 100
  // === 99) which lacks slot 2. By i % 4: 0 → all three submitted; 1 → slots 0, 1 submitted;
  // 2 → slot 0 submitted, slot 1 draft; 3 → nothing begun. Even entries are in track A, odd in B.
  const slots = (i: number) => (i % 100 === 99 ? [0, 1] : [0, 1, 2]);
  const stage = (i: number, s: number): "submitted" | "draft" | null => {
    const r = i % 4;
    if (r === 3) return null;
    if (s === 0) return "submitted";
    if (s === 1) return r === 2 ? "draft" : "submitted";
    return r === 0 ? "submitted" : null;
  };
  let roundId: number;
  let trackA: number;
  let trackB: number;
  let judgeIds: number[];
  let entryIds: number[];

  beforeEach(async () => {
    trackA = (await insertTrack(t.db, contestId, { en: "Track A" })).id;
    trackB = (await insertTrack(t.db, contestId, { en: "Track B" })).id;
    roundId = await insertRound({ judgesPerEntry: 3 });
    const at = NOW.toISOString();
    const inBatches = async <T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
    };
    await t.db.transaction().execute(async (trx) => {
      const users = await trx
        .insertInto("users")
        .values(
          Array.from({ length: JUDGES }, (_, j) => ({
            email: `judge${String(j).padStart(3, "0")}@gmail.com`,
            name: `Judge ${String(j).padStart(3, "0")}`,
            password_hash: "x",
            email_verified_at: at,
            preferred_language: "en" as const,
            country: "SG",
            time_zone: "Asia/Singapore",
            created_at: at,
            updated_at: at,
          })),
        )
        .returning("id")
        .execute();
      judgeIds = users.map((u) => u.id);
      await trx
        .insertInto("judge_profiles")
        .values(
          judgeIds.map((id) => ({
            contest_id: contestId,
            user_id: id,
            organisation: null,
            country: "SG",
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto("contest_roles")
        .values(judgeIds.map((id) => ({ contest_id: contestId, user_id: id, role: "judge" as const, created_at: at })))
        .execute();
      const teamIds: number[] = [];
      await inBatches(
        Array.from({ length: ENTRIES }, (_, i) => i),
        500,
        async (batch) => {
          const teams = await trx
            .insertInto("teams")
            .values(
              batch.map((i) => ({ name: `Team ${i}`, name_key: `team ${i}`, country: "TH", created_at: at, updated_at: at })),
            )
            .returning("id")
            .execute();
          teamIds.push(...teams.map((r) => r.id));
        },
      );
      entryIds = [];
      await inBatches(
        Array.from({ length: ENTRIES }, (_, i) => i),
        500,
        async (batch) => {
          const entries = await trx
            .insertInto("entries")
            .values(
              batch.map((i) => ({
                contest_id: contestId,
                team_id: teamIds[i]!,
                track_id: i % 2 === 0 ? trackA : trackB,
                code: code(i),
                terms_version: 1,
                terms_accepted_at: at,
                registered_by: null,
                registered_at: at,
                withdrawn_at: null,
                updated_at: at,
              })),
            )
            .returning("id")
            .execute();
          entryIds.push(...entries.map((r) => r.id));
        },
      );
      const planned = Array.from({ length: ENTRIES }, (_, i) => slots(i).map((s) => ({ i, s }))).flat();
      await inBatches(planned, 500, async (batch) => {
        const rows = await trx
          .insertInto("assignments")
          .values(
            batch.map(({ i, s }) => ({
              round_id: roundId,
              entry_id: entryIds[i]!,
              judge_id: judgeIds[(i + s) % JUDGES]!,
              source: "auto" as const,
              assigned_by: null,
              created_at: at,
            })),
          )
          .returning("id")
          .execute();
        const reviews = batch
          .map(({ i, s }, k) => ({ id: rows[k]!.id, status: stage(i, s) }))
          .filter((r): r is { id: number; status: "submitted" | "draft" } => r.status !== null);
        if (reviews.length)
          await trx
            .insertInto("reviews")
            .values(
              reviews.map((r) => ({
                assignment_id: r.id,
                status: r.status,
                created_at: at,
                updated_at: at,
                submitted_at: r.status === "submitted" ? at : null,
              })),
            )
            .execute();
      });
    });
  });

  async function view(query: Parameters<typeof assignmentsPage>[3]) {
    const result = await assignmentsPage(await ctxOf(organiser), contestId, roundId, query);
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  }

  it("shows the first page of entries by code, each with its judges and how many submitted", async () => {
    const page = await view({ trackId: null, page: 1 });
    expect(page.total).toBe(ENTRIES);
    expect(page.pages).toBe(ENTRIES / ASSIGNMENTS_PAGE_SIZE);
    expect(page.summary).toEqual({ entries: 2000, missing: 20, complete: 500 });
    expect(page.rows.map((r) => r.code)).toEqual(Array.from({ length: ASSIGNMENTS_PAGE_SIZE }, (_, i) => code(i)));
    const [first, second, , fourth] = page.rows;
    expect(first).toMatchObject({ assigned: 3, submitted: 3, teamName: "Team 0", trackId: trackA });
    expect(first!.judges.map((j) => [j.judgeId, j.reviewStatus])).toEqual([
      [judgeIds[0], "submitted"],
      [judgeIds[1], "submitted"],
      [judgeIds[2], "submitted"],
    ]);
    expect(second).toMatchObject({ assigned: 3, submitted: 2 });
    expect(fourth).toMatchObject({ assigned: 3, submitted: 0 });
    expect(fourth!.judges.every((j) => j.reviewStatus === "not_started")).toBe(true);
    // 200 active judges, 3 on the entry, no conflict: the 25 most suitable are offered, 172 more exist.
    expect(first!.candidates).toHaveLength(CANDIDATES_SHOWN);
    expect(first!.moreCandidates).toBe(JUDGES - 3 - CANDIDATES_SHOWN);
    expect(first!.candidates.map((c) => c.id)).not.toContain(judgeIds[0]);
    // Every judge of the contest with their counts: 2,000 × 3 − 20 assignments spread over 200 judges.
    expect(page.judges).toHaveLength(JUDGES);
    expect(page.judges.reduce((sum, j) => sum + j.assigned, 0)).toBe(ENTRIES * 3 - 20);
    const judge0 = page.judges.find((j) => j.id === judgeIds[0])!;
    const judge1 = page.judges.find((j) => j.id === judgeIds[1])!;
    // Judge 0: slot 0 of i % 200 = 0, slot 1 of i % 200 = 199, slot 2 of i % 200 = 198; ten of each.
    expect(judge0).toMatchObject({ assigned: 30, submitted: 10, drafts: 0 });
    // Judge 1: slot 2 would be i % 200 = 199, which has no slot 2.
    expect(judge1).toMatchObject({ assigned: 20, submitted: 20, drafts: 0 });
  });

  it("pages to the last page, and past it to the last page", async () => {
    const last = await view({ trackId: null, page: 40 });
    expect(last.rows.map((r) => r.code)).toEqual(Array.from({ length: 50 }, (_, k) => code(1950 + k)));
    const beyond = await view({ trackId: null, page: 999 });
    expect(beyond.page).toBe(40);
    expect(beyond.rows[0]!.code).toBe(code(1950));
  });

  it("filters by track, status, judge and code, and counts what matches", async () => {
    const counts = async (query: Omit<Parameters<typeof assignmentsPage>[3], "page">) =>
      (await view({ ...query, page: 1 })).total;
    expect(await counts({ trackId: null, status: "missing" })).toBe(20);
    expect(await counts({ trackId: null, status: "not_started" })).toBe(1500);
    expect(await counts({ trackId: null, status: "draft" })).toBe(500);
    expect(await counts({ trackId: null, status: "submitted" })).toBe(500);
    expect(await counts({ trackId: trackA, status: "draft" })).toBe(500);
    expect(await counts({ trackId: trackB, status: "draft" })).toBe(0);
    expect(await counts({ trackId: trackB, status: "missing" })).toBe(20);
    expect(await counts({ trackId: null, judgeId: judgeIds[0]! })).toBe(30);
    // With a judge chosen the status is that judge's review: judge 0 has not started slot 1 of
    // i % 200 = 199 (i % 4 = 3) and slot 2 of i % 200 = 198 (i % 4 = 2).
    expect(await counts({ trackId: null, judgeId: judgeIds[0]!, status: "not_started" })).toBe(20);
    expect(await counts({ trackId: null, judgeId: judgeIds[0]!, status: "submitted" })).toBe(10);
    expect(await counts({ trackId: null, code: "e-00" })).toBe(99);
    expect(await counts({ trackId: null, code: "E-1" })).toBe(1000);
    expect(await counts({ trackId: null, code: "E_1" })).toBe(0);
    expect(await counts({ trackId: null, code: "%" })).toBe(0);

    const page = await view({ trackId: trackB, status: "not_started", page: 2 });
    expect(page.total).toBe(1000);
    expect(page.pages).toBe(20);
    // Odd entries by code: page 1 holds i = 1, 3 … 99; page 2 starts at i = 101.
    expect(page.rows.map((r) => r.code)).toEqual(Array.from({ length: 50 }, (_, k) => code(101 + 2 * k)));
    expect(page.rows.every((r) => r.trackId === trackB)).toBe(true);
    const missing = await view({ trackId: null, status: "missing", page: 1 });
    expect(missing.rows.map((r) => r.code)).toEqual(Array.from({ length: 20 }, (_, k) => code(99 + 100 * k)).sort());
    expect(missing.rows.every((r) => r.assigned === 2)).toBe(true);
  });

  it("ignores filters that name another contest's track or judge", async () => {
    const page = await view({ trackId: 999_999, judgeId: 999_999, page: 1 });
    expect(page.trackId).toBeNull();
    expect(page.judgeId).toBeNull();
    expect(page.total).toBe(ENTRIES);
  });
});

describe("reminders to judges with unfinished reviews", () => {
  let roundId: number;
  let lan: User;
  let budi: User;
  let chen: User;
  let gone: User;
  const entries: Array<{ id: number; code: string }> = [];

  beforeEach(async () => {
    entries.length = 0;
    const track = (await insertTrack(t.db, contestId, { en: "Health" })).id;
    roundId = await insertRound({ blind: true, judgesPerEntry: 2 });
    for (const [name, entryCode] of [
      ["Secret Sauce Robotics", "H-0001"],
      ["Mekong Water Labs", "H-0002"],
      ["Padi Sense", "H-0003"],
    ] as const) {
      const team = await insertTeam(t.db, { name, country: "VN" });
      entries.push({
        id: (await insertEntry(t.db, { contestId, teamId: team.id, trackId: track, code: entryCode })).id,
        code: entryCode,
      });
    }
    lan = await makeJudge("Lan", { language: "vi", timeZone: "Asia/Ho_Chi_Minh" });
    budi = await makeJudge("Budi", { language: "en", timeZone: "Asia/Shanghai" });
    chen = await makeJudge("Chen", { language: "zh-CN" });
    gone = await makeJudge("Gone", { status: "withdrawn" });
    // Lan: H-0001 not started, H-0002 in draft, H-0003 submitted. Budi: H-0003 not started.
    // Chen: everything submitted. Gone (withdrawn): kept a draft that no longer counts.
    await assign(roundId, entries[0]!.id, lan.id);
    await review(await assign(roundId, entries[1]!.id, lan.id), "draft");
    await review(await assign(roundId, entries[2]!.id, lan.id), "submitted");
    await assign(roundId, entries[2]!.id, budi.id);
    await review(await assign(roundId, entries[0]!.id, chen.id), "submitted");
    await review(await assign(roundId, entries[1]!.id, gone.id), "draft");
  });

  const reminders = () =>
    t.db.selectFrom("outbox_messages").selectAll().where("kind", "=", "review_reminder").orderBy("to_address").execute();

  it("sends one email per judge, in their language, with codes, the deadline in both zones and the link", async () => {
    const result = await remindJudges(await ctxOf(organiser), contestId, roundId);
    expect(result).toEqual({ ok: true, value: { judges: 2, reviews: 3 } });
    const mails = await reminders();
    expect(mails.map((m) => [m.to_address, m.language])).toEqual([
      ["budi@gmail.com", "en"],
      ["lan@gmail.com", "vi"],
    ]);
    const [toBudi, toLan] = mails;
    expect(toBudi!.subject).toBe(`Reminder: 1 review to finish for Contest ${await contestSlug()}`);
    expect(toBudi!.text_body).toContain("- H-0003");
    expect(toBudi!.text_body).not.toContain("H-0001");
    expect(toBudi!.text_body).toContain("http://localhost:3999/judging");
    // Budi's zone is the contest's (Asia/Shanghai, UTC+8): the deadline is said once, 18:00 there.
    expect(toBudi!.text_body).toContain("Apr 20, 2027, 06:00 PM GMT+8");
    expect(toBudi!.text_body).not.toContain("contest's time zone");
    // Lan in Ho Chi Minh City (UTC+7) reads it in Vietnamese, in her time and the contest's.
    expect(toLan!.text_body).toContain("- H-0001\n- H-0002");
    expect(toLan!.text_body).not.toContain("H-0003");
    expect(toLan!.text_body).toContain("17:00");
    expect(toLan!.text_body).toContain("18:00");
    expect(toLan!.text_body).toContain("múi giờ của cuộc thi");
    expect(toLan!.subject).toContain("2");
    for (const mail of mails) {
      for (const team of ["Secret Sauce", "Mekong Water", "Padi Sense"]) {
        expect(mail.subject + mail.text_body + mail.html_body).not.toContain(team);
      }
      expect(mail.text_body).not.toContain("{{");
    }
    const events = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "round.reminders_sent").execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.after_json!)).toMatchObject({ judgeIds: [lan.id, budi.id].sort((a, b) => a - b), reviews: 3 });
    expect(events[0]!.subject_id).toBe(String(roundId));
  });

  async function contestSlug() {
    const row = await t.db.selectFrom("contests").select("slug").where("id", "=", contestId).executeTakeFirstOrThrow();
    return row.slug;
  }

  it("reminds only the judge asked for, and nobody when that judge has nothing left", async () => {
    expect(await remindJudges(await ctxOf(organiser), contestId, roundId, { judgeId: budi.id })).toEqual({
      ok: true,
      value: { judges: 1, reviews: 1 },
    });
    expect((await reminders()).map((m) => m.to_address)).toEqual(["budi@gmail.com"]);
    const before = await snapshot(t.db);
    expect(await remindJudges(await ctxOf(organiser), contestId, roundId, { judgeId: chen.id })).toEqual({
      ok: true,
      value: { judges: 0, reviews: 0 },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("leaves out reviews on an entry the judge has a conflict with", async () => {
    await t.db
      .insertInto("conflicts")
      .values({
        contest_id: contestId,
        user_id: budi.id,
        entry_id: entries[2]!.id,
        source: "declared",
        reason: "declared",
        note: null,
        created_at: NOW.toISOString(),
      })
      .execute();
    expect(await remindJudges(await ctxOf(organiser), contestId, roundId)).toEqual({
      ok: true,
      value: { judges: 1, reviews: 2 },
    });
    expect((await reminders()).map((m) => m.to_address)).toEqual(["lan@gmail.com"]);
  });

  it("says when there is no deadline", async () => {
    await t.db.updateTable("rounds").set({ review_closes_at: null }).where("id", "=", roundId).execute();
    await remindJudges(await ctxOf(organiser), contestId, roundId, { judgeId: budi.id });
    const [mail] = await reminders();
    expect(mail!.text_body).toContain("Please finish and submit them as soon as you can.");
  });

  it("is refused once the review period is over, before it begins, and to anyone but an organiser", async () => {
    const before = await snapshot(t.db);
    const closed = await remindJudges(await ctxOf(organiser, new Date(REVIEW_CLOSES)), contestId, roundId);
    expect(closed).toEqual({ ok: false, error: { code: "review_closed" } });
    const early = await remindJudges(await ctxOf(organiser, new Date("2027-04-01T00:00:00.000Z")), contestId, roundId);
    expect(early).toEqual({ ok: false, error: { code: "review_not_open" } });
    expect(await remindJudges(await ctxOf(lan), contestId, roundId)).toEqual({ ok: false, error: { code: "forbidden" } });
    const otherContest = await makeContest(t.db);
    expect(await remindJudges(await ctxOf(organiser), otherContest.id, roundId)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    await grantRole(t.db, otherContest.id, organiser.id, "organiser");
    expect(await remindJudges(await ctxOf(organiser), otherContest.id, roundId)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    const after = await snapshot(t.db);
    delete (after as Record<string, unknown>).contests;
    delete (after as Record<string, unknown>).contest_roles;
    delete (before as Record<string, unknown>).contests;
    delete (before as Record<string, unknown>).contest_roles;
    expect(after).toEqual(before);
  });

  it.each([...LANGUAGES])("renders the reminder in %s in each wording", (language) => {
    const params = {
      name: "Ana",
      contest: "Cup",
      round: "Semifinal",
      count: 2,
      deadline: "DEADLINE-MINE",
      contestDeadline: "DEADLINE-CONTEST",
      url: "http://localhost:3999/judging",
      items: ["H-0001", "H-0002"],
    };
    const both = renderEmail("review_reminder", language, params);
    const one = renderEmail("review_reminder", language, { ...params, context: "one_zone" });
    const none = renderEmail("review_reminder", language, { ...params, context: "no_deadline" });
    expect(both.text).toContain("DEADLINE-MINE");
    expect(both.text).toContain("DEADLINE-CONTEST");
    expect(one.text).toContain("DEADLINE-MINE");
    expect(one.text).not.toContain("DEADLINE-CONTEST");
    expect(none.text).not.toContain("DEADLINE");
    for (const mail of [both, one, none]) {
      expect(mail.subject).not.toMatch(/review_reminder/);
      expect(mail.subject).toContain("2");
      expect(mail.text).toContain("- H-0001\n- H-0002");
      expect(mail.html).toContain('href="http://localhost:3999/judging"');
      expect(mail.text).not.toContain("{{");
    }
  });
});

describe("replacing a judge on an entry", () => {
  let roundId: number;
  let entryId: number;
  let lan: User;
  let budi: User;
  let chen: User;

  beforeEach(async () => {
    const track = (await insertTrack(t.db, contestId, { en: "Health" })).id;
    roundId = await insertRound({ judgesPerEntry: 2 });
    const team = await insertTeam(t.db, { name: "Padi Sense", organisation: "Chula Labs", country: "TH" });
    const lead = await makeUser(t.db, { email: "lead@padisense.co" });
    await insertMember(t.db, team.id, lead.id, "lead");
    entryId = (await insertEntry(t.db, { contestId, teamId: team.id, trackId: track, code: "H-0001" })).id;
    lan = await makeJudge("Lan");
    budi = await makeJudge("Budi");
    chen = await makeJudge("Chen");
  });

  const assignmentsNow = () =>
    t.db
      .selectFrom("assignments")
      .select(["entry_id", "judge_id", "source"])
      .where("round_id", "=", roundId)
      .orderBy("id")
      .execute();

  it("takes a judge off and puts another on in one step, draft and all, audited once", async () => {
    const assignmentId = await assign(roundId, entryId, lan.id);
    await review(assignmentId, "draft");
    const result = await replaceJudge(await ctxOf(organiser), contestId, { assignmentId, judgeId: budi.id });
    expect(result.ok).toBe(true);
    expect(await assignmentsNow()).toEqual([{ entry_id: entryId, judge_id: budi.id, source: "manual" }]);
    expect(await t.db.selectFrom("reviews").selectAll().execute()).toEqual([]);
    const events = await t.db.selectFrom("audit_events").selectAll().where("action", "like", "assignment.%").execute();
    expect(events.map((e) => e.action)).toEqual(["assignment.replaced"]);
    expect(JSON.parse(events[0]!.before_json!)).toMatchObject({ assignmentId, judgeId: lan.id, reviewStatus: "draft" });
    expect(JSON.parse(events[0]!.after_json!)).toMatchObject({ judgeId: budi.id, entryId });
  });

  it("refuses a submitted review, a judge already on the entry, a withdrawn or conflicted judge, and changes nothing", async () => {
    const submitted = await assign(roundId, entryId, lan.id);
    await review(submitted, "submitted");
    const open = await assign(roundId, entryId, budi.id);
    const withdrawn = await makeJudge("Wit", { status: "withdrawn" });
    const sameOrganisation = await makeJudge("Org", { organisation: "Chula Labs" });
    await t.db
      .insertInto("conflicts")
      .values({
        contest_id: contestId,
        user_id: chen.id,
        entry_id: entryId,
        source: "declared",
        reason: "declared",
        note: null,
        created_at: NOW.toISOString(),
      })
      .execute();
    const ctx = await ctxOf(organiser);
    const before = await snapshot(t.db);
    expect(await replaceJudge(ctx, contestId, { assignmentId: submitted, judgeId: chen.id })).toEqual({
      ok: false,
      error: { code: "review_submitted" },
    });
    expect(await replaceJudge(ctx, contestId, { assignmentId: open, judgeId: lan.id })).toEqual({
      ok: false,
      error: { code: "already_assigned", field: "judgeId" },
    });
    expect(await replaceJudge(ctx, contestId, { assignmentId: open, judgeId: budi.id })).toEqual({
      ok: false,
      error: { code: "already_assigned", field: "judgeId" },
    });
    expect(await replaceJudge(ctx, contestId, { assignmentId: open, judgeId: withdrawn.id })).toEqual({
      ok: false,
      error: { code: "judge_not_active", field: "judgeId" },
    });
    expect(await replaceJudge(ctx, contestId, { assignmentId: open, judgeId: organiser.id })).toEqual({
      ok: false,
      error: { code: "judge_not_active", field: "judgeId" },
    });
    expect(await replaceJudge(ctx, contestId, { assignmentId: open, judgeId: chen.id })).toEqual({
      ok: false,
      error: { code: "judge_conflicted", field: "judgeId" },
    });
    // Same organisation as the team: detected now, refused, and the detection rolled back too.
    expect(await replaceJudge(ctx, contestId, { assignmentId: open, judgeId: sameOrganisation.id })).toEqual({
      ok: false,
      error: { code: "judge_conflicted", field: "judgeId" },
    });
    expect(await replaceJudge(ctx, contestId, { assignmentId: 999_999, judgeId: chen.id })).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await replaceJudge(await ctxOf(lan), contestId, { assignmentId: open, judgeId: chen.id })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("each judge compared with the panel", () => {
  it("puts each judge's average total next to the other judges' on the same entries", async () => {
    const at = NOW.toISOString();
    const rubricId = (
      await t.db
        .insertInto("rubrics")
        .values({
          contest_id: contestId,
          name_i18n: JSON.stringify({ en: "R" }),
          copied_from_id: null,
          template: null,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const criterion = (key: string, position: number, weight: number) =>
      t.db
        .insertInto("criteria")
        .values({
          rubric_id: rubricId,
          key,
          position,
          name_i18n: JSON.stringify({ en: key }),
          description_i18n: null,
          weight,
          scale_min: 0,
          scale_max: 10,
          scale_step: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const market = (await criterion("market", 1, 60)).id;
    const team = (await criterion("team", 2, 40)).id;
    const roundId = await insertRound({ judgesPerEntry: 2, rubricId });
    const track = (await insertTrack(t.db, contestId, { en: "Health" })).id;
    const entry = async (c: string) =>
      (await insertEntry(t.db, { contestId, teamId: (await insertTeam(t.db)).id, trackId: track, code: c })).id;
    const [e1, e2, e3] = [await entry("H-1"), await entry("H-2"), await entry("H-3")];
    const a = await makeJudge("Alpha");
    const b = await makeJudge("Bravo");
    const c = await makeJudge("Charlie");
    // Totals out of 100 (market × 60 + team × 40, each over 10):
    //   e1: Alpha 9, 8 → 54 + 32 = 86; Bravo 6, 5 → 36 + 20 = 56
    //   e2: Alpha 7, 7 → 70;            Bravo 5, 5 → 50;   Charlie 4, 6 → 24 + 24 = 48
    //   e3: Charlie 10, 10 → 100 (alone); Bravo in draft (does not count)
    await review(await assign(roundId, e1, a.id), "submitted", [
      [market, 9],
      [team, 8],
    ]);
    await review(await assign(roundId, e1, b.id), "submitted", [
      [market, 6],
      [team, 5],
    ]);
    await review(await assign(roundId, e2, a.id), "submitted", [
      [market, 7],
      [team, 7],
    ]);
    await review(await assign(roundId, e2, b.id), "submitted", [
      [market, 5],
      [team, 5],
    ]);
    await review(await assign(roundId, e2, c.id), "submitted", [
      [market, 4],
      [team, 6],
    ]);
    await review(await assign(roundId, e3, c.id), "submitted", [
      [market, 10],
      [team, 10],
    ]);
    await review(await assign(roundId, e3, b.id), "draft", [[market, 1]]);

    const result = await assignmentsPage(await ctxOf(organiser), contestId, roundId, { trackId: null, page: 1 });
    if (!result.ok) throw new Error(result.error.code);
    const of = (id: number) => result.value.judges.find((j) => j.id === id)!;
    // Alpha: (86 + 70) / 2 = 78. Panel per entry: e1 56, e2 (50 + 48) / 2 = 49 → 52.5; +25.5.
    expect(of(a.id)).toMatchObject({ assigned: 2, submitted: 2, drafts: 0, average: 78, compared: 2, panelAverage: 52.5 });
    expect(of(a.id).difference).toBeCloseTo(25.5, 9);
    expect(of(a.id).leaning).toBe("lenient");
    // Bravo: (56 + 50) / 2 = 53. Panel: e1 86, e2 (70 + 48) / 2 = 59 → 72.5; −19.5.
    expect(of(b.id)).toMatchObject({ assigned: 3, submitted: 2, drafts: 1, average: 53, panelAverage: 72.5, leaning: "strict" });
    expect(of(b.id).difference).toBeCloseTo(-19.5, 9);
    // Charlie: (48 + 100) / 2 = 74 overall; compared only on e2: 48 against (70 + 50) / 2 = 60; −12.
    expect(of(c.id)).toMatchObject({ average: 74, compared: 1, averageOnCompared: 48, panelAverage: 60, difference: -12 });
  });
});
