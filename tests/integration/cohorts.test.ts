// Incubation cohorts against a real database: organisers create one from the registered entries (the
// awarded ones offered first) with milestones from its template, edit it within its rules, add teams
// and let them leave; mentors are invited (accept, decline, expired, revoked, resent) or assigned; the
// team owns its milestones; and every view of one team answers "not found" to anyone but the team,
// its mentors and the organisers. Refusals leave the database as it was.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addCohortTeams,
  cohortPage,
  cohortsOverview,
  createCohort,
  defaultMilestoneTemplate,
  incubationLinks,
  removeCohortTeam,
  updateCohort,
} from "#app/services/cohorts.server";
import {
  assignMentor,
  inspectMentorInvitation,
  inviteMentor,
  mentorHome,
  MENTOR_INVITATION_TTL_DAYS,
  resendMentorInvitation,
  respondToMentorInvitation,
  revokeMentorInvitation,
  unassignMentor,
} from "#app/services/mentoring.server";
import { addMilestone, incubationHome, updateMilestone } from "#app/services/milestones.server";
import type { CohortCreateInput } from "#app/forms/cohorts";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let contestId: number;
let organiser: User;
let mentor: User;
let judge: User;
let outsider: User;
let green: { lead: User; member: User; entryId: number; teamId: number };
let blue: { lead: User; entryId: number; teamId: number };
let red: { lead: User; entryId: number; teamId: number };
let withdrawnEntryId: number;

// Mid-July 2027 in the contest's zone (Asia/Shanghai).
const NOW = new Date("2027-07-15T04:00:00.000Z");
const ctxOf = (user: User | null, now = NOW) => makeCtx(t.db, user, { now });

async function registered(name: string, trackId: number, code: string, country = "TH") {
  const lead = await makeUser(t.db, { email: `${code.toLowerCase()}@teams.example` });
  const team = await insertTeam(t.db, { name, country });
  await insertMember(t.db, team.id, lead.id, "lead");
  const entry = await insertEntry(t.db, { contestId, teamId: team.id, trackId, code });
  return { lead, entryId: entry.id, teamId: team.id };
}

