// Organisers configure a contest: create it, edit its settings, move it through its states.
// Every change is checked against `can`, runs in one transaction and leaves an audit row.
import { canTransition, isEditableConfiguration, nextStates, type ContestState } from "#app/domain/contest-state";
import { CHINA_AND_ASEAN } from "#app/domain/countries";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { tieBreakersSchema, type TieBreaker } from "#app/domain/ranking";
import { utcToZonedLocal, zonedLocalToUtc } from "#app/domain/time";
import { encodeTieBreaker, MAX_TIE_BREAKERS, type ContestSettingsInput, type CreateContestInput } from "#app/forms/contest";
import type { Contest } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import {
  countEntries,
  findContest,
  findContestBySlug,
  insertDefaultTracks,
  listCriteria,
  listManagedContests,
  listRubrics,
} from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export interface ContestView {
  id: number;
  slug: string;
  state: ContestState;
  timeZone: string;
  name: LocalizedText;
  description: LocalizedText | null;
  terms: LocalizedText | null;
  declaration: LocalizedText | null;
  prizes: LocalizedText | null;
  faq: LocalizedText | null;
  termsVersion: number;
  eligibleCountries: string[];
  teamMin: number;
  teamMax: number;
  contactEmail: string | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  resultsPublishedAt: string | null;
  /** Equal scores are separated by these, in order (see app/domain/ranking.ts). */
  tieBreakers: TieBreaker[];
  version: number;
}

/** What a contest breaks ties by when it never chose (the column's default). */
export const DEFAULT_TIE_BREAKERS: readonly TieBreaker[] = [{ kind: "reviews" }];

/**
 * The contest's stored tie-breakers. The column is only written through the settings form's schema;
 * a value that no longer reads (hand-edited, or a kind since removed) falls back to the default
 * rather than failing every results page.
 */
export function parseTieBreakers(json: string | null | undefined): TieBreaker[] {
  try {
    const parsed = tieBreakersSchema.safeParse(JSON.parse(json ?? ""));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON at all: the default below.
  }
  return [...DEFAULT_TIE_BREAKERS];
}

export function toContestView(row: Contest): ContestView {
  let countries: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.eligible_countries);
    if (Array.isArray(parsed)) countries = parsed.filter((c): c is string => typeof c === "string");
  } catch {
    countries = [];
  }
  return {
    id: row.id,
    slug: row.slug,
    state: row.state,
    timeZone: row.time_zone,
    name: parseLocalizedJson(row.name_i18n) ?? { en: row.name },
    description: parseLocalizedJson(row.description_i18n),
    terms: parseLocalizedJson(row.terms_i18n),
    declaration: parseLocalizedJson(row.declaration_i18n),
    prizes: parseLocalizedJson(row.prizes_i18n),
    faq: parseLocalizedJson(row.faq_i18n),
    termsVersion: row.terms_version,
    eligibleCountries: countries,
    teamMin: row.team_min,
    teamMax: row.team_max,
    contactEmail: row.contact_email,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    resultsPublishedAt: row.results_published_at,
    tieBreakers: parseTieBreakers(row.tie_breakers_json),
    version: row.version,
  };
}

const json = (value: unknown) => (value == null ? "{}" : JSON.stringify(value));

export async function createContest(ctx: ServiceContext, input: CreateContestInput): Promise<Result<{ id: number }>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.create" })) return fail("forbidden");
  if (await findContestBySlug(ctx.db, input.slug)) return fail("slug_taken", "slug");
  const actorId = ctx.actor.userId;
  const at = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const contest = await trx
      .insertInto("contests")
      .values({
        slug: input.slug,
        name: input.name.en,
        name_i18n: json(input.name),
        time_zone: input.timeZone,
        state: "draft",
        eligible_countries: JSON.stringify(CHINA_AND_ASEAN),
        team_min: 1,
        team_max: 8,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("contest_roles")
      .values({ contest_id: contest.id, user_id: actorId, role: "organiser", created_at: at })
      .execute();
    await insertDefaultTracks(trx, contest.id, at);
    await audit(trx, {
      actorUserId: actorId,
      action: "contest.created",
      subjectType: "contest",
      subjectId: contest.id,
      contestId: contest.id,
      after: { slug: input.slug, name: input.name, timeZone: input.timeZone },
      ip: ctx.ip,
      now: ctx.now,
    });
    return contest.id;
  });
  return ok({ id });
}

