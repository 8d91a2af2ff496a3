// Mentors of a cohort: organisers invite one by email for some teams (a link that works once, for a
// while, for that address only; revocable and resendable) or assign a mentor the contest already has.
// Accepting makes the invitee the contest's mentor of those teams. A mentor's home lists their teams.
import { invitationProblem, isTokenShaped } from "#app/domain/invitations";
import { teamCheckinSummary, type CheckinFacts } from "#app/domain/cohorts";
import type { Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { cohortPeriods, dateIn } from "#app/domain/periods";
import type { MentorInviteInput } from "#app/forms/cohorts";
import { audit } from "#app/infra/audit.server";
import { randomToken, sha256Hex } from "#app/infra/crypto.server";
import type { DB } from "#app/infra/db.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { findCohort, isContestMentor, type CohortRow } from "#app/data/cohorts.server";
import { findContest } from "#app/data/contests.server";
import {
  findMentorInvitation,
  findMentorInvitationByHash,
  listCheckinFacts,
  listMentoredTeams,
} from "#app/data/mentoring.server";
import { findUserByEmail, findUserById } from "#app/data/users.server";
import { parseIds } from "./cohorts.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";
import { guardTokenLookup, spend } from "./limits.server";
import { MENTOR_INVITES_PER_ACCOUNT } from "#app/domain/rate-limit";

export const MENTOR_INVITATION_TTL_DAYS = 14;

async function managedCohort(ctx: ServiceContext, contestId: number, cohortId: number): Promise<Result<CohortRow>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const cohort = await findCohort(ctx.db, contestId, cohortId);
  return cohort ? ok(cohort) : fail("not_found");
}

/** The ids among `ids` that are teams of the cohort still taking part. */
async function activeTeamIds(db: DB, cohortId: number, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("cohort_teams")
    .select("id")
    .where("cohort_id", "=", cohortId)
    .where("status", "!=", "left")
    .where("id", "in", [...ids])
    .execute();
  return rows.map((r) => r.id);
}

/** Writes a fresh token on the invitation and emails the link (new or resent), inside the caller's transaction. */
async function sendInvitation(
  trx: DB,
  ctx: ServiceContext,
  invitation: { id: number; email: string; name: string | null },
  cohort: CohortRow,
): Promise<void> {
  const token = randomToken(32);
  await trx
    .updateTable("mentor_invitations")
    .set({
      token_hash: sha256Hex(token),
      expires_at: new Date(ctx.now.getTime() + MENTOR_INVITATION_TTL_DAYS * 86_400_000).toISOString(),
    })
    .where("id", "=", invitation.id)
    .execute();
  const [contest, existing, inviter] = await Promise.all([
    findContest(trx, cohort.contest_id),
    findUserByEmail(trx, invitation.email),
    findUserById(trx, ctx.actor!.userId),
  ]);
  const language = (existing?.preferred_language ?? inviter?.preferred_language ?? "en") as Language;
  const contestName = parseLocalizedJson(contest?.name_i18n) ?? { en: contest?.name ?? "" };
  const cohortName = parseLocalizedJson(cohort.name_i18n) ?? { en: "" };
  await enqueueMail(trx, {
    kind: "mentor_invitation",
    to: { address: invitation.email, name: existing?.name ?? invitation.name, language },
    params: {
      name: existing?.name ?? invitation.name ?? invitation.email,
      contest: pickLocalized(contestName, language),
      cohort: pickLocalized(cohortName, language),
      inviter: inviter?.name ?? "",
      url: `${ctx.appUrl}/mentor-invitations/${token}`,
      days: MENTOR_INVITATION_TTL_DAYS,
    },
    now: ctx.now,
  });
}

/**
 * Invites a mentor for some of the cohort's teams. Someone who already mentors in the contest is
 * assigned directly instead; a pending invitation of the same address to the cohort is replaced.
 */
