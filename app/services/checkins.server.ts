// Incubation check-ins: the team reports KPIs, milestone updates and what went well or blocks them
// for each period of its cohort (a draft, then submitted; editable until the period closes, with
// optimistic locking); its mentors and the organisers read submitted check-ins and set a status with
// a note. Who may see what comes from `cohortTeamAccess` alone: to anyone else the team does not exist.
import type { ZodIssue } from "zod";
import { cohortPeriods, dateIn, isOverdue, periodState, type Period } from "#app/domain/periods";
import { parseLocalizedJson } from "#app/domain/localized";
import { checkinSchema, mentorReviewSchema, type CheckinInput } from "#app/forms/checkins";
import { audit } from "#app/infra/audit.server";
import { entryStatus, findCheckin, listAttachments, listTeamCheckins, listTeamMilestones } from "#app/data/checkins.server";
import type { CheckinStatus, MentorStatus, MilestoneStatus } from "#db/schema";
import type { ServiceContext } from "./context.server";
import { cohortTeamAccess, hasRole, type CohortTeamAccess } from "./incubation-access.server";
import { fail, ok, type Result } from "./result";

export interface MilestoneUpdate {
  milestoneId: number;
  status: MilestoneStatus;
  note: string | null;
}

/** The form field of a zod issue, as Conform names it: "milestones[0].status". */
export function fieldName(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

export function issueFail(issue: ZodIssue) {
  const [code, query] = issue.message.split("?");
  const params = query ? Object.fromEntries(new URLSearchParams(query)) : undefined;
  return fail(code ?? "unknown", fieldName(issue.path), params);
}

export function teamPeriods(team: CohortTeamAccess["team"]): Period[] {
  return cohortPeriods({ startsOn: team.startsOn, endsOn: team.endsOn, cadence: team.cadence, dueDays: team.dueDays });
}

/** The cohort team, the actor's roles and the period, or null when either does not exist for the actor. */
export async function accessPeriod(ctx: ServiceContext, cohortTeamId: number, periodKey: string) {
  const access = await cohortTeamAccess(ctx, cohortTeamId);
  if (!access) return null;
  const period = teamPeriods(access.team).find((p) => p.key === periodKey);
  if (!period) return null;
  const today = dateIn(access.team.timeZone, ctx.now);
  return { ...access, period, today, state: periodState(period, today) };
}

/** Why the team may not change its check-in for this period now, or null when it may. */
export async function teamMayFile(
  ctx: ServiceContext,
  found: NonNullable<Awaited<ReturnType<typeof accessPeriod>>>,
): Promise<string | null> {
  if (!found.roles.has("team")) return "forbidden";
  if (found.team.status === "left" || (await entryStatus(ctx.db, found.team.entryId)) === "withdrawn")
    return "checkin_team_inactive";
  if (found.state === "not_open") return "checkin_period_not_open";
  if (found.state === "closed") return "checkin_period_closed";
  return null;
}

function teamSummary(access: CohortTeamAccess) {
  const { team } = access;
  return {
    id: team.id,
    name: team.teamName,
    code: team.code,
    status: team.status,
    cohortName: parseLocalizedJson(team.cohortNameJson) ?? { en: "" },
    contestId: team.contestId,
    reportingCurrency: team.reportingCurrency,
    timeZone: team.timeZone,
    roles: [...access.roles],
  };
}

/** Every period of the team's cohort with its state today, the check-in's status and the mentor's. */
export async function checkinList(ctx: ServiceContext, cohortTeamId: number) {
  const access = await cohortTeamAccess(ctx, cohortTeamId);
  if (!access) return fail("not_found");
  const today = dateIn(access.team.timeZone, ctx.now);
  const checkins = new Map((await listTeamCheckins(ctx.db, cohortTeamId)).map((c) => [c.period, c]));
  const periods = teamPeriods(access.team).map((period) => {
    const checkin = checkins.get(period.key);
    const submitted = checkin?.status === "submitted";
    return {
      ...period,
      state: periodState(period, today),
      status: (checkin?.status ?? "none") as CheckinStatus | "none",
      submittedAt: checkin?.submittedAt ?? null,
      mentorStatus: submitted ? (checkin?.mentorStatus ?? null) : null,
      overdue: isOverdue(period, today, submitted),
    };
  });
  return ok({ team: teamSummary(access), today, periods });
}

function parseUpdates(json: string): MilestoneUpdate[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as MilestoneUpdate[]) : [];
  } catch {
    return [];
  }
}

