// The bad-input world (tests/support/bad-input-world.ts) with hostile text stored in every field people
// type: HTML and script payloads, javascript: links and spreadsheet formulas. Stored through the
// services where they accept it; a javascript: link, and a formula behind a tab or a carriage return
// (which the forms trim away), go straight into the rows, as an import or an older version could leave them.
import type { DB } from "#app/infra/db.server";
import { createAward, grantAward, updateAward } from "#app/services/awards.server";
import { updateProfile } from "#app/services/account.server";
import { saveCheckin } from "#app/services/checkins.server";
import { inviteMember } from "#app/services/invitations.server";
import { inviteJudges } from "#app/services/judges.server";
import { inviteMentor } from "#app/services/mentoring.server";
import { addMilestone } from "#app/services/milestones.server";
import { publishRound } from "#app/services/publication.server";
import { submitRoadshowScore } from "#app/services/roadshow.server";
import { submitAnswer, uploadFile } from "#app/services/submissions.server";
import { getStorage } from "#app/infra/storage/index.server";
import { makePdf } from "./documents";
import { saveReview } from "#app/services/reviews.server";
import { addUpdate, createSupportRequest, routeToMentor } from "#app/services/support.server";
import { updateTeam } from "#app/services/teams.server";
import type { User } from "#db/schema";
import { makeCtx } from "./factories";
import type { World } from "./bad-input-world";

