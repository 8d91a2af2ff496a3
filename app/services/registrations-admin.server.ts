// Organisers look after a contest's registrations: the filtered list with its statistics, one entry
// in full, and restoring a withdrawn entry.
import { z } from "zod";
import { TEAM_STAGES } from "#app/forms/team";
import { isCountryCode } from "#app/domain/countries";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { questionDefinitionSchema, type QuestionDefinition } from "#app/domain/questions";
import { normaliseTeamName } from "#app/domain/registration";
import type { EntryStatus, TeamStage } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { listTracks } from "#app/data/contests.server";
import {
  breakdowns,
  countEntries,
  findEntryDetail,
  listEntries,
  listQuestionDefinitions,
  restoreClashes,
  type EntryFilters,
  type EntryRow,
} from "#app/data/registrations.server";
import { cachedUntilChanged } from "./change-cache.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export type RegistrationFilters = EntryFilters;

export const PAGE_SIZE = 50;

export { TEAM_STAGES };

// ---- The list's query string: ?q=&track=&country=&stage=&womenLed=yes|no&status=&after= ---------

// An empty form field means "any".
const blank = (value: unknown) => (value === "" ? undefined : value);

export const registrationQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(200).optional()),
  track: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  country: z.preprocess(blank, z.string().trim().toUpperCase().refine(isCountryCode).optional()),
  stage: z.preprocess(blank, z.enum(TEAM_STAGES).optional()),
  womenLed: z.preprocess(blank, z.enum(["yes", "no"]).optional()),
  status: z.preprocess(blank, z.enum(["registered", "withdrawn"]).optional()),
  after: z.preprocess(blank, z.coerce.number().int().positive().optional()),
});
export type RegistrationQuery = z.output<typeof registrationQuerySchema>;

/** The list page ignores a parameter it cannot read (an old bookmark) instead of failing. */
export function lenientRegistrationQuery(params: URLSearchParams): RegistrationQuery {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(registrationQuerySchema.shape)) {
    const parsed = schema.safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined && parsed.data !== "") out[key] = parsed.data;
  }
  return out as RegistrationQuery;
}