/** One period's check-in page: what the actor may see of it and what they may do. */
export async function checkinPage(ctx: ServiceContext, cohortTeamId: number, periodKey: string) {
  const found = await accessPeriod(ctx, cohortTeamId, periodKey);
  if (!found) return fail("not_found");
  const [row, milestones] = await Promise.all([
    findCheckin(ctx.db, cohortTeamId, periodKey),
    listTeamMilestones(ctx.db, cohortTeamId),
  ]);
  const isTeam = found.roles.has("team");
  // Mentors and organisers read what the team submitted, never a draft it is still writing.
  const visible = row && (isTeam || row.status === "submitted") ? row : null;
  const updates = new Map(parseUpdates(visible?.milestone_updates_json ?? "[]").map((u) => [u.milestoneId, u]));
  const refusal = await teamMayFile(ctx, found);
  return ok({
    team: teamSummary(found),
    today: found.today,
    period: { ...found.period, state: found.state },
    overdue: isOverdue(found.period, found.today, row?.status === "submitted"),
    status: (row?.status ?? "none") as CheckinStatus | "none",
    checkin: visible
      ? {
          version: visible.version,
          status: visible.status,
          submittedAt: visible.submitted_at,
          updatedAt: visible.updated_at,
          revenue: visible.revenue,
          revenueCurrency: visible.revenue_currency,
          funding: visible.funding,
          fundingCurrency: visible.funding_currency,
          employees: visible.employees,
          womenEmployees: visible.women_employees,
          customers: visible.customers,
          jobsCreated: visible.jobs_created,
          ipFiled: visible.ip_filed,
          wentWell: visible.went_well,
          blockers: visible.blockers,
          mentorStatus: visible.mentor_status,
          mentorNote: visible.mentor_note,
          mentorName: visible.mentorName,
          mentorAt: visible.mentor_at,
        }
      : null,
    /** 0 before the first save: the version the team's form posts back. */
    version: row?.version ?? 0,
    milestones: milestones.map((m) => ({ ...m, update: updates.get(m.id) ?? null })),
    attachments: visible ? await listAttachments(ctx.db, visible.id) : [],
    canEdit: refusal === null,
    /** Why the team cannot edit (for its own page), null when it can or the viewer is not the team. */
    editRefusal: isTeam ? refusal : null,
    canReview: hasRole(found, "mentor", "organiser") && row?.status === "submitted",
  });
}

/**
 * Saves the team's check-in as a draft or submits it. A submitted check-in stays submitted: later
 * edits (until the period closes) are checked as a submit and keep the first submission time. On
 * submit, the milestone updates also move the team's milestones (done_on set when done).
 */