/** HTML that runs if it reaches a page unescaped. */
export const SCRIPT = "<script>alert(1)</script>";
export const IMG = '"><img src=x onerror=alert(1)>';
export const JS_URL = "javascript:alert(1)";
/** Cells a spreadsheet would run as formulas. */
export const FORMULAS = {
  cmd: "=cmd|' /C calc'!A0",
  hyperlink: '=HYPERLINK("http://evil.example","Click")',
  plus: "+1+1",
  minus: "-2+3",
  at: "@SUM(A1)",
  tab: "\t=1+1",
  cr: "\r=1+1",
} as const;

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }, what: string): T => {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}`);
  return result.value;
};

export interface HostileFacts {
  /** Support request of team A whose details carry a script. */
  supportRequest: number;
  /** Team A's certificate codes, issued by the publication. */
  certificateCodes: string[];
}

/** Stores hostile text all over the world's copy `db`. */
export async function storeHostileText(db: DB, w: World): Promise<HostileFacts> {
  const user = async (id: number) =>
    db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow() as Promise<User>;
  const ctxOf = async (u: User) => makeCtx(db, await user(u.id));
  const { lead, member, judge, mentor, organiser } = w.users;

  // People's names, through their own profile.
  const rename = async (u: User, name: string) =>
    ok(
      await updateProfile(await ctxOf(u), {
        name,
        preferredLanguage: "en",
        country: "SG",
        timeZone: "Asia/Singapore",
        version: (await user(u.id)).version,
      }),
      "profile",
    );
  await rename(lead, IMG);
  await rename(member, FORMULAS.minus);
  await rename(judge, FORMULAS.hyperlink);
  await rename(mentor, SCRIPT);
  await db.updateTable("users").set({ name: FORMULAS.tab }).where("id", "=", w.judge2).execute();

  // Team A, by its lead; team B's name and team A's website and answers straight into the rows.
  const teamA = await db.selectFrom("teams").selectAll().where("id", "=", w.teamA).executeTakeFirstOrThrow();
  ok(
    await updateTeam(await ctxOf(lead), w.teamA, {
      name: SCRIPT,
      country: "SG",
      city: FORMULAS.plus,
      organisation: FORMULAS.cmd,
      stage: "prototype",
      foundingYear: 2020,
      website: undefined,
      pitch: IMG,
      foundersWomen: 1,
      foundersMen: 1,
      foundersOther: 0,
      womenLed: false,
      version: teamA.version,
    }),
    "team A",
  );
  await db.updateTable("teams").set({ website: JS_URL }).where("id", "=", w.teamA).execute();
  const teamB = await db.selectFrom("entries").select("team_id").where("id", "=", w.entryB).executeTakeFirstOrThrow();
  await db.updateTable("teams").set({ name: FORMULAS.at }).where("id", "=", teamB.team_id).execute();
  await db
    .updateTable("entries")
    .set({ answers_json: JSON.stringify({ pitch_line: FORMULAS.cr, employees: 3 }) })
    .where("id", "=", w.entryA)
    .execute();

  // The judge's review of entry A, submitted with hostile feedback, comment and note.
  const review = await db
    .selectFrom("reviews")
    .select("version")
    .where("assignment_id", "=", w.reviewAssignment)
    .executeTakeFirstOrThrow();
  ok(
    await saveReview(
      await ctxOf(judge),
      w.reviewAssignment,
      {
        version: review.version,
        scores: { [w.criteria[0]]: { value: 9, comment: FORMULAS.at }, [w.criteria[1]]: { value: 8, comment: SCRIPT } },
        feedback: `${SCRIPT} ${IMG}`,
        note: FORMULAS.plus,
        confidence: 4,
      },
      { submit: true },
    ),
    "review",
  );

  // Awards: a hostile name and description, and a grant to entry A with a formula citation.
  const orgCtx = await ctxOf(organiser);
  ok(await updateAward(orgCtx, w.contestId, w.awardId, { name: { en: SCRIPT }, description: { en: IMG } }), "award");
  const special = ok(
    await createAward(orgCtx, w.contestId, w.round2, { name: { en: FORMULAS.cmd }, description: null }),
    "award 2",
  ).id;
  ok(await grantAward(orgCtx, w.contestId, w.awardId, { entryId: w.entryA, citation: FORMULAS.hyperlink }), "grant");
  ok(await grantAward(orgCtx, w.contestId, special, { entryId: w.entryA, citation: SCRIPT }), "grant 2");

  // Incubation: a support request, routed to the mentor, who answers; a check-in and a milestone.
  const supportRequest = ok(
    await createSupportRequest(await ctxOf(lead), w.ctA, {
      kind: "market_entry",
      country: "VN",
      details: `${SCRIPT} We need a distributor in Hanoi, ${FORMULAS.cmd}`,
    }),
    "support request",
  ).id;
  ok(await routeToMentor(orgCtx, supportRequest, { version: 1, mentorId: mentor.id }), "route");
  ok(await addUpdate(await ctxOf(mentor), supportRequest, { note: IMG }), "support update");
  ok(
    await saveCheckin(await ctxOf(lead), w.ctA, w.period, {
      intent: "submit",
      version: 0,
      revenue: 1000,
      revenueCurrency: "USD",
      funding: 0,
      fundingCurrency: "USD",
      employees: 4,
      womenEmployees: 2,
      customers: 10,
      jobsCreated: 1,
      ipFiled: 0,
      wentWell: SCRIPT,
      blockers: FORMULAS.cmd,
      milestones: [],
    }),
    "check-in",
  );
  ok(await addMilestone(await ctxOf(lead), w.ctA, { title: FORMULAS.hyperlink, dueOn: null }), "milestone");

  // Team A's materials: a deck whose file name tries to climb out of the ZIP, and a text answer.
  ok(
    await uploadFile(await ctxOf(lead), getStorage(), {
      entryId: w.entryA,
      roundId: w.round1,
      requirementId: w.materials.deck,
      fileName: `../../${SCRIPT}.pdf`,
      data: new Uint8Array(makePdf(1)),
    }),
    "deck",
  );
  ok(
    await submitAnswer(await ctxOf(lead), {
      entryId: w.entryA,
      roundId: w.round1,
      requirementId: w.materials.text,
      value: `${FORMULAS.minus} ${SCRIPT}`,
    }),
    "text answer",
  );

  // The live final: the judge scores the finalist on stage.
  ok(
    await submitRoadshowScore(await ctxOf(judge), w.sessionId, {
      assignmentId: w.roadshowAssignment,
      version: 0,
      submitKey: "hostile-names-0001",
      scores: { [w.roadshowCriteria[0]]: 7, [w.roadshowCriteria[1]]: 8 },
    }),
    "roadshow score",
  );

  // Mail with hostile names in it: a team invitation, a judge's and a mentor's.
  ok(await inviteMember(await ctxOf(lead), w.teamA, "friend@example.org"), "team invitation");
  ok(
    await inviteJudges(orgCtx, w.contestId, [
      { email: "new-judge@example.org", name: SCRIPT, organisation: FORMULAS.cmd, country: null, trackIds: [], languages: [] },
    ]),
    "judge invitation",
  );
  ok(
    await inviteMentor(orgCtx, w.contestId, w.cohortId, {
      email: "new-mentor@example.org",
      name: IMG,
      organisation: FORMULAS.plus,
      cohortTeamIds: [],
    }),
    "mentor invitation",
  );

  // Publishing the round issues certificates and tells the teams.
  ok(await publishRound(orgCtx, w.contestId, w.round2, { reason: null }), "publication");
  const certificateCodes = (
    await db.selectFrom("certificates").select("code").where("entry_id", "=", w.entryA).where("revoked_at", "is", null).execute()
  ).map((c) => c.code);
  return { supportRequest, certificateCodes };
}
