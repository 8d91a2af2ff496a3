// Rows behind publication: feedback to teams, publications (latest per round), certificates.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

/** Every submitted review's feedback to the team in the round (no judge named). */
export function listRoundFeedback(db: Q, roundId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select(["assignments.entry_id as entryId", "reviews.feedback"])
    .where("assignments.round_id", "=", roundId)
    .where("reviews.status", "=", "submitted")
    .execute();
}

export function listPublications(db: Q, roundId: number) {
  return db
    .selectFrom("publications")
    .leftJoin("users", "users.id", "publications.published_by")
    .select([
      "publications.id",
      "publications.version",
      "publications.reason",
      "publications.published_at as publishedAt",
      "users.name as byName",
    ])
    .where("publications.round_id", "=", roundId)
    .orderBy("publications.version", "desc")
    .execute();
}

/** The current (latest) publication of each published round of a contest, in round order. */
export function listLatestPublications(db: Q, contestId: number, roundId?: number) {
  let query = db
    .selectFrom("publications")
    .innerJoin("rounds", "rounds.id", "publications.round_id")
    .select([
      "publications.id",
      "publications.round_id as roundId",
      "publications.version",
      "publications.reason",
      "publications.published_at as publishedAt",
      "publications.snapshot_json as snapshotJson",
      "rounds.name_i18n as roundNameJson",
      "rounds.position as roundPosition",
    ])
    .where("publications.contest_id", "=", contestId)
    .where((eb) =>
      eb(
        "publications.version",
        "=",
        eb
          .selectFrom("publications as p")
          .select((e) => e.fn.max("p.version").as("latest"))
          .whereRef("p.round_id", "=", "publications.round_id"),
      ),
    );
  if (roundId !== undefined) query = query.where("publications.round_id", "=", roundId);
  return query.orderBy("rounds.position").execute();
}

export function listValidCertificates(db: Q, roundId: number) {
  return db
    .selectFrom("certificates")
    .innerJoin("awards", "awards.id", "certificates.award_id")
    .select([
      "certificates.id",
      "certificates.award_id as awardId",
      "certificates.entry_id as entryId",
      "certificates.user_id as userId",
    ])
    .where("awards.round_id", "=", roundId)
    .where("certificates.revoked_at", "is", null)
    .execute();
}

/** Certificates of one entry (valid ones), for its team's results page. */
export function listEntryCertificates(db: Q, entryId: number) {
  return db
    .selectFrom("certificates")
    .innerJoin("awards", "awards.id", "certificates.award_id")
    .select([
      "certificates.code",
      "certificates.user_id as userId",
      "certificates.recipient_name as recipientName",
      "awards.name_i18n as awardNameJson",
      "awards.round_id as roundId",
    ])
    .where("certificates.entry_id", "=", entryId)
    .where("certificates.revoked_at", "is", null)
    .orderBy("awards.position")
    .orderBy("certificates.user_id")
    .execute();
}

/** A certificate with all it prints; the award and round names as they are now, the people's names as issued. */
export function findCertificate(db: Q, code: string) {
  return db
    .selectFrom("certificates")
    .innerJoin("awards", "awards.id", "certificates.award_id")
    .innerJoin("rounds", "rounds.id", "awards.round_id")
    .innerJoin("contests", "contests.id", "rounds.contest_id")
    .innerJoin("entries", "entries.id", "certificates.entry_id")
    .select([
      "certificates.id",
      "certificates.code",
      "certificates.user_id as userId",
      "certificates.recipient_name as recipientName",
      "certificates.team_name as teamName",
      "certificates.issued_at as issuedAt",
      "certificates.revoked_at as revokedAt",
      "certificates.award_id as awardId",
      "awards.name_i18n as awardNameJson",
      "rounds.name_i18n as roundNameJson",
      "contests.id as contestId",
      "contests.slug as contestSlug",
      "contests.name as contestName",
      "contests.name_i18n as contestNameJson",
      "contests.time_zone as timeZone",
      "entries.team_id as teamId",
      "entries.code as entryCode",
    ])
    .where("certificates.code", "=", code)
    .executeTakeFirst();
}
