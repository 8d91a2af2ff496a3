// Queries behind the organisers' registrations list, statistics and export: entries of one contest
// with their teams, filtered, paged by id (keyset) and aggregated in SQL.
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { Database, EntryStatus, TeamStage } from "#db/schema";

type Q = Kysely<Database>;

export interface EntryFilters {
  /** Part of the team's name, or an entry code exactly. */
  q?: string;
  trackId?: number;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  stage?: TeamStage;
  womenLed?: boolean;
  status?: EntryStatus;
}

export const ENTRY_STATUSES: readonly EntryStatus[] = ["registered", "withdrawn"];

/** `%` and `_` are wildcards in LIKE; with ESCAPE '\' a backslash makes them (and itself) literal. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const teamFiltered = (f: EntryFilters) =>
  Boolean(f.q) || f.country !== undefined || f.stage !== undefined || f.womenLed !== undefined;

/** Entries of the contest joined to their teams, narrowed by every filter. */
function filtered(db: Q, contestId: number, f: EntryFilters) {
  let q = db.selectFrom("entries").innerJoin("teams", "teams.id", "entries.team_id").where("entries.contest_id", "=", contestId);
  if (f.status) q = q.where("entries.status", "=", f.status);
  if (f.trackId !== undefined) q = q.where("entries.track_id", "=", f.trackId);
  if (f.country !== undefined) q = q.where("teams.country", "=", f.country);
  if (f.stage !== undefined) q = q.where("teams.stage", "=", f.stage);
  if (f.womenLed !== undefined) q = q.where("teams.women_led", "=", f.womenLed ? 1 : 0);
  const text = f.q?.trim();
  if (text) {
    const codes = [...new Set([text, text.toUpperCase()])];
    q = q.where((eb) =>
      eb.or([
        sql<SqlBool>`${eb.ref("teams.name")} like ${likeContains(text)} escape '\\'` as Expression<SqlBool>,
        eb("entries.code", "in", codes),
      ]),
    );
  }
  return q;
}

/** The same narrowing without the teams join, for filters that only touch entries (index-only). */
function entriesOnly(db: Q, contestId: number, f: EntryFilters) {
  let q = db.selectFrom("entries").where("entries.contest_id", "=", contestId);
  if (f.status) q = q.where("entries.status", "=", f.status);
  if (f.trackId !== undefined) q = q.where("entries.track_id", "=", f.trackId);
  return q;
}