export function filtersFromQuery(query: RegistrationQuery): RegistrationFilters {
  return {
    ...(query.q ? { q: query.q } : {}),
    ...(query.track !== undefined ? { trackId: query.track } : {}),
    ...(query.country ? { country: query.country } : {}),
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.womenLed ? { womenLed: query.womenLed === "yes" } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
}

/** The filters as a query string (without the page cursor), for links that keep them. */
export function queryString(query: RegistrationQuery, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["q", "track", "country", "stage", "womenLed", "status"] as const) {
    const value = query[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return params.toString();
}

export interface RegistrationRow {
  id: number;
  code: string;
  status: EntryStatus;
  registeredAt: string;
  withdrawnAt: string | null;
  trackId: number;
  team: {
    id: number;
    name: string;
    country: string;
    city: string | null;
    organisation: string | null;
    stage: TeamStage | null;
    womenLed: boolean;
    foundersWomen: number;
    foundersMen: number;
    foundersOther: number;
    memberCount: number;
  };
}

export interface RegistrationStats {
  total: number;
  byCountry: Array<{ country: string; count: number }>;
  /** Every track of the contest in its order, those without entries included. */
  byTrack: Array<{ trackId: number; name: LocalizedText; count: number }>;
  founders: { women: number; men: number; other: number };
}

export interface RegistrationDetail {
  id: number;
  code: string;
  status: EntryStatus;
  track: { id: number; name: LocalizedText };
  registeredAt: string;
  withdrawnAt: string | null;
  termsVersion: number;
  termsAcceptedAt: string;
  team: {
    id: number;
    name: string;
    country: string;
    city: string | null;
    organisation: string | null;
    stage: TeamStage | null;
    foundingYear: number | null;
    website: string | null;
    pitch: string | null;
    foundersWomen: number;
    foundersMen: number;
    foundersOther: number;
    womenLed: boolean;
  };
  members: Array<{ userId: number; name: string; email: string; role: "lead" | "member" }>;
  /** The contest's current questions, then any answered question since removed (by its key). */
  questions: QuestionDefinition[];
  answers: Record<string, unknown>;
}

/** Whether the actor may see and change this contest's registrations. */
export const canManageRegistrations = (ctx: ServiceContext, contestId: number) =>
  can(ctx.actor, { type: "contest.manage", contestId });

function toRow(r: EntryRow): RegistrationRow {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    registeredAt: r.registered_at,
    withdrawnAt: r.withdrawn_at,
    trackId: r.track_id,
    team: {
      id: r.team_id,
      name: r.team_name,
      country: r.country,
      city: r.city,
      organisation: r.organisation,
      stage: r.stage,
      womenLed: r.women_led === 1,
      foundersWomen: r.founders_women,
      foundersMen: r.founders_men,
      foundersOther: r.founders_other,
      memberCount: r.member_count,
    },
  };
}

/** One page of the contest's entries, newest first; pass `nextCursor` back as `after` for the next. */
export async function listRegistrations(
  ctx: ServiceContext,
  contestId: number,
  filters: RegistrationFilters,
  after?: number,
  pageSize = PAGE_SIZE,
): Promise<Result<{ rows: RegistrationRow[]; nextCursor: number | null }>> {
  if (!canManageRegistrations(ctx, contestId)) return fail("forbidden");
  const limit = Math.min(Math.max(Math.trunc(pageSize), 1), 500);
  // One extra row tells whether another page follows without a count.
  const rows = await listEntries(ctx.db, { contestId, filters, after, limit: limit + 1 });
  const page = rows.slice(0, limit).map(toRow);
  return ok({ rows: page, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null });
}

export async function registrationStats(
  ctx: ServiceContext,
  contestId: number,
  filters: RegistrationFilters,
): Promise<Result<RegistrationStats>> {
  if (!canManageRegistrations(ctx, contestId)) return fail("forbidden");
  // Each count walks every matching entry: kept until an entry, a team or a track changes.
  const stats = await cachedUntilChanged(ctx.db, "registrations", `stats:${contestId}:${JSON.stringify(filters)}`, async () => {
    const [total, parts, tracks] = await Promise.all([
      countEntries(ctx.db, contestId, filters),
      breakdowns(ctx.db, contestId, filters),
      listTracks(ctx.db, contestId),
    ]);
    const counts = new Map(parts.byTrack.map((b) => [b.trackId, b.count]));
    return {
      total,
      byCountry: parts.byCountry,
      byTrack: tracks.map((t) => ({
        trackId: t.id,
        name: parseLocalizedJson(t.name_i18n) ?? { en: `#${t.id}` },
        count: counts.get(t.id) ?? 0,
      })),
      founders: parts.founders,
    };
  });
  return ok(stats);
}

/** An entry's stored answers; anything unreadable counts as no answers. */
export function parseAnswers(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The contest's question definitions; a stored definition that no longer validates is skipped. */
export async function loadQuestionDefinitions(ctx: ServiceContext, contestId: number): Promise<QuestionDefinition[]> {
  const rows = await listQuestionDefinitions(ctx.db, contestId);
  const out: QuestionDefinition[] = [];
  for (const row of rows) {
    let raw: unknown;
    try {
      raw = JSON.parse(row.definition_json);
    } catch {
      continue;
    }
    const parsed = questionDefinitionSchema.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export async function getRegistration(
  ctx: ServiceContext,
  contestId: number,
  entryId: number,
): Promise<Result<RegistrationDetail>> {
  if (!canManageRegistrations(ctx, contestId)) return fail("forbidden");
  const [entry, questions] = await Promise.all([
    findEntryDetail(ctx.db, contestId, entryId),
    loadQuestionDefinitions(ctx, contestId),
  ]);
  if (!entry) return fail("not_found");
  const answers = parseAnswers(entry.answers_json);
  // Answers to a question removed later still belong to the entry; show them under their key.
  const known = new Set(questions.map((q) => q.key));
  const removed: QuestionDefinition[] = Object.keys(answers)
    .filter((key) => !known.has(key))
    .map((key) => ({ key, kind: "short_text", label: { en: key }, help: null, required: false }));
  return ok({
    id: entry.id,
    code: entry.code,
    status: entry.status,
    track: { id: entry.track_id, name: parseLocalizedJson(entry.track_name) ?? { en: `#${entry.track_id}` } },
    registeredAt: entry.registered_at,
    withdrawnAt: entry.withdrawn_at,
    termsVersion: entry.terms_version,
    termsAcceptedAt: entry.terms_accepted_at,
    team: {
      id: entry.team_id,
      name: entry.team_name,
      country: entry.country,
      city: entry.city,
      organisation: entry.organisation,
      stage: entry.stage,
      foundingYear: entry.founding_year,
      website: entry.website,
      pitch: entry.pitch,
      foundersWomen: entry.founders_women,
      foundersMen: entry.founders_men,
      foundersOther: entry.founders_other,
      womenLed: entry.women_led === 1,
    },
    members: entry.members.map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role })),
    questions: [...questions, ...removed],
    answers,
  });
}

/**
 * Brings a withdrawn entry back. While it was away another team may have registered under the same
 * name or with one of its members; restoring then would break the one-name, one-team-per-person rules.
 */
export async function restoreEntry(ctx: ServiceContext, contestId: number, entryId: number): Promise<Result<null>> {
  if (!ctx.actor || !canManageRegistrations(ctx, contestId)) return fail("forbidden");
  const actorId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("entries")
      .select(["id", "team_id", "status", "withdrawn_at", "version"])
      .where("id", "=", entryId)
      .where("contest_id", "=", contestId)
      .executeTakeFirst();
    if (!before) return fail("not_found");
    if (before.status !== "withdrawn") return fail("not_withdrawn");
    const team = await trx.selectFrom("teams").select("name").where("id", "=", before.team_id).executeTakeFirstOrThrow();
    const clashes = await restoreClashes(trx, contestId, before.team_id);
    const name = normaliseTeamName(team.name);
    if (clashes.registeredTeamNames.some((other) => normaliseTeamName(other) === name)) return fail("team_name_taken");
    if (clashes.sharedMembers > 0) return fail("member_in_other_team", undefined, { count: clashes.sharedMembers });
    const after = { status: "registered" as const, withdrawn_at: null, version: before.version + 1 };
    const result = await trx
      .updateTable("entries")
      .set({ ...after, updated_at: ctx.now.toISOString() })
      .where("id", "=", entryId)
      .where("version", "=", before.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
    await audit(trx, {
      actorUserId: actorId,
      action: "entry.restored",
      subjectType: "entry",
      subjectId: entryId,
      contestId,
      before: { status: before.status, withdrawn_at: before.withdrawn_at, version: before.version },
      after,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}
