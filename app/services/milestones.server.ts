// A team's incubation home and its milestones. The team owns its milestones (due dates, progress,
// its own additions); its mentors and the organisers read them. Anyone else: the team does not exist.
import { milestoneCompletion, parseMilestoneTemplate } from "#app/domain/cohorts";
import { parseLocalizedJson } from "#app/domain/localized";
import { dateIn } from "#app/domain/periods";
import type { MilestoneAddInput, MilestoneUpdateInput } from "#app/forms/cohorts";
import { audit } from "#app/infra/audit.server";
import {
  findCohort,
  findMilestone,
  listMilestones,
  listTeamMentors,
  mentorOrganisations,
  nextMilestonePosition,
} from "#app/data/cohorts.server";
import type { ServiceContext } from "./context.server";
import { cohortTeamAccess, type CohortTeamAccess } from "./incubation-access.server";
import { fail, ok, type Result } from "./result";

/** At most this many milestones per team: enough for a plan, not a task list. */
export const MAX_TEAM_MILESTONES = 30;

export async function incubationHome(ctx: ServiceContext, cohortTeamId: number) {
  const access = await cohortTeamAccess(ctx, cohortTeamId);
  if (!access) return fail("not_found");
  const { team } = access;
  const [cohort, milestones, mentors] = await Promise.all([
    findCohort(ctx.db, team.contestId, team.cohortId),
    listMilestones(ctx.db, cohortTeamId),
    listTeamMentors(ctx.db, cohortTeamId),
  ]);
  const organisations = await mentorOrganisations(
    ctx.db,
    team.contestId,
    mentors.map((m) => m.id),
  );
  return ok({
    team: {
      id: team.id,
      status: team.status,
      code: team.code,
      teamId: team.teamId,
      teamName: team.teamName,
      country: team.country,
      contestId: team.contestId,
      cohortId: team.cohortId,
      cohortName: parseLocalizedJson(team.cohortNameJson) ?? { en: "" },
      startsOn: team.startsOn,
      endsOn: team.endsOn,
      cadence: team.cadence,
    },
    roles: [...access.roles],
    canEdit: access.roles.has("team") && team.status !== "left",
    mentors: mentors.map((m) => ({ id: m.id, name: m.name, organisation: organisations.get(m.id) ?? null })),
    template: parseMilestoneTemplate(cohort?.milestone_template_json),
    milestones,
    completion: milestoneCompletion(milestones),
  });
}

/** Only the team's own members change its milestones, and not after it left the cohort. */
async function teamEditor(ctx: ServiceContext, cohortTeamId: number): Promise<Result<CohortTeamAccess>> {
  const access = await cohortTeamAccess(ctx, cohortTeamId);
  if (!access) return fail("not_found");
  if (!access.roles.has("team")) return fail("forbidden");
  if (access.team.status === "left") return fail("cohort_team_left");
  return ok(access);
}

export async function updateMilestone(
  ctx: ServiceContext,
  cohortTeamId: number,
  input: MilestoneUpdateInput,
): Promise<Result<null>> {
  const editor = await teamEditor(ctx, cohortTeamId);
  if (!editor.ok) return editor;
  const { team } = editor.value;
  const milestone = await findMilestone(ctx.db, cohortTeamId, input.milestoneId);
  if (!milestone) return fail("not_found");
  if (input.doneOn && input.doneOn > dateIn(team.timeZone, ctx.now)) return fail("milestone_done_in_future", "doneOn");
  const after = { dueOn: input.dueOn, status: input.status, doneOn: input.doneOn };
  const before = { dueOn: milestone.due_on, status: milestone.status, doneOn: milestone.done_on };
  if (JSON.stringify(before) === JSON.stringify(after)) return ok(null);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("milestones")
      .set({ due_on: input.dueOn, status: input.status, done_on: input.doneOn, updated_at: ctx.now.toISOString() })
      .where("id", "=", milestone.id)
      .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "milestone.updated",
      subjectType: "milestone",
      subjectId: milestone.id,
      contestId: team.contestId,
      before,
      after,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function addMilestone(
  ctx: ServiceContext,
  cohortTeamId: number,
  input: MilestoneAddInput,
): Promise<Result<{ id: number }>> {
  const editor = await teamEditor(ctx, cohortTeamId);
  if (!editor.ok) return editor;
  const { team } = editor.value;
  const count = (await listMilestones(ctx.db, cohortTeamId)).length;
  if (count >= MAX_TEAM_MILESTONES) return fail("milestone_limit_reached", "title", { max: MAX_TEAM_MILESTONES });
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("milestones")
      .values({
        cohort_team_id: cohortTeamId,
        template_key: null,
        title: input.title,
        due_on: input.dueOn,
        status: "planned",
        done_on: null,
        position: await nextMilestonePosition(trx, cohortTeamId),
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "milestone.added",
      subjectType: "milestone",
      subjectId: row.id,
      contestId: team.contestId,
      after: { cohortTeamId, title: input.title, dueOn: input.dueOn },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ id: row.id });
  });
}
