// Rubrics: a round is scored on one rubric version; organisers start from a template or edit the
// criteria, and the rubric is validated (weights total 100, scales and levels consistent) first.
import type { Kysely } from "kysely";
import { isEditableConfiguration } from "#app/domain/contest-state";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import {
  copyRubric,
  isRubricLocked,
  validateRubric,
  type CriterionDefinition,
  type LevelDescriptor,
  type RubricDefinition,
  type RubricProblem,
} from "#app/domain/rubric";
import { RUBRIC_TEMPLATES, type RubricTemplateId } from "#app/domain/rubric-templates";
import type { Database } from "#db/schema";
import type { RubricEditInput } from "#app/forms/rubric";
import { audit } from "#app/infra/audit.server";
import { findContest, listCriteria } from "#app/data/contests.server";
import { insertRubric } from "#app/data/rubrics.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export interface RubricView {
  id: number;
  version: number;
  name: LocalizedText;
  template: string | null;
  definition: RubricDefinition;
}

function parseLevels(json: string): LevelDescriptor[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((l: { min?: unknown; max?: unknown; text?: unknown }) => {
      const text = l.text && typeof l.text === "object" ? parseLocalizedJson(JSON.stringify(l.text)) : null;
      return typeof l.min === "number" && typeof l.max === "number" && text ? [{ min: l.min, max: l.max, text }] : [];
    });
  } catch {
    return [];
  }
}

export async function loadRubric(db: Kysely<Database>, rubricId: number): Promise<RubricView | null> {
  const rubric = await db.selectFrom("rubrics").selectAll().where("id", "=", rubricId).executeTakeFirst();
  if (!rubric) return null;
  const criteria = await listCriteria(db, [rubricId]);
  return {
    id: rubric.id,
    version: rubric.version,
    name: parseLocalizedJson(rubric.name_i18n) ?? { en: `Rubric ${rubric.id}` },
    template: rubric.template,
    definition: {
      criteria: criteria.map((c): CriterionDefinition => ({
        key: c.key,
        name: parseLocalizedJson(c.name_i18n) ?? { en: c.key },
        description: parseLocalizedJson(c.description_i18n),
        weight: c.weight,
        scale: { min: c.scale_min, max: c.scale_max, step: c.scale_step },
        levels: parseLevels(c.levels_json),
      })),
    },
  };
}

type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

function findRound(db: Kysely<Database>, contestId: number, roundId: number) {
  return db.selectFrom("rounds").selectAll().where("id", "=", roundId).where("contest_id", "=", contestId).executeTakeFirst();
}

async function roundOf(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
): Promise<{ error: "forbidden" | "not_found" | "contest_read_only" } | { error: null; round: RoundRow; actorId: number }> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return { error: "forbidden" as const };
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return { error: "not_found" as const };
  if (!isEditableConfiguration(contest.state)) return { error: "contest_read_only" as const };
  const round = await findRound(ctx.db, contestId, roundId);
  if (!round) return { error: "not_found" as const };
  return { error: null, round, actorId: ctx.actor.userId };
}

/**
 * Gives the round a new rubric version (from a template, or an edited definition). The previous
 * version stays in the database for the reviews that may use it; the round points at the new one.
 */
export async function setRoundRubric(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  source: { template: RubricTemplateId } | { definition: RubricDefinition; name?: LocalizedText },
): Promise<Result<{ rubricId: number }> | { ok: false; error: { code: "rubric_invalid"; problems: RubricProblem[] } }> {
  const found = await roundOf(ctx, contestId, roundId);
  if (found.error !== null) return fail(found.error);
  const { round, actorId } = found;
  const previous = round.rubric_id ? await loadRubric(ctx.db, round.rubric_id) : null;
  if (previous && isRubricLocked(await countScores(ctx.db, previous.id))) return fail("rubric_locked");
  const template = "template" in source ? RUBRIC_TEMPLATES[source.template] : null;
  if ("template" in source && !template) return fail("invalid_choice", "template");
  const definition = template ? copyRubric(template.rubric) : copyRubric((source as { definition: RubricDefinition }).definition);
  const problems = validateRubric(definition);
  if (problems.length) return { ok: false, error: { code: "rubric_invalid", problems } };
  const name = template?.name ?? ("name" in source && source.name ? source.name : (previous?.name ?? { en: "Rubric" }));
  const at = ctx.now.toISOString();
  const rubricId = await ctx.db.transaction().execute(async (trx) => {
    const id = await insertRubric(trx, {
      contestId,
      name,
      template: "template" in source ? source.template : (previous?.template ?? null),
      copiedFrom: previous?.id ?? null,
      version: (previous?.version ?? 0) + 1,
      definition,
      at,
    });
    await trx
      .updateTable("rounds")
      .set({ rubric_id: id, updated_at: at, version: round.version + 1 })
      .where("id", "=", roundId)
      .execute();
    await audit(trx, {
      actorUserId: actorId,
      action: "rubric.set",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      before: previous ? { rubricId: previous.id, definition: previous.definition } : null,
      after: { rubricId: id, definition },
      ip: ctx.ip,
      now: ctx.now,
    });
    return id;
  });
  return ok({ rubricId });
}

/** How many criterion scores judges have given against a rubric. */
async function countScores(db: Kysely<Database>, rubricId: number): Promise<number> {
  const row = await db
    .selectFrom("criterion_scores")
    .innerJoin("criteria", "criteria.id", "criterion_scores.criterion_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("criteria.rubric_id", "=", rubricId)
    .where("criterion_scores.value", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The editor's starting values for a rubric. */
export function rubricFormValues(rubric: RubricView) {
  return {
    criteria: rubric.definition.criteria.map((c) => ({
      key: c.key,
      name: c.name,
      description: (c.description ?? {}) as Partial<LocalizedText>,
      weight: c.weight,
      scaleMin: c.scale.min,
      scaleMax: c.scale.max,
      scaleStep: c.scale.step,
      levels: c.levels.map((l) => ({ min: l.min, max: l.max, text: l.text })),
    })),
  };
}

/** The edited criteria as a rubric definition. Keys stay stable; new criteria get one from their name. */
export function toRubricDefinition(input: RubricEditInput): RubricDefinition {
  const used = new Set<string>();
  return {
    criteria: input.criteria.map((c, i) => {
      let key = c.key || slugKey(c.name.en) || `criterion_${i + 1}`;
      while (used.has(key)) key = `${key}_${i + 1}`;
      used.add(key);
      return {
        key,
        name: c.name,
        description: c.description,
        weight: c.weight,
        scale: { min: c.scaleMin, max: c.scaleMax, step: c.scaleStep },
        levels: [...c.levels].sort((a, b) => a.min - b.min),
      };
    }),
  };
}

function slugKey(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  return /^[a-z]/.test(slug) ? slug : "";
}
