// An incubation cohort for check-in tests, inserted straight with Kysely: a contest (Asia/Shanghai)
// with an organiser, an assigned and an unassigned mentor and a judge; two teams in the cohort
// (GreenLoop Energy with an English- and a Chinese-speaking member, Coral Watch with a Vietnamese
// one); a monthly cohort with a 10-day due delay; two milestones for GreenLoop.
import type { DB } from "#app/infra/db.server";
import { insertEntry, insertMember, insertTeam, insertTrack } from "./entries";
import { grantRole, makeContest, makeUser } from "./factories";

/** A minimal JPEG: start of image, a JFIF segment, end of image. */
export const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");

export async function setupCohort(db: DB, options: { startsOn?: string; endsOn?: string } = {}) {
  const contest = await makeContest(db);
  const organiser = await makeUser(db, { name: "Olivia Organiser" });
  const mentor = await makeUser(db, { name: "Maya Mentor" });
  const otherMentor = await makeUser(db, { name: "Omar Othermentor" });
  const judge = await makeUser(db, { name: "Judy Judge" });
  const lead = await makeUser(db, { name: "Lina Lead", language: "en" });
  const member = await makeUser(db, { name: "Wang Member", language: "zh-CN" });
  const stranger = await makeUser(db, { name: "Sam Otherteam", language: "vi" });
  await grantRole(db, contest.id, organiser.id, "organiser");
  await grantRole(db, contest.id, mentor.id, "mentor");
  await grantRole(db, contest.id, otherMentor.id, "mentor");
  await grantRole(db, contest.id, judge.id, "judge");
  const track = await insertTrack(db, contest.id);
  const teamA = await insertTeam(db, { name: "GreenLoop Energy" });
  await insertMember(db, teamA.id, lead.id, "lead");
  await insertMember(db, teamA.id, member.id, "member");
  const teamB = await insertTeam(db, { name: "Coral Watch" });
  await insertMember(db, teamB.id, stranger.id, "lead");
  const entryA = await insertEntry(db, { contestId: contest.id, teamId: teamA.id, trackId: track.id, code: "T-0427" });
  const entryB = await insertEntry(db, { contestId: contest.id, teamId: teamB.id, trackId: track.id, code: "T-0428" });
  const now = new Date().toISOString();
  const cohort = await db
    .insertInto("cohorts")
    .values({
      contest_id: contest.id,
      name_i18n: JSON.stringify({ en: "Cohort 2027", "zh-CN": "2027 孵化批次" }),
      starts_on: options.startsOn ?? "2027-01-01",
      ends_on: options.endsOn ?? "2027-06-30",
      cadence: "monthly",
      reporting_currency: "USD",
      due_days: 10,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const addTeam = (entryId: number) =>
    db
      .insertInto("cohort_teams")
      .values({ cohort_id: cohort.id, entry_id: entryId, joined_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const ctA = await addTeam(entryA.id);
  const ctB = await addTeam(entryB.id);
  await db.insertInto("mentor_assignments").values({ cohort_team_id: ctA, mentor_id: mentor.id, created_at: now }).execute();
  const milestone = (title: string, position: number, status: "planned" | "in_progress") =>
    db
      .insertInto("milestones")
      .values({
        cohort_team_id: ctA,
        template_key: null,
        title,
        due_on: "2027-03-31",
        status,
        done_on: null,
        position,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const m1 = await milestone("MVP launched", 1, "planned");
  const m2 = await milestone("First paying customer", 2, "in_progress");
  return {
    contest,
    organiser,
    mentor,
    otherMentor,
    judge,
    lead,
    member,
    stranger,
    cohortId: cohort.id,
    ctA,
    ctB,
    entryA,
    m1,
    m2,
  };
}
