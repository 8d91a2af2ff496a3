// Queries on a round's awards and their grants. Which entries may receive one is the shared
// "takes part in the round" rule of ./participation.server.ts.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { whereTakesPart } from "./participation.server";

type Q = Kysely<Database>;

export function findAwardRound(db: Q, contestId: number, roundId: number) {
  return db
    .selectFrom("rounds")
    .select(["id", "name_i18n as nameJson"])
    .where("id", "=", roundId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
}

/** A round's awards in their order. */
export function listAwards(db: Q, roundId: number) {
  return db
    .selectFrom("awards")
    .select(["id", "round_id as roundId", "name_i18n as nameJson", "description_i18n as descriptionJson", "position"])
    .where("round_id", "=", roundId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** Every grant of every award of a round, with the entry's code and team, in one read. */
export function listRoundGrants(db: Q, roundId: number) {
  return db
    .selectFrom("award_grants")
    .innerJoin("awards", "awards.id", "award_grants.award_id")
    .innerJoin("entries", "entries.id", "award_grants.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "award_grants.id",
      "award_grants.award_id as awardId",
      "award_grants.entry_id as entryId",
      "award_grants.citation",
      "award_grants.granted_at as grantedAt",
      "entries.code",
      "teams.name as teamName",
    ])
    .where("awards.round_id", "=", roundId)
    .orderBy("award_grants.award_id")
    .orderBy("entries.code")
    .orderBy("award_grants.id")
    .execute();
}

/** One award with the contest its round belongs to. */
export function findAward(db: Q, awardId: number) {
  return db
    .selectFrom("awards")
    .innerJoin("rounds", "rounds.id", "awards.round_id")
    .selectAll("awards")
    .select("rounds.contest_id as contestId")
    .where("awards.id", "=", awardId)
    .executeTakeFirst();
}

/** One grant with its award's round and contest. */
export function findGrant(db: Q, grantId: number) {
  return db
    .selectFrom("award_grants")
    .innerJoin("awards", "awards.id", "award_grants.award_id")
    .innerJoin("rounds", "rounds.id", "awards.round_id")
    .selectAll("award_grants")
    .select(["awards.round_id as roundId", "rounds.contest_id as contestId"])
    .where("award_grants.id", "=", grantId)
    .executeTakeFirst();
}

export function findGrantOf(db: Q, awardId: number, entryId: number) {
  return db
    .selectFrom("award_grants")
    .select("id")
    .where("award_id", "=", awardId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
}

/** The entry, if it is registered in the contest and takes part in the round. */
export function findParticipant(db: Q, contestId: number, roundId: number, entryId: number) {
  return db
    .selectFrom("entries")
    .select(["entries.id", "entries.code"])
    .where("entries.id", "=", entryId)
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .where(whereTakesPart(roundId))
    .executeTakeFirst();
}

export async function nextAwardPosition(db: Q, roundId: number) {
  const row = await db
    .selectFrom("awards")
    .select((eb) => eb.fn.max<number | null>("position").as("max"))
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/** Certificates issued for an award, revoked ones included: each still answers a public verification. */
export async function countAwardCertificates(db: Q, awardId: number) {
  const row = await db
    .selectFrom("certificates")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("award_id", "=", awardId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertAward(
  db: Q,
  values: { roundId: number; nameJson: string; descriptionJson: string; position: number; at: string },
) {
  return db
    .insertInto("awards")
    .values({
      round_id: values.roundId,
      name_i18n: values.nameJson,
      description_i18n: values.descriptionJson,
      position: values.position,
      created_at: values.at,
      updated_at: values.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateAwardTexts(
  db: Q,
  awardId: number,
  values: { nameJson: string; descriptionJson: string; at: string },
) {
  await db
    .updateTable("awards")
    .set({ name_i18n: values.nameJson, description_i18n: values.descriptionJson, updated_at: values.at })
    .where("id", "=", awardId)
    .execute();
}

/** Writes positions 1..n in the given order. */
export async function renumberAwards(db: Q, awardIds: readonly number[], at: string) {
  for (const [index, id] of awardIds.entries()) {
    await db
      .updateTable("awards")
      .set({ position: index + 1, updated_at: at })
      .where("id", "=", id)
      .execute();
  }
}

export async function deleteAwardRow(db: Q, awardId: number) {
  await db.deleteFrom("awards").where("id", "=", awardId).execute();
}

export function insertGrant(
  db: Q,
  values: { awardId: number; entryId: number; citation: string | null; grantedBy: number; at: string },
) {
  return db
    .insertInto("award_grants")
    .values({
      award_id: values.awardId,
      entry_id: values.entryId,
      citation: values.citation,
      granted_by: values.grantedBy,
      granted_at: values.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function deleteGrantRow(db: Q, grantId: number) {
  await db.deleteFrom("award_grants").where("id", "=", grantId).execute();
}