async function insertAwardGrant(entryIds: number[], name: string) {
  const at = new Date().toISOString();
  const round = await t.db
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
    .executeTakeFirstOrThrow();
  const award = await t.db
    .insertInto("awards")
    .values({
      round_id: round.id,
      name_i18n: JSON.stringify({ en: name, "zh-CN": "金奖" }),
      position: 1,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const entryId of entryIds)
    await t.db
      .insertInto("award_grants")
      .values({ award_id: award.id, entry_id: entryId, citation: null, granted_by: organiser.id, granted_at: at })
      .execute();
}

function cohortInput(overrides: Partial<CohortCreateInput> = {}): CohortCreateInput {
  return {
    name: { en: "2027 incubation cohort", th: "รุ่นบ่มเพาะ 2027" },
    startsOn: "2027-01-01",
    endsOn: "2027-12-31",
    cadence: "quarterly",
    reportingCurrency: "USD",
    dueDays: 10,
    milestones: defaultMilestoneTemplate(),
    entryIds: [green.entryId, blue.entryId],
    ...overrides,
  };
}

async function makeCohort(overrides: Partial<CohortCreateInput> = {}) {
  const result = await createCohort(await ctxOf(organiser), contestId, cohortInput(overrides));
  if (!result.ok) throw new Error(`createCohort failed: ${result.error.code}`);
  return result.value.id;
}

async function cohortTeamOf(cohortId: number, entryId: number) {
  return t.db
    .selectFrom("cohort_teams")
    .selectAll()
    .where("cohort_id", "=", cohortId)
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
}

async function insertCheckin(
  cohortTeamId: number,
  period: string,
  status: "draft" | "submitted",
  mentorStatus: "at_risk" | null = null,
) {
  const at = NOW.toISOString();
  await t.db
    .insertInto("checkins")
    .values({ cohort_team_id: cohortTeamId, period, status, mentor_status: mentorStatus, created_at: at, updated_at: at })
    .execute();
}

const auditRows = (action: string) => t.db.selectFrom("audit_events").selectAll().where("action", "=", action).execute();

async function invitationToken(email: string): Promise<string> {
  const mail = await t.db
    .selectFrom("outbox_messages")
    .selectAll()
    .where("kind", "=", "mentor_invitation")
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return /\/mentor-invitations\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
}

beforeEach(async () => {
  t = createTestDb();
  const contest = await makeContest(t.db);
  contestId = contest.id;
  organiser = await makeUser(t.db, { email: "organiser@contest.example" });
  await grantRole(t.db, contestId, organiser.id, "organiser");
  mentor = await makeUser(t.db, { email: "mentor1@mentors.example", name: "Mei Mentor" });
  await grantRole(t.db, contestId, mentor.id, "mentor");
  judge = await makeUser(t.db, { email: "judge@judges.example" });
  await grantRole(t.db, contestId, judge.id, "judge");
  outsider = await makeUser(t.db, { email: "someone@else.example" });
  const track = await insertTrack(t.db, contestId, { en: "Clean energy", "zh-CN": "清洁能源" });
  const g = await registered("GreenLoop Energy", track.id, "T-0427", "VN");
  const member = await makeUser(t.db, { email: "founder2@teams.example" });
  await insertMember(t.db, g.teamId, member.id, "member");
  green = { ...g, member };
  blue = await registered("Blue Harbour", track.id, "T-0430", "MY");
  red = await registered("Red River Labs", track.id, "T-0433", "ID");
  const gone = await insertTeam(t.db, { name: "Withdrawn Co" });
  withdrawnEntryId = (
    await insertEntry(t.db, { contestId, teamId: gone.id, trackId: track.id, code: "T-0500", status: "withdrawn" })
  ).id;
  await insertAwardGrant([green.entryId, blue.entryId], "Gold award");
});

afterEach(async () => {
  await t.cleanup();
});

describe("the cohorts page", () => {
  it("offers the registered entries with their awards, the awarded ones pre-selected", async () => {
    const result = await cohortsOverview(await ctxOf(organiser), contestId);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.entries.map((e) => e.code)).toEqual(["T-0427", "T-0430", "T-0433"]);
    expect(result.value.awardedEntryIds.sort()).toEqual([green.entryId, blue.entryId].sort());
    expect(result.value.entries.find((e) => e.code === "T-0427")!.awards).toEqual([{ en: "Gold award", "zh-CN": "金奖" }]);
    expect(result.value.entries.find((e) => e.code === "T-0433")!.awards).toEqual([]);
    expect(result.value.defaultTemplate.map((m) => m.key)).toEqual(["mvp", "first_customer", "pilot", "funding", "ip"]);
    expect(result.value.defaultTemplate[0]!.name.en).toBe("MVP launched");
    expect(result.value.defaultTemplate[0]!.name["zh-CN"]).toBe("推出最小可行产品（MVP）");
  });

  it("is for organisers only", async () => {
    for (const user of [mentor, judge, green.lead]) expect((await cohortsOverview(await ctxOf(user), contestId)).ok).toBe(false);
  });
});

