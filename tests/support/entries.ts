// Rows for registration tests, inserted straight with Kysely: tracks, teams, members, entries and
// registration questions, plus a snapshot that also covers those tables.
import type { Insertable } from "kysely";
import type { DB } from "#app/infra/db.server";
import type { LocalizedText } from "#app/domain/localized";
import type { EntryStatus, TeamRole, TeamsTable } from "#db/schema";
import { snapshot } from "./db";

let counter = 0;
const iso = () => new Date().toISOString();

export async function insertTrack(
  db: DB,
  contestId: number,
  name: LocalizedText = { en: `Track ${++counter}` },
  womenLedOnly = false,
) {
  const at = iso();
  const last = await db
    .selectFrom("tracks")
    .select((eb) => eb.fn.max<number | null>("position").as("max"))
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  return db
    .insertInto("tracks")
    .values({
      contest_id: contestId,
      position: (last?.max ?? 0) + 1,
      name_i18n: JSON.stringify(name),
      description_i18n: null,
      women_led_only: womenLedOnly ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertTeam(db: DB, overrides: Partial<Insertable<TeamsTable>> = {}) {
  const at = iso();
  return db
    .insertInto("teams")
    .values({ name: `Team ${++counter}`, country: "SG", created_at: at, updated_at: at, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertMember(db: DB, teamId: number, userId: number, role: TeamRole = "member") {
  await db.insertInto("team_members").values({ team_id: teamId, user_id: userId, role, joined_at: iso() }).execute();
}

export async function insertEntry(
  db: DB,
  input: {
    contestId: number;
    teamId: number;
    trackId: number;
    code?: string;
    status?: EntryStatus;
    answers?: Record<string, unknown>;
    registeredAt?: string;
  },
) {
  const at = input.registeredAt ?? iso();
  const withdrawn = input.status === "withdrawn";
  return db
    .insertInto("entries")
    .values({
      contest_id: input.contestId,
      team_id: input.teamId,
      track_id: input.trackId,
      code: input.code ?? `T-${String(++counter).padStart(4, "0")}`,
      status: input.status ?? "registered",
      answers_json: JSON.stringify(input.answers ?? {}),
      terms_version: 1,
      terms_accepted_at: at,
      registered_by: null,
      registered_at: at,
      withdrawn_at: withdrawn ? at : null,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A team with its own entry in one go, for bulk rows (paging, exports). */
export async function insertTeamWithEntry(
  db: DB,
  input: { contestId: number; trackId: number; team?: Partial<Insertable<TeamsTable>>; status?: EntryStatus; code?: string },
) {
  const team = await insertTeam(db, input.team);
  const entry = await insertEntry(db, {
    contestId: input.contestId,
    teamId: team.id,
    trackId: input.trackId,
    status: input.status,
    code: input.code,
  });
  return { team, entry };
}

export async function insertQuestion(db: DB, contestId: number, definition: { key: string } & Record<string, unknown>) {
  const last = await db
    .selectFrom("registration_questions")
    .select((eb) => eb.fn.max<number | null>("position").as("max"))
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  await db
    .insertInto("registration_questions")
    .values({
      contest_id: contestId,
      position: (last?.max ?? 0) + 1,
      key: definition.key,
      definition_json: JSON.stringify(definition),
    })
    .execute();
}

/** tests/support/db's snapshot plus the tables registrations touch. */
export async function registrationSnapshot(db: DB): Promise<Record<string, unknown[]>> {
  return {
    ...(await snapshot(db)),
    tracks: await db.selectFrom("tracks").selectAll().execute(),
    entries: await db.selectFrom("entries").selectAll().execute(),
    registration_questions: await db.selectFrom("registration_questions").selectAll().execute(),
  };
}