export async function saveCheckin(
  ctx: ServiceContext,
  cohortTeamId: number,
  periodKey: string,
  input: CheckinInput,
): Promise<Result<{ version: number; status: CheckinStatus }>> {
  const found = await accessPeriod(ctx, cohortTeamId, periodKey);
  if (!found) return fail("not_found");
  const refusal = await teamMayFile(ctx, found);
  if (refusal) return fail(refusal);
  const existing = await findCheckin(ctx.db, cohortTeamId, periodKey);
  const submit = input.intent === "submit" || existing?.status === "submitted";
  const parsed = checkinSchema.safeParse({ ...input, intent: submit ? "submit" : "save" });
  if (!parsed.success) return issueFail(parsed.error.issues[0]!);
  const value = parsed.data;
  const milestones = new Map((await listTeamMilestones(ctx.db, cohortTeamId)).map((m) => [m.id, m]));
  const unknown = value.milestones.findIndex((m) => !milestones.has(m.id));
  if (unknown >= 0) return fail("invalid_choice", `milestones[${unknown}].status`);

  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  const updates: MilestoneUpdate[] = value.milestones.map((m) => ({ milestoneId: m.id, status: m.status, note: m.note ?? null }));
  const figures = {
    revenue: value.revenue ?? null,
    revenue_currency: value.revenue === undefined ? null : (value.revenueCurrency ?? null),
    funding: value.funding ?? null,
    funding_currency: value.funding === undefined ? null : (value.fundingCurrency ?? null),
    employees: value.employees ?? null,
    women_employees: value.womenEmployees ?? null,
    customers: value.customers ?? null,
    jobs_created: value.jobsCreated ?? null,
    ip_filed: value.ipFiled ?? null,
    went_well: value.wentWell ?? null,
    blockers: value.blockers ?? null,
    milestone_updates_json: JSON.stringify(updates),
  };
  const status: CheckinStatus = submit ? "submitted" : "draft";
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findCheckin(trx, cohortTeamId, periodKey);
    if ((current?.version ?? 0) !== value.version) return fail("changed_by_someone_else");
    const fields = {
      ...figures,
      status,
      submitted_at: submit ? (current?.submitted_at ?? at) : null,
      submitted_by: submit ? (current?.submitted_by ?? actorId) : null,
      updated_at: at,
    };
    let checkinId: number;
    if (current) {
      // The version in the WHERE: of two saves racing from two tabs, one wins and one is told.
      const updated = await trx
        .updateTable("checkins")
        .set({ ...fields, version: current.version + 1 })
        .where("id", "=", current.id)
        .where("version", "=", current.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
      checkinId = current.id;
    } else {
      const inserted = await trx
        .insertInto("checkins")
        .values({ cohort_team_id: cohortTeamId, period: periodKey, ...fields, version: 1, created_at: at })
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) return fail("changed_by_someone_else");
      checkinId = inserted.id;
    }
    const before = current ? Object.fromEntries(Object.keys(figures).map((k) => [k, current[k as keyof typeof figures]])) : null;
    await audit(trx, {
      actorUserId: actorId,
      action: current?.status === "submitted" ? "checkin.updated" : submit ? "checkin.submitted" : "checkin.draft_saved",
      subjectType: "checkin",
      subjectId: checkinId,
      contestId: found.team.contestId,
      before: before ? { ...before, status: current!.status } : null,
      after: { ...figures, status, cohortTeamId, period: periodKey },
      ip: ctx.ip,
      now: ctx.now,
    });
    if (submit) {
      for (const update of updates) {
        const milestone = milestones.get(update.milestoneId)!;
        if (milestone.status === update.status) continue;
        const doneOn = update.status === "done" ? (milestone.doneOn ?? found.today) : null;
        await trx
          .updateTable("milestones")
          .set({ status: update.status, done_on: doneOn, updated_at: at })
          .where("id", "=", milestone.id)
          .execute();
        await audit(trx, {
          actorUserId: actorId,
          action: "milestone.updated_by_checkin",
          subjectType: "milestone",
          subjectId: milestone.id,
          contestId: found.team.contestId,
          before: { status: milestone.status, doneOn: milestone.doneOn },
          after: { status: update.status, doneOn, checkinId, period: periodKey },
          ip: ctx.ip,
          now: ctx.now,
        });
      }
    }
    return ok({ version: (current?.version ?? 0) + 1, status });
  });
}

/**
 * A mentor of the team (or an organiser) sets the status of a submitted check-in with a note. It
 * never touches the team's figures or their version, so the team's open form is not disturbed.
 */
export async function reviewCheckin(
  ctx: ServiceContext,
  cohortTeamId: number,
  periodKey: string,
  input: { mentorStatus: MentorStatus; mentorNote?: string | undefined },
): Promise<Result<null>> {
  const found = await accessPeriod(ctx, cohortTeamId, periodKey);
  if (!found) return fail("not_found");
  if (!hasRole(found, "mentor", "organiser")) return fail("forbidden");
  const parsed = mentorReviewSchema.safeParse(input);
  if (!parsed.success) return issueFail(parsed.error.issues[0]!);
  const actorId = ctx.actor!.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findCheckin(trx, cohortTeamId, periodKey);
    if (!current || current.status !== "submitted") return fail("checkin_not_submitted");
    const after = {
      mentor_status: parsed.data.mentorStatus,
      mentor_note: parsed.data.mentorNote ?? null,
      mentor_id: actorId,
      mentor_at: ctx.now.toISOString(),
    };
    await trx.updateTable("checkins").set(after).where("id", "=", current.id).execute();
    await audit(trx, {
      actorUserId: actorId,
      action: "checkin.mentor_reviewed",
      subjectType: "checkin",
      subjectId: current.id,
      contestId: found.team.contestId,
      before: { mentor_status: current.mentor_status, mentor_note: current.mentor_note, mentor_id: current.mentor_id },
      after: { ...after, as: found.roles.has("mentor") ? "mentor" : "organiser" },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}