export async function inviteMentor(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  input: MentorInviteInput,
): Promise<Result<{ invitationId: number }>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  const limited = await spend(ctx, `invite:mentor:account:${ctx.actor?.userId ?? 0}`, MENTOR_INVITES_PER_ACCOUNT);
  if (limited) return limited;
  const teamIds = [...new Set(input.cohortTeamIds)];
  if ((await activeTeamIds(ctx.db, cohortId, teamIds)).length !== teamIds.length)
    return fail("cohort_team_not_in_cohort", "cohortTeamIds");
  const existing = await findUserByEmail(ctx.db, input.email);
  if (existing && (await isContestMentor(ctx.db, contestId, existing.id))) return fail("mentor_already_in_contest", "email");
  const actorId = ctx.actor!.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const replaced = await trx
      .updateTable("mentor_invitations")
      .set({ status: "revoked", responded_at: ctx.now.toISOString() })
      .where("cohort_id", "=", cohortId)
      .where("email", "=", input.email)
      .where("status", "=", "pending")
      .returning("id")
      .execute();
    const invitation = await trx
      .insertInto("mentor_invitations")
      .values({
        cohort_id: cohortId,
        email: input.email,
        name: input.name ?? null,
        organisation: input.organisation ?? null,
        cohort_team_ids_json: JSON.stringify(teamIds),
        // Replaced at once by sendInvitation; only the hash of the emailed token is ever stored.
        token_hash: sha256Hex(randomToken(32)),
        invited_by: actorId,
        expires_at: ctx.now.toISOString(),
        created_at: ctx.now.toISOString(),
      })
      .returning(["id", "email", "name"])
      .executeTakeFirstOrThrow();
    await sendInvitation(trx, ctx, invitation, found.value);
    await audit(trx, {
      actorUserId: actorId,
      action: "mentor.invited",
      subjectType: "cohort",
      subjectId: cohortId,
      contestId,
      after: {
        invitationId: invitation.id,
        email: input.email,
        organisation: input.organisation ?? null,
        cohortTeamIds: teamIds,
        replacedInvitationIds: replaced.map((r) => r.id),
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ invitationId: invitation.id });
  });
}

export async function revokeMentorInvitation(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  invitationId: number,
): Promise<Result<null>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("mentor_invitations")
      .set({ status: "revoked", responded_at: ctx.now.toISOString() })
      .where("id", "=", invitationId)
      .where("cohort_id", "=", cohortId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("not_found");
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "mentor.invitation_revoked",
      subjectType: "cohort",
      subjectId: cohortId,
      contestId,
      before: { invitationId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Sends a pending invitation again with a new link and a new expiry; the old link stops working. */
export async function resendMentorInvitation(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  invitationId: number,
): Promise<Result<{ email: string }>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  const invitation = await findMentorInvitation(ctx.db, cohortId, invitationId);
  if (!invitation || invitation.status !== "pending") return fail("not_found");
  const limited = await spend(ctx, `invite:mentor:account:${ctx.actor?.userId ?? 0}`, MENTOR_INVITES_PER_ACCOUNT);
  if (limited) return limited;
  return ctx.db.transaction().execute(async (trx) => {
    await sendInvitation(trx, ctx, invitation, found.value);
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "mentor.invitation_resent",
      subjectType: "cohort",
      subjectId: cohortId,
      contestId,
      after: { invitationId, previousExpiry: invitation.expires_at },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ email: invitation.email });
  });
}

async function invitationByToken(db: DB, token: string) {
  if (!isTokenShaped(token)) return undefined;
  return findMentorInvitationByHash(db, sha256Hex(token));
}

type Invitation = NonNullable<Awaited<ReturnType<typeof invitationByToken>>>;

function usable(invitation: Invitation | undefined, now: Date): Result<Invitation> {
  const problem = invitationProblem(invitation && { status: invitation.status, expiresAt: invitation.expires_at }, now);
  return problem ? fail(problem) : ok(invitation!);
}

/** What the invitation page shows before anyone answers. */
export async function inspectMentorInvitation(ctx: ServiceContext, token: string) {
  const checked = await guardTokenLookup(ctx, async () => usable(await invitationByToken(ctx.db, token), ctx.now));
  if (!checked.ok) return checked;
  const invitation = checked.value;
  return ok({
    contestName: parseLocalizedJson(invitation.contestNameJson) ?? { en: invitation.contestFallback },
    cohortName: parseLocalizedJson(invitation.cohortNameJson) ?? { en: "" },
    email: invitation.email,
    teams: parseIds(invitation.cohort_team_ids_json).length,
  });
}

