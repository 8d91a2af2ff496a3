// Queries on submissions and deadline extensions.
import { sql, type Kysely } from "kysely";
import type { Database } from "#db/schema";
import { takesPart } from "./participation.server";

type Q = Kysely<Database>;

export function findEntryWithRound(db: Q, entryId: number, roundId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("rounds", (join) => join.onRef("rounds.contest_id", "=", "entries.contest_id").on("rounds.id", "=", roundId))
    .select([
      "entries.id as entryId",
      "entries.team_id as teamId",
      "entries.contest_id as contestId",
      "entries.status",
      "rounds.id as roundId",
      "rounds.submission_opens_at as opensAt",
      "rounds.submission_closes_at as closesAt",
      takesPart(roundId).as("takesPart"),
    ])
    .where("entries.id", "=", entryId)
    .executeTakeFirst();
}

export function findRequirement(db: Q, roundId: number, requirementId: number) {
  return db
    .selectFrom("material_requirements")
    .selectAll()
    .where("id", "=", requirementId)
    .where("round_id", "=", roundId)
    .executeTakeFirst();
}

export async function findExtension(db: Q, entryId: number, roundId: number) {
  return db
    .selectFrom("deadline_extensions")
    .selectAll()
    .where("entry_id", "=", entryId)
    .where("round_id", "=", roundId)
    .executeTakeFirst();
}

export async function nextVersion(db: Q, entryId: number, requirementId: number) {
  const row = await db
    .selectFrom("submissions")
    .select((eb) => eb.fn.max<number | null>("version").as("max"))
    .where("entry_id", "=", entryId)
    .where("requirement_id", "=", requirementId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

export function listSubmissions(db: Q, entryId: number, roundId: number) {
  return db
    .selectFrom("submissions")
    .leftJoin("users", "users.id", "submissions.uploaded_by")
    .select([
      "submissions.id",
      "submissions.requirement_id as requirementId",
      "submissions.version",
      "submissions.kind",
      "submissions.sha256",
      "submissions.size_bytes as size",
      "submissions.file_name as fileName",
      "submissions.pages",
      "submissions.text_value as text",
      "submissions.url_value as url",
      "submissions.created_at as createdAt",
      "submissions.language",
      "users.name as uploadedBy",
    ])
    .where("submissions.entry_id", "=", entryId)
    .where("submissions.round_id", "=", roundId)
    .orderBy("submissions.requirement_id")
    .orderBy("submissions.version", "desc")
    .execute();
}

/** Whether any submission still points at a storage key (orphan clean-up keeps those). */
export async function isStorageKeyUsed(db: Q, key: string) {
  if (await db.selectFrom("submissions").select("id").where("storage_key", "=", key).executeTakeFirst()) return true;
  // Check-in attachments share the storage (app/services/checkin-attachments.server.ts).
  return Boolean(await db.selectFrom("checkin_attachments").select("id").where("storage_key", "=", key).executeTakeFirst());
}

export function listRequirements(db: Q, roundId: number) {
  return db
    .selectFrom("material_requirements")
    .selectAll()
    .where("round_id", "=", roundId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export function findSubmissionFile(db: Q, submissionId: number) {
  return db
    .selectFrom("submissions")
    .innerJoin("entries", "entries.id", "submissions.entry_id")
    .select([
      "submissions.id",
      "submissions.storage_key as storageKey",
      "submissions.file_name as fileName",
      "submissions.content_type as contentType",
      "submissions.size_bytes as size",
      "submissions.entry_id as entryId",
      "submissions.round_id as roundId",
      "submissions.requirement_id as requirementId",
      "submissions.version",
      "submissions.created_at as createdAt",
      "entries.team_id as teamId",
      "entries.contest_id as contestId",
      "entries.code as entryCode",
    ])
    .where("submissions.id", "=", submissionId)
    .where("submissions.kind", "=", "file")
    .executeTakeFirst();
}

export function findRoundName(db: Q, roundId: number) {
  return db.selectFrom("rounds").select("name_i18n").where("id", "=", roundId).executeTakeFirst();
}

/**
 * Per track: registered entries, how many have every required material, and how many handed in
 * something after the round's own deadline (on an extension). One aggregate query.
 */
export async function completenessByTrack(db: Q, contestId: number, roundId: number, closesAt: string | null) {
  const { rows } = await sql<{ trackId: number; entries: number; complete: number; late: number }>`
    select e.track_id as "trackId",
           count(*) as entries,
           sum(case when e.done >= (select count(*) from material_requirements m where m.round_id = ${roundId} and m.required = 1) then 1 else 0 end) as complete,
           sum(case when e.late > 0 then 1 else 0 end) as late
    from (
      select x.id, x.track_id,
        (select count(distinct s.requirement_id) from submissions s
           join material_requirements m on m.id = s.requirement_id
          where s.entry_id = x.id and s.round_id = ${roundId} and m.required = 1) as done,
        (select count(*) from submissions s
          where s.entry_id = x.id and s.round_id = ${roundId} and ${closesAt ?? "9999"} < s.created_at) as late
      from entries x
      where x.contest_id = ${contestId} and x.status = 'registered'
    ) e
    group by e.track_id`.execute(db);
  return rows.map((r) => ({
    trackId: Number(r.trackId),
    entries: Number(r.entries),
    complete: Number(r.complete),
    late: Number(r.late),
  }));
}

/** Every version of one material of an entry, for deciding which one counts. */
export function listMaterialVersions(db: Q, entryId: number, requirementId: number) {
  return db
    .selectFrom("submissions")
    .select(["id", "requirement_id as requirementId", "version", "created_at as createdAt"])
    .where("entry_id", "=", entryId)
    .where("requirement_id", "=", requirementId)
    .execute();
}