describe("creating a cohort", () => {
  it("creates the cohort, its teams and each team's milestones from the template, audited", async () => {
    const cohortId = await makeCohort();
    const cohort = await t.db.selectFrom("cohorts").selectAll().where("id", "=", cohortId).executeTakeFirstOrThrow();
    expect(cohort).toMatchObject({ contest_id: contestId, cadence: "quarterly", reporting_currency: "USD", due_days: 10 });
    const teams = await t.db.selectFrom("cohort_teams").selectAll().where("cohort_id", "=", cohortId).execute();
    expect(teams.map((r) => r.entry_id).sort()).toEqual([green.entryId, blue.entryId].sort());
    expect(teams.every((r) => r.status === "active")).toBe(true);
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    const milestones = await t.db
      .selectFrom("milestones")
      .selectAll()
      .where("cohort_team_id", "=", greenTeam.id)
      .orderBy("position")
      .execute();
    expect(milestones.map((m) => [m.template_key, m.title, m.position, m.status, m.due_on])).toEqual([
      ["mvp", "MVP launched", 1, "planned", null],
      ["first_customer", "First paying customer", 2, "planned", null],
      ["pilot", "Pilot with a partner", 3, "planned", null],
      ["funding", "Funding raised", 4, "planned", null],
      ["ip", "IP filed", 5, "planned", null],
    ]);
    const [event] = await auditRows("cohort.created");
    expect(event).toMatchObject({ actor_user_id: organiser.id, subject_id: String(cohortId), contest_id: contestId });
  });

  it("keys an organiser's own template rows and keeps their names in every language given", async () => {
    const cohortId = await makeCohort({
      milestones: [{ key: "mvp", name: { en: "Product live", vi: "Sản phẩm ra mắt" } }, { name: { en: "Export licence" } }],
      entryIds: [red.entryId],
    });
    const cohort = await t.db.selectFrom("cohorts").selectAll().where("id", "=", cohortId).executeTakeFirstOrThrow();
    expect(JSON.parse(cohort.milestone_template_json)).toEqual([
      { key: "mvp", name: { en: "Product live", vi: "Sản phẩm ra mắt" } },
      { key: "custom_1", name: { en: "Export licence" } },
    ]);
    const redTeam = await cohortTeamOf(cohortId, red.entryId);
    const titles = await t.db
      .selectFrom("milestones")
      .select("title")
      .where("cohort_team_id", "=", redTeam.id)
      .orderBy("position")
      .execute();
    expect(titles.map((r) => r.title)).toEqual(["Product live", "Export licence"]);
  });

  it("refuses an entry that is not registered, and anyone but an organiser, changing nothing", async () => {
    const before = await snapshot(t.db);
    const withdrawn = await createCohort(
      await ctxOf(organiser),
      contestId,
      cohortInput({ entryIds: [green.entryId, withdrawnEntryId] }),
    );
    expect(withdrawn).toEqual({ ok: false, error: { code: "cohort_entry_not_registered", field: "entryIds" } });
    const otherContest = await makeContest(t.db);
    const foreign = await createCohort(await ctxOf(organiser), otherContest.id, cohortInput({ entryIds: [] }));
    expect(foreign.ok).toBe(false);
    const byMentor = await createCohort(await ctxOf(mentor), contestId, cohortInput());
    expect(byMentor).toEqual({ ok: false, error: { code: "forbidden" } });
    const { contests: _contests, ...rest } = await snapshot(t.db);
    const { contests: _before, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });
});

describe("editing a cohort", () => {
  it("changes name, dates and due days, bumps the version and audits before and after", async () => {
    const cohortId = await makeCohort();
    const result = await updateCohort(await ctxOf(organiser), contestId, cohortId, {
      version: 1,
      name: { en: "Cohort 2027 (extended)" },
      startsOn: "2027-01-01",
      endsOn: "2028-03-31",
      cadence: "monthly",
      reportingCurrency: "SGD",
      dueDays: 15,
    });
    expect(result.ok).toBe(true);
    const cohort = await t.db.selectFrom("cohorts").selectAll().where("id", "=", cohortId).executeTakeFirstOrThrow();
    expect(cohort).toMatchObject({
      ends_on: "2028-03-31",
      cadence: "monthly",
      reporting_currency: "SGD",
      due_days: 15,
      version: 2,
    });
    const [event] = await auditRows("cohort.updated");
    expect(JSON.parse(event!.before_json!)).toMatchObject({ cadence: "quarterly", reportingCurrency: "USD", dueDays: 10 });
  });

  it("refuses a stale version, and cadence, currency or dates that would orphan check-ins", async () => {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    await insertCheckin(greenTeam.id, "2027-Q1", "submitted");
    const base = {
      version: 1,
      name: { en: "2027 incubation cohort" },
      startsOn: "2027-01-01",
      endsOn: "2027-12-31",
      cadence: "quarterly" as const,
      reportingCurrency: "USD",
      dueDays: 10,
    };
    const ctx = await ctxOf(organiser);
    const before = await snapshot(t.db);
    expect(await updateCohort(ctx, contestId, cohortId, { ...base, version: 7 })).toEqual({
      ok: false,
      error: { code: "changed_by_someone_else" },
    });
    expect(await updateCohort(ctx, contestId, cohortId, { ...base, cadence: "monthly" })).toEqual({
      ok: false,
      error: { code: "cohort_has_checkins", field: "cadence" },
    });
    expect(await updateCohort(ctx, contestId, cohortId, { ...base, reportingCurrency: "CNY" })).toEqual({
      ok: false,
      error: { code: "cohort_has_checkins", field: "reportingCurrency" },
    });
    expect(await updateCohort(ctx, contestId, cohortId, { ...base, startsOn: "2027-04-01" })).toEqual({
      ok: false,
      error: { code: "cohort_dates_drop_checkins", field: "startsOn", params: { periods: "2027-Q1" } },
    });
    expect(await updateCohort(await ctxOf(mentor), contestId, cohortId, base)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    // Dates that keep Q1 are fine even with check-ins.
    expect((await updateCohort(ctx, contestId, cohortId, { ...base, endsOn: "2027-09-30", dueDays: 20 })).ok).toBe(true);
  });
});

describe("the cohort's teams", () => {
  it("lets a team leave without deleting anything, and come back with its milestones as they were", async () => {
    const cohortId = await makeCohort();
    const ctx = await ctxOf(organiser);
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    await insertCheckin(greenTeam.id, "2027-Q1", "submitted");
    expect((await removeCohortTeam(ctx, contestId, cohortId, greenTeam.id)).ok).toBe(true);
    expect((await cohortTeamOf(cohortId, green.entryId)).status).toBe("left");
    const count = async (table: "milestones" | "checkins") =>
      (await t.db.selectFrom(table).select("id").where("cohort_team_id", "=", greenTeam.id).execute()).length;
    expect(await count("milestones")).toBe(5);
    expect(await count("checkins")).toBe(1);
    expect(await removeCohortTeam(ctx, contestId, cohortId, greenTeam.id)).toEqual({ ok: false, error: { code: "not_found" } });

    const added = await addCohortTeams(ctx, contestId, cohortId, [green.entryId, red.entryId]);
    expect(added).toEqual({ ok: true, value: { added: 2 } });
    expect((await cohortTeamOf(cohortId, green.entryId)).status).toBe("active");
    expect(await count("milestones")).toBe(5);
    const redTeam = await cohortTeamOf(cohortId, red.entryId);
    expect((await t.db.selectFrom("milestones").select("id").where("cohort_team_id", "=", redTeam.id).execute()).length).toBe(5);
    expect(await auditRows("cohort.team_left")).toHaveLength(1);
    expect(await auditRows("cohort.teams_added")).toHaveLength(1);
  });

  it("refuses an unregistered entry or an empty choice", async () => {
    const cohortId = await makeCohort();
    const ctx = await ctxOf(organiser);
    const before = await snapshot(t.db);
    expect(await addCohortTeams(ctx, contestId, cohortId, [withdrawnEntryId])).toEqual({
      ok: false,
      error: { code: "cohort_entry_not_registered", field: "entryIds" },
    });
    expect(await addCohortTeams(ctx, contestId, cohortId, [])).toEqual({
      ok: false,
      error: { code: "cohort_choose_teams", field: "entryIds" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("shows each team's mentors and milestone completion on the cohort page", async () => {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    await assignMentor(await ctxOf(organiser), contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: mentor.id });
    await t.db
      .updateTable("milestones")
      .set({ status: "done", done_on: "2027-03-01" })
      .where("cohort_team_id", "=", greenTeam.id)
      .where("position", "=", 1)
      .execute();
    await t.db
      .updateTable("milestones")
      .set({ status: "dropped" })
      .where("cohort_team_id", "=", greenTeam.id)
      .where("position", "=", 2)
      .execute();
    const page = await cohortPage(await ctxOf(organiser), contestId, cohortId);
    if (!page.ok) throw new Error(page.error.code);
    const row = page.value.teams.find((team) => team.id === greenTeam.id)!;
    expect(row.milestones).toEqual({ done: 1, total: 4 });
    expect(row.mentors.map((m) => m.name)).toEqual(["Mei Mentor"]);
    expect(page.value.mentors.map((m) => m.id)).toEqual([mentor.id]);
    expect(page.value.addable.map((e) => e.code)).toEqual(["T-0433"]);
    expect(page.value.hasCheckins).toBe(false);
  });
});

describe("mentor invitations", () => {
  async function invite(email = "lan.mentor@gmail.com", teams?: number[]) {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    const result = await inviteMentor(await ctxOf(organiser), contestId, cohortId, {
      email,
      name: "Lan Nguyen",
      organisation: "Saigon Ventures",
      cohortTeamIds: teams ?? [greenTeam.id],
    });
    if (!result.ok) throw new Error(result.error.code);
    return { cohortId, greenTeam, invitationId: result.value.invitationId, token: await invitationToken(email) };
  }

  it("emails a link whose token is stored only hashed, in the invitee's language", async () => {
    await makeUser(t.db, { email: "lan.mentor@gmail.com", language: "vi" });
    const { token, invitationId } = await invite();
    const mail = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("kind", "=", "mentor_invitation")
      .executeTakeFirstOrThrow();
    expect(mail.language).toBe("vi");
    expect(mail.subject).toContain("2027 incubation cohort");
    expect(mail.text_body).toContain(`http://localhost:3999/mentor-invitations/${token}`);
    const row = await t.db.selectFrom("mentor_invitations").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(Date.parse(row.expires_at) - NOW.getTime()).toBe(MENTOR_INVITATION_TTL_DAYS * 86_400_000);
    expect(await auditRows("mentor.invited")).toHaveLength(1);
  });

  it("accepting grants the mentor role and the invited teams", async () => {
    const { token, greenTeam, invitationId } = await invite();
    const lan = await makeUser(t.db, { email: "lan.mentor@gmail.com" });
    const inspected = await inspectMentorInvitation(await ctxOf(null), token);
    expect(inspected).toMatchObject({ ok: true, value: { email: "lan.mentor@gmail.com", teams: 1 } });
    const result = await respondToMentorInvitation(await ctxOf(lan), token, true);
    expect(result).toEqual({ ok: true, value: { contestId, assigned: 1 } });
    const roles = await t.db.selectFrom("contest_roles").select("role").where("user_id", "=", lan.id).execute();
    expect(roles.map((r) => r.role)).toEqual(["mentor"]);
    const assignments = await t.db.selectFrom("mentor_assignments").selectAll().where("mentor_id", "=", lan.id).execute();
    expect(assignments.map((a) => a.cohort_team_id)).toEqual([greenTeam.id]);
    const row = await t.db.selectFrom("mentor_invitations").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "accepted", accepted_by: lan.id });
    expect(await respondToMentorInvitation(await ctxOf(lan), token, true)).toEqual({ ok: false, error: { code: "token_used" } });
    // The organisation given on the invitation is shown next to the mentor.
    const home = await incubationHome(await ctxOf(green.lead), greenTeam.id);
    if (!home.ok) throw new Error(home.error.code);
    expect(home.value.mentors).toEqual([{ id: lan.id, name: lan.name, organisation: "Saigon Ventures" }]);
  });

  it("declining records the answer and grants nothing", async () => {
    const { token, invitationId } = await invite();
    const lan = await makeUser(t.db, { email: "lan.mentor@gmail.com" });
    expect((await respondToMentorInvitation(await ctxOf(lan), token, false)).ok).toBe(true);
    expect(await t.db.selectFrom("contest_roles").select("id").where("user_id", "=", lan.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("mentor_assignments").select("id").where("mentor_id", "=", lan.id).execute()).toEqual([]);
    const row = await t.db.selectFrom("mentor_invitations").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    expect(row.status).toBe("declined");
    expect(await auditRows("mentor.invitation_declined")).toHaveLength(1);
  });

  it("refuses an expired link, a revoked one, another account and a wrong token, changing nothing", async () => {
    const { token, cohortId, invitationId } = await invite();
    const lan = await makeUser(t.db, { email: "lan.mentor@gmail.com" });
    const before = await snapshot(t.db);
    const later = new Date(NOW.getTime() + (MENTOR_INVITATION_TTL_DAYS + 1) * 86_400_000);
    expect(await respondToMentorInvitation(await ctxOf(lan, later), token, true)).toEqual({
      ok: false,
      error: { code: "token_expired" },
    });
    expect(await respondToMentorInvitation(await ctxOf(outsider), token, true)).toEqual({
      ok: false,
      error: { code: "invitation_for_other_email" },
    });
    expect(await respondToMentorInvitation(await ctxOf(lan), "x".repeat(64), true)).toEqual({
      ok: false,
      error: { code: "token_invalid" },
    });
    expect(await respondToMentorInvitation(await ctxOf(null), token, true)).toEqual({
      ok: false,
      error: { code: "unauthorised" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    expect((await revokeMentorInvitation(await ctxOf(organiser), contestId, cohortId, invitationId)).ok).toBe(true);
    const revoked = await snapshot(t.db);
    expect(await respondToMentorInvitation(await ctxOf(lan), token, true)).toEqual({
      ok: false,
      error: { code: "invitation_revoked" },
    });
    expect(await inspectMentorInvitation(await ctxOf(null), token)).toEqual({ ok: false, error: { code: "invitation_revoked" } });
    expect(await snapshot(t.db)).toEqual(revoked);
    expect(await revokeMentorInvitation(await ctxOf(organiser), contestId, cohortId, invitationId)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("resending mails a new link with a new expiry; the old link stops working", async () => {
    const { token, cohortId, invitationId } = await invite();
    const later = new Date(NOW.getTime() + 20 * 86_400_000);
    const resent = await resendMentorInvitation(await ctxOf(organiser, later), contestId, cohortId, invitationId);
    expect(resent).toEqual({ ok: true, value: { email: "lan.mentor@gmail.com" } });
    const fresh = await invitationToken("lan.mentor@gmail.com");
    expect(fresh).not.toBe(token);
    const lan = await makeUser(t.db, { email: "lan.mentor@gmail.com" });
    expect(await respondToMentorInvitation(await ctxOf(lan, later), token, true)).toEqual({
      ok: false,
      error: { code: "token_invalid" },
    });
    expect((await respondToMentorInvitation(await ctxOf(lan, later), fresh, true)).ok).toBe(true);
    expect(await t.db.selectFrom("outbox_messages").select("id").where("kind", "=", "mentor_invitation").execute()).toHaveLength(
      2,
    );
    expect(await auditRows("mentor.invitation_resent")).toHaveLength(1);
  });

  it("refuses someone who already mentors in the contest, and a team outside the cohort", async () => {
    const cohortId = await makeCohort();
    const ctx = await ctxOf(organiser);
    const before = await snapshot(t.db);
    expect(await inviteMentor(ctx, contestId, cohortId, { email: mentor.email, cohortTeamIds: [] })).toEqual({
      ok: false,
      error: { code: "mentor_already_in_contest", field: "email" },
    });
    const otherCohort = await makeCohort({ entryIds: [red.entryId] });
    const redTeam = await cohortTeamOf(otherCohort, red.entryId);
    const after = await snapshot(t.db);
    expect(await inviteMentor(ctx, contestId, cohortId, { email: "new@mentor.example", cohortTeamIds: [redTeam.id] })).toEqual({
      ok: false,
      error: { code: "cohort_team_not_in_cohort", field: "cohortTeamIds" },
    });
    expect(
      await inviteMentor(await ctxOf(mentor), contestId, cohortId, { email: "new@mentor.example", cohortTeamIds: [] }),
    ).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await snapshot(t.db)).toEqual(after);
    expect(before.mentor_invitations).toEqual([]);
  });

  it("does not assign a team that left the cohort before the invitation was accepted", async () => {
    const { token, cohortId, greenTeam } = await invite();
    await removeCohortTeam(await ctxOf(organiser), contestId, cohortId, greenTeam.id);
    const lan = await makeUser(t.db, { email: "lan.mentor@gmail.com" });
    expect(await respondToMentorInvitation(await ctxOf(lan), token, true)).toEqual({
      ok: true,
      value: { contestId, assigned: 0 },
    });
  });
});

describe("assigning mentors", () => {
  it("assigns a mentor of the contest to a team and takes them off again, audited", async () => {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    const ctx = await ctxOf(organiser);
    expect((await assignMentor(ctx, contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: mentor.id })).ok).toBe(true);
    const before = await snapshot(t.db);
    expect(await assignMentor(ctx, contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: mentor.id })).toEqual({
      ok: false,
      error: { code: "mentor_already_assigned", field: "mentorId" },
    });
    expect(await assignMentor(ctx, contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: judge.id })).toEqual({
      ok: false,
      error: { code: "mentor_not_in_contest", field: "mentorId" },
    });
    expect(
      await assignMentor(await ctxOf(mentor), contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: mentor.id }),
    ).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    const [row] = await t.db.selectFrom("mentor_assignments").selectAll().execute();
    expect((await unassignMentor(ctx, contestId, cohortId, row!.id)).ok).toBe(true);
    expect(await t.db.selectFrom("mentor_assignments").selectAll().execute()).toEqual([]);
    expect(await auditRows("mentor.assigned")).toHaveLength(1);
    expect(await auditRows("mentor.unassigned")).toHaveLength(1);
  });
});

describe("who sees a team's incubation home", () => {
  it("the team, its assigned mentors and organisers; to anyone else it does not exist", async () => {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    await assignMentor(await ctxOf(organiser), contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: mentor.id });
    const unassigned = await makeUser(t.db, { email: "other.mentor@mentors.example" });
    await grantRole(t.db, contestId, unassigned.id, "mentor");

    const home = async (user: User | null) => incubationHome(await ctxOf(user), greenTeam.id);
    const lead = await home(green.lead);
    expect(lead).toMatchObject({ ok: true, value: { canEdit: true, roles: ["team"] } });
    expect((await home(green.member)).ok).toBe(true);
    expect(await home(mentor)).toMatchObject({ ok: true, value: { canEdit: false, roles: ["mentor"] } });
    expect(await home(organiser)).toMatchObject({ ok: true, value: { canEdit: false, roles: ["organiser"] } });
    for (const user of [blue.lead, unassigned, judge, outsider, null])
      expect(await home(user)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await incubationHome(await ctxOf(organiser), 999_999)).toEqual({ ok: false, error: { code: "not_found" } });
  });

  it("links each of a team's entries in a cohort from the team's page, for its members only", async () => {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    expect(await incubationLinks(await ctxOf(green.member), green.teamId)).toEqual([
      { entryId: green.entryId, cohortTeamId: greenTeam.id, cohortName: { en: "2027 incubation cohort", th: "รุ่นบ่มเพาะ 2027" } },
    ]);
    expect(await incubationLinks(await ctxOf(blue.lead), green.teamId)).toEqual([]);
    expect(await incubationLinks(await ctxOf(red.lead), red.teamId)).toEqual([]);
  });
});

describe("milestones", () => {
  async function setUp() {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    await assignMentor(await ctxOf(organiser), contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: mentor.id });
    const [first] = await t.db
      .selectFrom("milestones")
      .selectAll()
      .where("cohort_team_id", "=", greenTeam.id)
      .orderBy("position")
      .execute();
    return { cohortId, greenTeam, milestoneId: first!.id };
  }

  it("the team sets a due date, progress and the day it was done, audited", async () => {
    const { greenTeam, milestoneId } = await setUp();
    const ctx = await ctxOf(green.member);
    expect(
      (await updateMilestone(ctx, greenTeam.id, { milestoneId, dueOn: "2027-09-30", status: "in_progress", doneOn: null })).ok,
    ).toBe(true);
    expect(
      (await updateMilestone(ctx, greenTeam.id, { milestoneId, dueOn: "2027-09-30", status: "done", doneOn: "2027-07-14" })).ok,
    ).toBe(true);
    const row = await t.db.selectFrom("milestones").selectAll().where("id", "=", milestoneId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ due_on: "2027-09-30", status: "done", done_on: "2027-07-14" });
    const events = await auditRows("milestone.updated");
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]!.before_json!)).toEqual({ dueOn: "2027-09-30", status: "in_progress", doneOn: null });
    const added = await addMilestone(ctx, greenTeam.id, { title: "Halal certification", dueOn: "2027-11-30" });
    if (!added.ok) throw new Error(added.error.code);
    const own = await t.db.selectFrom("milestones").selectAll().where("id", "=", added.value.id).executeTakeFirstOrThrow();
    expect(own).toMatchObject({ template_key: null, title: "Halal certification", position: 6, status: "planned" });
    const home = await incubationHome(ctx, greenTeam.id);
    if (!home.ok) throw new Error(home.error.code);
    expect(home.value.completion).toEqual({ done: 1, total: 6 });
  });

  it("mentors and organisers read but cannot change; others do not see the team; the database is unchanged", async () => {
    const { greenTeam, milestoneId } = await setUp();
    const input = { milestoneId, dueOn: "2027-09-30", status: "done" as const, doneOn: "2027-07-01" };
    const before = await snapshot(t.db);
    expect(await updateMilestone(await ctxOf(mentor), greenTeam.id, input)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await updateMilestone(await ctxOf(organiser), greenTeam.id, input)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await addMilestone(await ctxOf(mentor), greenTeam.id, { title: "Mine", dueOn: null })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    for (const user of [blue.lead, judge, outsider, null])
      expect(await updateMilestone(await ctxOf(user), greenTeam.id, input)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("refuses a done day in the future, another team's milestone, and edits after the team left", async () => {
    const { cohortId, greenTeam, milestoneId } = await setUp();
    const blueTeam = await cohortTeamOf(cohortId, blue.entryId);
    const [blueMilestone] = await t.db.selectFrom("milestones").selectAll().where("cohort_team_id", "=", blueTeam.id).execute();
    const ctx = await ctxOf(green.lead);
    const before = await snapshot(t.db);
    // 15 July 2027 is "today" in Shanghai; the 16th is tomorrow.
    expect(await updateMilestone(ctx, greenTeam.id, { milestoneId, dueOn: null, status: "done", doneOn: "2027-07-16" })).toEqual({
      ok: false,
      error: { code: "milestone_done_in_future", field: "doneOn" },
    });
    expect(
      await updateMilestone(ctx, greenTeam.id, { milestoneId: blueMilestone!.id, dueOn: null, status: "dropped", doneOn: null }),
    ).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(t.db)).toEqual(before);
    await removeCohortTeam(await ctxOf(organiser), contestId, cohortId, greenTeam.id);
    const left = await snapshot(t.db);
    expect(await updateMilestone(ctx, greenTeam.id, { milestoneId, dueOn: null, status: "dropped", doneOn: null })).toEqual({
      ok: false,
      error: { code: "cohort_team_left" },
    });
    expect(await snapshot(t.db)).toEqual(left);
    const home = await incubationHome(ctx, greenTeam.id);
    expect(home).toMatchObject({ ok: true, value: { canEdit: false } });
  });
});

describe("the mentor's home", () => {
  it("lists the mentor's teams with the latest check-in's status and the overdue count", async () => {
    const cohortId = await makeCohort();
    const greenTeam = await cohortTeamOf(cohortId, green.entryId);
    const blueTeam = await cohortTeamOf(cohortId, blue.entryId);
    const ctx = await ctxOf(organiser);
    await assignMentor(ctx, contestId, cohortId, { cohortTeamId: greenTeam.id, mentorId: mentor.id });
    await assignMentor(ctx, contestId, cohortId, { cohortTeamId: blueTeam.id, mentorId: mentor.id });
    // On 15 July: Q1 (due 10 April) and Q2 (due 10 July) are past due.
    await insertCheckin(greenTeam.id, "2027-Q1", "submitted", "at_risk");
    await insertCheckin(greenTeam.id, "2027-Q2", "draft");
    const result = await mentorHome(await ctxOf(mentor));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.teams.map((team) => [team.code, team.latest, team.overdue])).toEqual([
      ["T-0427", { period: "2027-Q1", mentorStatus: "at_risk" }, 1],
      ["T-0430", null, 2],
    ]);
    // A team that left is no longer on the list.
    await removeCohortTeam(ctx, contestId, cohortId, blueTeam.id);
    const after = await mentorHome(await ctxOf(mentor));
    expect(after.ok && after.value.teams.map((team) => team.code)).toEqual(["T-0427"]);
  });

  it("is for mentors only", async () => {
    for (const user of [judge, green.lead, outsider, null])
      expect(await mentorHome(await ctxOf(user))).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await mentorHome(await ctxOf(mentor))).toEqual({ ok: true, value: { teams: [] } });
  });
});