/** The contest for its organisers (and admins): any state, drafts included. */
export async function getManagedContest(
  ctx: ServiceContext,
  contestId: number,
): Promise<Result<ContestView & { nextStates: ContestState[]; entryCount: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const row = await findContest(ctx.db, contestId);
  if (!row) return fail("not_found");
  const entryCount = await countEntries(ctx.db, contestId);
  return ok({ ...toContestView(row), entryCount, nextStates: nextStates(row.state, { entryCount }) });
}

export async function listMyContests(ctx: ServiceContext) {
  if (!ctx.actor) return [];
  const rows = await listManagedContests(ctx.db, ctx.actor.userId, ctx.actor.isAdmin);
  return rows.map((r) => ({ id: r.id, slug: r.slug, state: r.state, name: parseLocalizedJson(r.name_i18n) ?? { en: r.slug } }));
}

/** The settings form's starting values: instants shown on the contest's wall clock. */
export function settingsFormValues(contest: ContestView) {
  const local = (iso: string | null) => (iso ? utcToZonedLocal(iso, contest.timeZone) : "");
  return {
    name: contest.name,
    description: (contest.description ?? {}) as Partial<LocalizedText>,
    terms: (contest.terms ?? {}) as Partial<LocalizedText>,
    declaration: (contest.declaration ?? {}) as Partial<LocalizedText>,
    prizes: (contest.prizes ?? {}) as Partial<LocalizedText>,
    faq: (contest.faq ?? {}) as Partial<LocalizedText>,
    contactEmail: contest.contactEmail ?? "",
    timeZone: contest.timeZone,
    eligibleCountries: contest.eligibleCountries,
    teamMin: contest.teamMin,
    teamMax: contest.teamMax,
    registrationOpensAt: local(contest.registrationOpensAt),
    registrationClosesAt: local(contest.registrationClosesAt),
    // One value per select, "" for "— none —".
    tieBreakers: Array.from({ length: MAX_TIE_BREAKERS }, (_, i) => {
      const tb = contest.tieBreakers[i];
      return tb ? encodeTieBreaker(tb) : "";
    }),
    version: contest.version,
  };
}

/**
 * The criteria a tie-breaker can name: every key used by the contest's rubrics, once, with the
 * name the newest rubric gives it. Keys still stored but no longer in any rubric are kept (named
 * by their key) so that saving other settings does not silently drop them.
 */
export async function tieBreakerCriteria(
  ctx: ServiceContext,
  contestId: number,
): Promise<Result<Array<{ key: string; name: LocalizedText | null }>>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  return ok(await criterionKeys(ctx.db, contestId, parseTieBreakers(contest.tie_breakers_json)));
}

async function criterionKeys(db: DB, contestId: number, stored: readonly TieBreaker[]) {
  const rubrics = await listRubrics(db, contestId);
  const criteria = await listCriteria(
    db,
    rubrics.map((r) => r.id),
  );
  // Rubric by rubric, each in its own order; the newest rubric's name for a key wins.
  const inOrder = [...criteria].sort((a, b) => a.rubric_id - b.rubric_id || a.position - b.position);
  const names = new Map<string, LocalizedText | null>();
  for (const c of [...inOrder].reverse()) if (!names.has(c.key)) names.set(c.key, parseLocalizedJson(c.name_i18n));
  const keys = [...new Set(inOrder.map((c) => c.key))];
  for (const tb of stored) {
    if (tb.kind === "criterion" && !names.has(tb.key)) {
      keys.push(tb.key);
      names.set(tb.key, null);
    }
  }
  return keys.map((key) => ({ key, name: names.get(key) ?? null }));
}

