// Queries behind the audit log viewer: pages of events newest first (keyset on time, then id), and
// the actions and subject types that occur, for one contest or the whole platform. Every one of
// them is answered from an index of migration 0014 (tests/integration/audit-log.test.ts checks the
// plans), so a long log costs a page, not a walk.
import { sql, type Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export interface AuditEventFilters {
  /** One contest's events; undefined for every event on the platform (admins). */
  contestId?: number;
  action?: string;
  /** Lower-cased; matches the actor's email from its start. */
  actorEmailPrefix?: string;
  subjectType?: string;
  subjectId?: string;
  /** UTC instants: `since` included, `until` excluded. */
  since?: string;
  until?: string;
}

// Every UTF-8 string that starts with `p` sorts (bytewise) at or after `p` and before `p` followed by
// the highest code point, so a prefix search is a range on the unique email index, not a LIKE scan.
const PREFIX_END = "\u{10FFFF}";

function filtered(db: Q, f: AuditEventFilters) {
  let q = db.selectFrom("audit_events as a");
  if (f.contestId !== undefined) q = q.where("a.contest_id", "=", f.contestId);
  if (f.action !== undefined) q = q.where("a.action", "=", f.action);
  if (f.subjectType !== undefined) q = q.where("a.subject_type", "=", f.subjectType);
  if (f.subjectId !== undefined) q = q.where("a.subject_id", "=", f.subjectId);
  if (f.since !== undefined) q = q.where("a.created_at", ">=", f.since);
  if (f.until !== undefined) q = q.where("a.created_at", "<", f.until);
  const prefix = f.actorEmailPrefix;
  if (prefix) {
    q = q.where("a.actor_user_id", "in", (eb) =>
      eb
        .selectFrom("users")
        .select("users.id")
        .where("users.email", ">=", prefix)
        .where("users.email", "<", `${prefix}${PREFIX_END}`),
    );
  }
  return q;
}

export interface AuditEventRecord {
  id: number;
  created_at: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  contest_id: number | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  actor_user_id: number | null;
  actor_name: string | null;
  actor_email: string | null;
  contest_name: string | null;
  contest_name_i18n: string | null;
}

/** Up to `limit` events matching `filters`, newest first, strictly older than `before`. */
export async function listAuditEvents(
  db: Q,
  filters: AuditEventFilters,
  options: { before?: { createdAt: string; id: number }; limit: number },
): Promise<AuditEventRecord[]> {
  let q = filtered(db, filters)
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .leftJoin("contests as c", "c.id", "a.contest_id")
    .select([
      "a.id",
      "a.created_at",
      "a.action",
      "a.subject_type",
      "a.subject_id",
      "a.contest_id",
      "a.before_json",
      "a.after_json",
      "a.ip",
      "a.actor_user_id",
      "u.name as actor_name",
      "u.email as actor_email",
      "c.name as contest_name",
      "c.name_i18n as contest_name_i18n",
    ])
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(options.limit);
  const before = options.before;
  if (before) {
    // A row value: SQLite reads it as a range on (created_at, rowid), the tail of every index here.
    q = q.where((eb) => eb(eb.refTuple("a.created_at", "a.id"), "<", eb.tuple(before.createdAt, before.id)));
  }
  return q.execute();
}

/**
 * The distinct values of `column` in ascending order, by a skip-scan: each step asks an index for the
 * smallest value above the last, so a log of millions with forty actions costs forty seeks.
 */
async function distinctValues(db: Q, column: "action" | "subject_type", contestId: number | undefined): Promise<string[]> {
  const col = sql.ref(column);
  const scope = contestId === undefined ? sql`1 = 1` : sql`contest_id = ${contestId}`;
  const { rows } = await sql<{ value: string }>`
    with recursive seen(value) as (
      select (select min(${col}) from audit_events where ${scope})
      union all
      select (select min(${col}) from audit_events where ${scope} and ${col} > seen.value)
      from seen where seen.value is not null
    )
    select value from seen where value is not null limit 1000`.execute(db);
  return rows.map((r) => r.value);
}

export const listAuditActions = (db: Q, contestId?: number) => distinctValues(db, "action", contestId);

export const listAuditSubjectTypes = (db: Q, contestId?: number) => distinctValues(db, "subject_type", contestId);