/** The invitee answers, signed in with the invited address. Accepting grants the role and the teams. */
export async function respondToMentorInvitation(
  ctx: ServiceContext,
  token: string,
  accept: boolean,
): Promise<Result<{ contestId: number; assigned: number }>> {
  if (!ctx.actor) return fail("unauthorised");
  const checked = usable(await invitationByToken(ctx.db, token), ctx.now);
  if (!checked.ok) return checked;
  const invitation = checked.value;
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user || user.email !== invitation.email) return fail("invitation_for_other_email");
  const contestId = invitation.contestId;
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("mentor_invitations")
      .set({ status: accept ? "accepted" : "declined", responded_at: at, accepted_by: accept ? user.id : null })
      .where("id", "=", invitation.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("token_used");
    // Teams that left the cohort since the invitation was sent are not assigned.
    const teamIds = accept ? await activeTeamIds(trx, invitation.cohort_id, parseIds(invitation.cohort_team_ids_json)) : [];
    if (accept) {
      await trx
        .insertInto("contest_roles")
        .values({ contest_id: contestId, user_id: user.id, role: "mentor", created_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const cohortTeamId of teamIds)
        await trx
          .insertInto("mentor_assignments")
          .values({ cohort_team_id: cohortTeamId, mentor_id: user.id, assigned_by: invitation.invited_by, created_at: at })
          .onConflict((oc) => oc.doNothing())
          .execute();
    }
    await audit(trx, {
      actorUserId: user.id,
      action: accept ? "mentor.invitation_accepted" : "mentor.invitation_declined",
      subjectType: "cohort",
      subjectId: invitation.cohort_id,
      contestId,
      after: { invitationId: invitation.id, cohortTeamIds: teamIds },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ contestId, assigned: teamIds.length });
  });
}

/** Puts one of the contest's mentors on a team of the cohort. */
export async function assignMentor(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  input: { cohortTeamId: number; mentorId: number },
): Promise<Result<null>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  if (!(await activeTeamIds(ctx.db, cohortId, [input.cohortTeamId])).length)
    return fail("cohort_team_not_in_cohort", "cohortTeamId");
  if (!(await isContestMentor(ctx.db, contestId, input.mentorId))) return fail("mentor_not_in_contest", "mentorId");
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("mentor_assignments")
      .values({
        cohort_team_id: input.cohortTeamId,
        mentor_id: input.mentorId,
        assigned_by: ctx.actor!.userId,
        created_at: ctx.now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return fail("mentor_already_assigned", "mentorId");
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "mentor.assigned",
      subjectType: "cohort_team",
      subjectId: input.cohortTeamId,
      contestId,
      after: { assignmentId: inserted.id, mentorId: input.mentorId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function unassignMentor(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  assignmentId: number,
): Promise<Result<null>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("mentor_assignments")
      .innerJoin("cohort_teams", "cohort_teams.id", "mentor_assignments.cohort_team_id")
      .select([
        "mentor_assignments.id",
        "mentor_assignments.cohort_team_id as cohortTeamId",
        "mentor_assignments.mentor_id as mentorId",
      ])
      .where("mentor_assignments.id", "=", assignmentId)
      .where("cohort_teams.cohort_id", "=", cohortId)
      .executeTakeFirst();
    if (!row) return fail("not_found");
    await trx.deleteFrom("mentor_assignments").where("id", "=", row.id).execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "mentor.unassigned",
      subjectType: "cohort_team",
      subjectId: row.cohortTeamId,
      contestId,
      before: { assignmentId: row.id, mentorId: row.mentorId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/**
 * The mentor's home: every team they follow, across contests and cohorts, with its latest submitted
 * check-in (period and the mentor status given) and how many check-ins are overdue today in the
 * contest's time zone. One query for the teams and one for all their check-ins.
 */
export async function mentorHome(ctx: ServiceContext) {
  if (!ctx.actor || !ctx.actor.contestRoles.some((r) => r.role === "mentor")) return fail("not_found");
  const teams = await listMentoredTeams(ctx.db, ctx.actor.userId);
  const checkins = await listCheckinFacts(
    ctx.db,
    teams.map((t) => t.cohortTeamId),
  );
  const byTeam = new Map<number, CheckinFacts[]>();
  for (const c of checkins) byTeam.set(c.cohortTeamId, [...(byTeam.get(c.cohortTeamId) ?? []), c]);
  return ok({
    teams: teams.map((t) => {
      const periods = cohortPeriods({ startsOn: t.startsOn, endsOn: t.endsOn, cadence: t.cadence, dueDays: t.dueDays });
      const summary = teamCheckinSummary(periods, byTeam.get(t.cohortTeamId) ?? [], dateIn(t.timeZone, ctx.now));
      return {
        cohortTeamId: t.cohortTeamId,
        code: t.code,
        teamName: t.teamName,
        country: t.country,
        cohortId: t.cohortId,
        cohortName: parseLocalizedJson(t.cohortNameJson) ?? { en: "" },
        contestId: t.contestId,
        contestName: parseLocalizedJson(t.contestNameJson) ?? { en: t.contestFallback },
        latest: summary.latest,
        overdue: summary.overdue,
      };
    }),
  });
}