export async function updateContestSettings(
  ctx: ServiceContext,
  contestId: number,
  input: ContestSettingsInput,
): Promise<Result<ContestView>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const before = await findContest(ctx.db, contestId);
  if (!before) return fail("not_found");
  if (!isEditableConfiguration(before.state)) return fail("contest_read_only");
  // Deadlines are entered on the contest's wall clock (in the zone being saved) and stored in UTC.
  const toUtc = (local: string | undefined, field: string) => {
    if (!local) return { value: null };
    const date = zonedLocalToUtc(local, input.timeZone);
    return date ? { value: date.toISOString() } : { error: fail("invalid_datetime", field) };
  };
  const opens = toUtc(input.registrationOpensAt, "registrationOpensAt");
  if ("error" in opens) return opens.error!;
  const closes = toUtc(input.registrationClosesAt, "registrationClosesAt");
  if ("error" in closes) return closes.error!;

  // The form's schema already refused repeats; a direct caller is held to the same rule here.
  const tieBreakers = tieBreakersSchema.safeParse(input.tieBreakers);
  if (!tieBreakers.success) {
    const slot = Number(tieBreakers.error.issues[0]?.path[0] ?? 0);
    return fail("tieBreakers.duplicate", `tieBreakers[${slot}]`);
  }
  if (tieBreakers.data.length > MAX_TIE_BREAKERS) return fail("tieBreakers.at_most", "tieBreakers", { max: MAX_TIE_BREAKERS });
  const known = new Set((await criterionKeys(ctx.db, contestId, parseTieBreakers(before.tie_breakers_json))).map((c) => c.key));
  const unknownSlot = tieBreakers.data.findIndex((tb) => tb.kind === "criterion" && !known.has(tb.key));
  if (unknownSlot >= 0) {
    const tb = tieBreakers.data[unknownSlot] as Extract<TieBreaker, { kind: "criterion" }>;
    return fail("tieBreakers.unknown_criterion", `tieBreakers[${unknownSlot}]`, { key: tb.key });
  }

  const termsChanged =
    json(input.terms) !== (before.terms_i18n || "{}") || json(input.declaration) !== (before.declaration_i18n || "{}");
  const actorId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("contests")
      .set({
        name: input.name.en,
        name_i18n: json(input.name),
        description_i18n: json(input.description),
        terms_i18n: json(input.terms),
        declaration_i18n: json(input.declaration),
        prizes_i18n: json(input.prizes),
        faq_i18n: json(input.faq),
        terms_version: termsChanged ? before.terms_version + 1 : before.terms_version,
        contact_email: input.contactEmail ?? null,
        time_zone: input.timeZone,
        eligible_countries: JSON.stringify([...new Set(input.eligibleCountries)]),
        team_min: input.teamMin,
        team_max: input.teamMax,
        registration_opens_at: opens.value,
        registration_closes_at: closes.value,
        tie_breakers_json: JSON.stringify(tieBreakers.data),
        updated_at: ctx.now.toISOString(),
        version: input.version + 1,
      })
      .where("id", "=", contestId)
      .where("version", "=", input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return fail("changed_by_someone_else");
    await audit(trx, {
      actorUserId: actorId,
      action: "contest.settings_updated",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      before: toContestView(before),
      after: toContestView(updated),
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(toContestView(updated));
  });
}

export async function changeContestState(
  ctx: ServiceContext,
  contestId: number,
  to: ContestState,
): Promise<Result<{ state: ContestState }>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  const entryCount = await countEntries(ctx.db, contestId);
  const check = canTransition(contest.state, to, { entryCount });
  if (!check.ok) return fail(check.code);
  const actorId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("contests")
      .set({ state: to, updated_at: ctx.now.toISOString(), version: contest.version + 1 })
      .where("id", "=", contestId)
      .where("version", "=", contest.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
    await audit(trx, {
      actorUserId: actorId,
      action: "contest.state_changed",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      before: { state: contest.state },
      after: { state: to },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ state: to });
  });
}