function pageQuery(db: Q, contestId: number, f: EntryFilters, after: number | undefined, limit: number) {
  let q = filtered(db, contestId, f)
    .select([
      "entries.id",
      "entries.code",
      "entries.status",
      "entries.registered_at",
      "entries.withdrawn_at",
      "entries.track_id",
      "entries.answers_json",
      "teams.id as team_id",
      "teams.name as team_name",
      "teams.country",
      "teams.city",
      "teams.organisation",
      "teams.stage",
      "teams.women_led",
      "teams.founders_women",
      "teams.founders_men",
      "teams.founders_other",
    ])
    .orderBy("entries.id", "desc")
    .limit(limit);
  if (after !== undefined) q = q.where("entries.id", "<", after);
  return q;
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof pageQuery>["execute"]>>[number] & { member_count: number };

/**
 * One page of entries, newest first; `after` is the last id of the previous page. Each query walks
 * an index in id order and stops after `limit` matches: with a status or a track the
 * (contest_id, status, id) or (contest_id, track_id, id) index does that directly; with neither,
 * one query per status is merged, since no index orders a whole contest's entries by id.
 */
export async function listEntries(
  db: Q,
  options: { contestId: number; filters: EntryFilters; after?: number; limit: number },
): Promise<EntryRow[]> {
  const { contestId, filters, after, limit } = options;
  const perStatus = !filters.status && filters.trackId === undefined;
  const parts = perStatus
    ? await Promise.all(ENTRY_STATUSES.map((status) => pageQuery(db, contestId, { ...filters, status }, after, limit).execute()))
    : [await pageQuery(db, contestId, filters, after, limit).execute()];
  const rows = parts
    .flat()
    .sort((a, b) => b.id - a.id)
    .slice(0, limit);
  const counts = await memberCounts(
    db,
    rows.map((r) => r.team_id),
  );
  return rows.map((r) => ({ ...r, member_count: counts.get(r.team_id) ?? 0 }));
}

async function memberCounts(db: Q, teamIds: number[]): Promise<Map<number, number>> {
  if (!teamIds.length) return new Map();
  const rows = await db
    .selectFrom("team_members")
    .select(["team_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("team_id", "in", [...new Set(teamIds)])
    .groupBy("team_id")
    .execute();
  return new Map(rows.map((r) => [r.team_id, Number(r.n)]));
}

export async function countEntries(db: Q, contestId: number, filters: EntryFilters): Promise<number> {
  const q = teamFiltered(filters) ? filtered(db, contestId, filters) : entriesOnly(db, contestId, filters);
  const row = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Breakdowns {
  byCountry: Array<{ country: string; count: number }>;
  byTrack: Array<{ trackId: number; count: number }>;
  founders: { women: number; men: number; other: number };
}

/**
 * Entries by team country and by track, and founders by gender, over the filtered entries. The
 * founder sums ride on the per-country query, so the teams join is walked once.
 */
export async function breakdowns(db: Q, contestId: number, filters: EntryFilters): Promise<Breakdowns> {
  const [byCountry, byTrack] = await Promise.all([
    filtered(db, contestId, filters)
      .select((eb) => [
        "teams.country",
        eb.fn.countAll<number>().as("n"),
        eb.fn.sum<number>("teams.founders_women").as("women"),
        eb.fn.sum<number>("teams.founders_men").as("men"),
        eb.fn.sum<number>("teams.founders_other").as("other"),
      ])
      .groupBy("teams.country")
      .orderBy("n", "desc")
      .orderBy("teams.country")
      .execute(),
    (teamFiltered(filters) ? filtered(db, contestId, filters) : entriesOnly(db, contestId, filters))
      .select(["entries.track_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("entries.track_id")
      .orderBy("n", "desc")
      .orderBy("entries.track_id")
      .execute(),
  ]);
  const founders = { women: 0, men: 0, other: 0 };
  for (const r of byCountry) {
    founders.women += Number(r.women ?? 0);
    founders.men += Number(r.men ?? 0);
    founders.other += Number(r.other ?? 0);
  }
  return {
    byCountry: byCountry.map((r) => ({ country: r.country, count: Number(r.n) })),
    byTrack: byTrack.map((r) => ({ trackId: r.track_id, count: Number(r.n) })),
    founders,
  };
}

/** One entry of the contest with its team, members and answers; undefined for another contest's entry. */
export async function findEntryDetail(db: Q, contestId: number, entryId: number) {
  const entry = await db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .select([
      "entries.id",
      "entries.code",
      "entries.status",
      "entries.track_id",
      "tracks.name_i18n as track_name",
      "entries.answers_json",
      "entries.terms_version",
      "entries.terms_accepted_at",
      "entries.registered_at",
      "entries.withdrawn_at",
      "entries.version",
      "teams.id as team_id",
      "teams.name as team_name",
      "teams.country",
      "teams.city",
      "teams.organisation",
      "teams.stage",
      "teams.founding_year",
      "teams.website",
      "teams.pitch",
      "teams.founders_women",
      "teams.founders_men",
      "teams.founders_other",
      "teams.women_led",
    ])
    .where("entries.contest_id", "=", contestId)
    .where("entries.id", "=", entryId)
    .executeTakeFirst();
  if (!entry) return undefined;
  const members = await db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select(["users.id as user_id", "users.name", "users.email", "team_members.role"])
    .where("team_members.team_id", "=", entry.team_id)
    // "lead" sorts before "member".
    .orderBy("team_members.role")
    .orderBy("users.name")
    .execute();
  return { ...entry, members };
}

/** The contest's question definitions as stored, in the order entrants see them. */
export function listQuestionDefinitions(db: Q, contestId: number) {
  return db
    .selectFrom("registration_questions")
    .select(["key", "definition_json"])
    .where("contest_id", "=", contestId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** Who else in the contest would clash with this team coming back: same-named teams, shared members. */
export async function restoreClashes(db: Q, contestId: number, teamId: number) {
  const [names, sharedMembers] = await Promise.all([
    db
      .selectFrom("entries")
      .innerJoin("teams", "teams.id", "entries.team_id")
      .select("teams.name")
      .where("entries.contest_id", "=", contestId)
      .where("entries.status", "=", "registered")
      .where("entries.team_id", "!=", teamId)
      .execute(),
    db
      .selectFrom("team_members as mine")
      .innerJoin("team_members as theirs", (join) =>
        join.onRef("theirs.user_id", "=", "mine.user_id").onRef("theirs.team_id", "!=", "mine.team_id"),
      )
      .innerJoin("entries", "entries.team_id", "theirs.team_id")
      .select((eb) => eb.fn.count<number>("mine.user_id").distinct().as("n"))
      .where("mine.team_id", "=", teamId)
      .where("entries.contest_id", "=", contestId)
      .where("entries.status", "=", "registered")
      .executeTakeFirstOrThrow(),
  ]);
  return { registeredTeamNames: names.map((r) => r.name), sharedMembers: Number(sharedMembers.n) };
}
