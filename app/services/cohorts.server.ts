// Organisers run incubation cohorts: create one from the contest's entries (the awarded ones offered
// first) with a milestone template every team starts from, edit its dates and schedule, add teams and
// let teams leave (their records stay). Every change is audited in its own transaction.
import {
  DEFAULT_MILESTONE_KEYS,
  milestoneCompletion,
  orphanedPeriods,
  parseMilestoneTemplate,
  withTemplateKeys,
  type TemplateMilestone,
} from "#app/domain/cohorts";
import { currencyOptions } from "#app/domain/currency";
import { LANGUAGES } from "#app/domain/locale";
import { normaliseLocalized, parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { cohortPeriods } from "#app/domain/periods";
import type { CohortCreateInput, CohortUpdateInput } from "#app/forms/cohorts";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import { getFixedT } from "#app/infra/i18n.server";
import {
  findCohort,
  listCheckinPeriods,
  listCohortAssignments,
  listCohortMilestoneStatuses,
  listCohorts,
  listCohortsOfTeam,
  listCohortTeams,
  listContestAwardGrants,
  listContestMentors,
  listPendingMentorInvitations,
  listRegisteredEntries,
  mentorOrganisations,
  type CohortRow,
} from "#app/data/cohorts.server";
import { findContest } from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

/** The default template, named from the catalogs in every language. */
export function defaultMilestoneTemplate(): TemplateMilestone[] {
  return DEFAULT_MILESTONE_KEYS.map((key) => {
    const names: Record<string, string> = {};
    for (const language of LANGUAGES) names[language] = getFixedT(language)(`cohorts.defaultMilestone.${key}`);
    return { key, name: normaliseLocalized(names)! };
  });
}

export interface CohortView {
  id: number;
  contestId: number;
  name: LocalizedText;
  startsOn: string;
  endsOn: string;
  cadence: CohortRow["cadence"];
  reportingCurrency: string;
  dueDays: number;
  template: TemplateMilestone[];
  version: number;
}

export function toCohortView(row: CohortRow): CohortView {
  return {
    id: row.id,
    contestId: row.contest_id,
    name: parseLocalizedJson(row.name_i18n) ?? { en: `#${row.id}` },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    cadence: row.cadence,
    reportingCurrency: row.reporting_currency,
    dueDays: row.due_days,
    template: parseMilestoneTemplate(row.milestone_template_json),
    version: row.version,
  };
}

/** The values the edit form starts from. */
export function cohortFormValues(cohort: CohortView) {
  return {
    version: cohort.version,
    name: cohort.name,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    cadence: cohort.cadence,
    reportingCurrency: cohort.reportingCurrency,
    dueDays: cohort.dueDays,
  };
}

async function managedCohort(ctx: ServiceContext, contestId: number, cohortId: number): Promise<Result<CohortRow>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const cohort = await findCohort(ctx.db, contestId, cohortId);
  return cohort ? ok(cohort) : fail("not_found");
}

/** The contest's registered entries for a cohort's team list, each with the awards it received. */
async function candidateEntries(db: DB, contestId: number) {
  const [entries, grants] = await Promise.all([listRegisteredEntries(db, contestId), listContestAwardGrants(db, contestId)]);
  return entries.map((e) => {
    const awards = grants.filter((g) => g.entryId === e.entryId).map((g) => parseLocalizedJson(g.nameJson) ?? { en: "" });
    return {
      entryId: e.entryId,
      code: e.code,
      teamName: e.teamName,
      country: e.country,
      trackName: parseLocalizedJson(e.trackNameJson) ?? { en: "" },
      awards,
    };
  });
}
export type CandidateEntry = Awaited<ReturnType<typeof candidateEntries>>[number];

/** The cohorts page: the list, and what the create form offers (entries with awards pre-selected). */
export async function cohortsOverview(ctx: ServiceContext, contestId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const [cohorts, entries] = await Promise.all([listCohorts(ctx.db, contestId), candidateEntries(ctx.db, contestId)]);
  return ok({
    cohorts: cohorts.map((c) => ({
      id: c.id,
      name: parseLocalizedJson(c.nameJson) ?? { en: `#${c.id}` },
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      cadence: c.cadence,
      reportingCurrency: c.reportingCurrency,
      teamCount: Number(c.teamCount ?? 0),
    })),
    entries,
    awardedEntryIds: entries.filter((e) => e.awards.length > 0).map((e) => e.entryId),
    defaultTemplate: defaultMilestoneTemplate(),
    currencies: currencyOptions(),
  });
}

