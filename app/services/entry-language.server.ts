// The language an entry's materials are written in. The team says it on its hand-in page,
// organisers see it, and automatic judge assignment prefers judges who read it. It is locked once
// the contest's last submission deadline has passed: judges may already be assigned by it then.
import { z } from "zod";
import { effectiveDeadline } from "#app/domain/files";
import { MATERIAL_LANGUAGES, type MaterialLanguage } from "#app/domain/judging";
import { can } from "#app/domain/permissions";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

const languageSchema = z.enum(MATERIAL_LANGUAGES);

export interface MaterialsLanguageState {
  entryId: number;
  language: string | null;
  /** The deadline after which the language is locked; null while some round has no deadline yet. */
  locksAt: string | null;
  /** Whether the team may still change it: registered and before `locksAt`. */
  editable: boolean;
}

/**
 * The contest's last submission deadline for one entry: the latest round deadline, or the entry's
 * extension in that round when it is later (the team may still hand in, so it may still say in which
 * language). Null when the contest has no rounds or a round has no deadline yet.
 */
export function lastSubmissionDeadline(
  rounds: ReadonlyArray<{ closesAt: string | null; extensionUntil: string | null }>,
): string | null {
  if (rounds.length === 0) return null;
  let last: string | null = null;
  for (const round of rounds) {
    const closes = effectiveDeadline(round.closesAt, round.extensionUntil);
    if (!closes) return null;
    if (!last || Date.parse(closes) > Date.parse(last)) last = closes;
  }
  return last;
}

async function findEntry(db: DB, entryId: number) {
  const entry = await db
    .selectFrom("entries")
    .select(["id", "contest_id as contestId", "team_id as teamId", "status", "materials_language as language"])
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!entry) return undefined;
  const rounds = await db
    .selectFrom("rounds")
    .leftJoin("deadline_extensions", (j) =>
      j.onRef("deadline_extensions.round_id", "=", "rounds.id").on("deadline_extensions.entry_id", "=", entryId),
    )
    .select(["rounds.submission_closes_at as closesAt", "deadline_extensions.until as extensionUntil"])
    .where("rounds.contest_id", "=", entry.contestId)
    .execute();
  return { ...entry, locksAt: lastSubmissionDeadline(rounds) };
}

const isLocked = (locksAt: string | null, now: Date) => locksAt !== null && now.getTime() >= Date.parse(locksAt);

const isMember = (ctx: ServiceContext, teamId: number) => Boolean(ctx.actor?.teams.some((t) => t.teamId === teamId));

function stateOf(entry: NonNullable<Awaited<ReturnType<typeof findEntry>>>, now: Date): MaterialsLanguageState {
  return {
    entryId: entry.id,
    language: entry.language,
    locksAt: entry.locksAt,
    editable: entry.status === "registered" && !isLocked(entry.locksAt, now),
  };
}

/** What the team's hand-in page shows: the language and whether it can still be changed. */
export async function materialsLanguageForTeam(ctx: ServiceContext, entryId: number): Promise<Result<MaterialsLanguageState>> {
  const entry = await findEntry(ctx.db, entryId);
  if (!entry || !isMember(ctx, entry.teamId)) return fail("not_found");
  return ok(stateOf(entry, ctx.now));
}

/** What the contest's organisers see on a registration: the language code, or null if not given. */
export async function materialsLanguageForOrganisers(
  ctx: ServiceContext,
  contestId: number,
  entryId: number,
): Promise<Result<string | null>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const entry = await ctx.db
    .selectFrom("entries")
    .select("materials_language as language")
    .where("id", "=", entryId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  return entry ? ok(entry.language) : fail("not_found");
}

/**
 * A member of the entry's team says which language its materials are in. Anyone else gets
 * not_found; after the last submission deadline it is locked. Saving the same language is a no-op.
 */
export async function setMaterialsLanguage(
  ctx: ServiceContext,
  entryId: number,
  language: unknown,
): Promise<Result<{ language: MaterialLanguage; changed: boolean }>> {
  const actorId = ctx.actor?.userId;
  if (actorId === undefined) return fail("not_found");
  return ctx.db.transaction().execute(async (trx) => {
    const entry = await findEntry(trx, entryId);
    // Another team's entry does not exist for this actor.
    if (!entry || !isMember(ctx, entry.teamId)) return fail("not_found");
    const parsed = languageSchema.safeParse(language);
    if (!parsed.success) return fail("invalid_choice", "language");
    if (entry.status !== "registered") return fail("entry_withdrawn");
    if (isLocked(entry.locksAt, ctx.now)) return fail("materials_language_locked", "language");
    if (entry.language === parsed.data) return ok({ language: parsed.data, changed: false });
    // The version is left alone: the language is its own column, and a team lead editing the
    // registration at the same time should not be told that someone else changed it.
    await trx
      .updateTable("entries")
      .set({ materials_language: parsed.data, updated_at: ctx.now.toISOString() })
      .where("id", "=", entryId)
      .execute();
    await audit(trx, {
      actorUserId: actorId,
      action: "entry.materials_language_set",
      subjectType: "entry",
      subjectId: entryId,
      contestId: entry.contestId,
      before: { language: entry.language },
      after: { language: parsed.data },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ language: parsed.data, changed: true });
  });
}