/** Adds entries to a cohort: a new team gets a milestone from each template row; a team that left comes back. */
async function joinTeams(trx: DB, cohort: CohortRow, entryIds: readonly number[], at: string) {
  const existing = await trx
    .selectFrom("cohort_teams")
    .select(["id", "entry_id as entryId", "status"])
    .where("cohort_id", "=", cohort.id)
    .execute();
  const template = parseMilestoneTemplate(cohort.milestone_template_json);
  const added: number[] = [];
  const returned: number[] = [];
  for (const entryId of new Set(entryIds)) {
    const row = existing.find((r) => r.entryId === entryId);
    if (row) {
      if (row.status === "left") {
        await trx.updateTable("cohort_teams").set({ status: "active" }).where("id", "=", row.id).execute();
        returned.push(row.id);
      }
      continue;
    }
    const team = await trx
      .insertInto("cohort_teams")
      .values({ cohort_id: cohort.id, entry_id: entryId, status: "active", joined_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (template.length)
      await trx
        .insertInto("milestones")
        .values(
          template.map((m, i) => ({
            cohort_team_id: team.id,
            template_key: m.key,
            // English as the stored title; pages show the template's name in the reader's language.
            title: m.name.en,
            due_on: null,
            status: "planned" as const,
            done_on: null,
            position: i + 1,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    added.push(team.id);
  }
  return { added, returned };
}

async function checkEntries(db: DB, contestId: number, entryIds: readonly number[]): Promise<boolean> {
  if (!entryIds.length) return true;
  const registered = new Set((await listRegisteredEntries(db, contestId)).map((e) => e.entryId));
  return entryIds.every((id) => registered.has(id));
}

export async function createCohort(
  ctx: ServiceContext,
  contestId: number,
  input: CohortCreateInput,
): Promise<Result<{ id: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  if (!(await findContest(ctx.db, contestId))) return fail("not_found");
  if (!(await checkEntries(ctx.db, contestId, input.entryIds))) return fail("cohort_entry_not_registered", "entryIds");
  const template = withTemplateKeys(input.milestones);
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const cohort = await trx
      .insertInto("cohorts")
      .values({
        contest_id: contestId,
        name_i18n: JSON.stringify(input.name),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        cadence: input.cadence,
        reporting_currency: input.reportingCurrency,
        due_days: input.dueDays,
        milestone_template_json: JSON.stringify(template),
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { added } = await joinTeams(trx, cohort, input.entryIds, at);
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "cohort.created",
      subjectType: "cohort",
      subjectId: cohort.id,
      contestId,
      after: {
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        cadence: input.cadence,
        reportingCurrency: input.reportingCurrency,
        dueDays: input.dueDays,
        template,
        entryIds: input.entryIds,
        cohortTeamIds: added,
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ id: cohort.id });
  });
}

/**
 * Name, dates and due days can change at any time, as long as every period that already has a
 * check-in still exists; the cadence and the reporting currency only while no check-in exists.
 */
export async function updateCohort(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  input: CohortUpdateInput,
): Promise<Result<null>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  const cohort = found.value;
  if (cohort.version !== input.version) return fail("changed_by_someone_else");
  const checkinPeriods = await listCheckinPeriods(ctx.db, cohortId);
  if (checkinPeriods.length) {
    if (input.cadence !== cohort.cadence) return fail("cohort_has_checkins", "cadence");
    if (input.reportingCurrency !== cohort.reporting_currency) return fail("cohort_has_checkins", "reportingCurrency");
    const lost = orphanedPeriods(checkinPeriods, cohortPeriods({ ...input, dueDays: input.dueDays }));
    if (lost.length) return fail("cohort_dates_drop_checkins", "startsOn", { periods: lost.join(", ") });
  }
  const before = cohortFormValues(toCohortView(cohort));
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("cohorts")
      .set({
        name_i18n: JSON.stringify(input.name),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        cadence: input.cadence,
        reporting_currency: input.reportingCurrency,
        due_days: input.dueDays,
        updated_at: ctx.now.toISOString(),
        version: cohort.version + 1,
      })
      .where("id", "=", cohortId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "cohort.updated",
      subjectType: "cohort",
      subjectId: cohortId,
      contestId,
      before,
      after: { ...input, version: cohort.version + 1 },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function addCohortTeams(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  entryIds: readonly number[],
): Promise<Result<{ added: number }>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  if (!entryIds.length) return fail("cohort_choose_teams", "entryIds");
  if (!(await checkEntries(ctx.db, contestId, entryIds))) return fail("cohort_entry_not_registered", "entryIds");
  return ctx.db.transaction().execute(async (trx) => {
    const { added, returned } = await joinTeams(trx, found.value, entryIds, ctx.now.toISOString());
    if (added.length || returned.length)
      await audit(trx, {
        actorUserId: ctx.actor!.userId,
        action: "cohort.teams_added",
        subjectType: "cohort",
        subjectId: cohortId,
        contestId,
        after: { entryIds, cohortTeamIds: added, returnedCohortTeamIds: returned },
        ip: ctx.ip,
        now: ctx.now,
      });
    return ok({ added: added.length + returned.length });
  });
}

/** A team leaves the cohort: marked "left", its milestones, check-ins and mentors kept as they were. */
export async function removeCohortTeam(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  cohortTeamId: number,
): Promise<Result<null>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("cohort_teams")
      .select(["id", "status", "entry_id"])
      .where("id", "=", cohortTeamId)
      .where("cohort_id", "=", cohortId)
      .executeTakeFirst();
    if (!row || row.status === "left") return fail("not_found");
    await trx.updateTable("cohort_teams").set({ status: "left" }).where("id", "=", cohortTeamId).execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "cohort.team_left",
      subjectType: "cohort_team",
      subjectId: cohortTeamId,
      contestId,
      before: { status: row.status, entryId: row.entry_id },
      after: { status: "left" },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** The organisers' page of one cohort: its teams with mentors and milestone completion, mentors to assign, invitations. */
export async function cohortPage(ctx: ServiceContext, contestId: number, cohortId: number) {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found.ok) return found;
  const cohort = toCohortView(found.value);
  const [teams, assignments, statuses, mentors, invitations, checkinPeriods, entries] = await Promise.all([
    listCohortTeams(ctx.db, cohortId),
    listCohortAssignments(ctx.db, cohortId),
    listCohortMilestoneStatuses(ctx.db, cohortId),
    listContestMentors(ctx.db, contestId),
    listPendingMentorInvitations(ctx.db, cohortId),
    listCheckinPeriods(ctx.db, cohortId),
    candidateEntries(ctx.db, contestId),
  ]);
  const organisations = await mentorOrganisations(
    ctx.db,
    contestId,
    mentors.map((m) => m.id),
  );
  const codeOf = new Map(teams.map((t) => [t.id, t.code]));
  const inCohort = new Set(teams.filter((t) => t.status !== "left").map((t) => t.entryId));
  return ok({
    cohort,
    hasCheckins: checkinPeriods.length > 0,
    teams: teams.map((t) => ({
      id: t.id,
      status: t.status,
      entryId: t.entryId,
      code: t.code,
      teamName: t.teamName,
      country: t.country,
      trackName: parseLocalizedJson(t.trackNameJson) ?? { en: "" },
      mentors: assignments
        .filter((a) => a.cohortTeamId === t.id)
        .map((a) => ({ assignmentId: a.id, mentorId: a.mentorId, name: a.name, email: a.email })),
      milestones: milestoneCompletion(statuses.filter((s) => s.cohortTeamId === t.id)),
    })),
    mentors: mentors.map((m) => ({ ...m, organisation: organisations.get(m.id) ?? null })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      organisation: i.organisation,
      expiresAt: i.expiresAt,
      expired: Date.parse(i.expiresAt) <= ctx.now.getTime(),
      teamCodes: parseIds(i.cohortTeamIdsJson).flatMap((id) => codeOf.get(id) ?? []),
    })),
    addable: entries.filter((e) => !inCohort.has(e.entryId)),
    currencies: currencyOptions(),
  });
}

export function parseIds(json: string): number[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((v): v is number => Number.isInteger(v) && v > 0) : [];
  } catch {
    return [];
  }
}

/** For a team's own page: the incubation homes of its entries. Its members only. */
export async function incubationLinks(ctx: ServiceContext, teamId: number) {
  if (!can(ctx.actor, { type: "team.read", teamId })) return [];
  const rows = await listCohortsOfTeam(ctx.db, teamId);
  return rows.map((r) => ({
    entryId: r.entryId,
    cohortTeamId: r.cohortTeamId,
    cohortName: parseLocalizedJson(r.cohortNameJson) ?? { en: `#${r.cohortTeamId}` },
  }));
}
