// A contest's custom registration questions: organisers add, edit, reorder and remove them; the
// registration form reads them. Every change is checked as a whole set before it is written.
import type { Kysely } from "kysely";
import { isEditableConfiguration } from "#app/domain/contest-state";
import { can } from "#app/domain/permissions";
import { questionDefinitionSchema, validateQuestionSet, type QuestionDefinition } from "#app/domain/questions";
import type { Database } from "#db/schema";
import { findContest, listQuestions, nextPosition } from "#app/data/contests.server";
import { audit } from "#app/infra/audit.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export interface QuestionView {
  id: number;
  position: number;
  definition: QuestionDefinition;
}

type QuestionRow = Awaited<ReturnType<typeof listQuestions>>[number];

function toView(row: QuestionRow): QuestionView {
  let stored: unknown;
  try {
    stored = JSON.parse(row.definition_json);
  } catch {
    stored = null;
  }
  const parsed = questionDefinitionSchema.safeParse(stored);
  // Every definition was validated before it was written, so one that no longer reads is a bug to see.
  if (!parsed.success) throw new Error(`Registration question ${row.id} has an unreadable definition.`);
  // The key column is the one answers are stored under; it wins over anything in the JSON.
  return { id: row.id, position: row.position, definition: { ...parsed.data, key: row.key } };
}

/** The contest's questions in the order entrants see them. No permission check: the public form uses it. */
export async function listQuestionDefinitions(db: Kysely<Database>, contestId: number): Promise<QuestionDefinition[]> {
  return (await listQuestions(db, contestId)).map((row) => toView(row).definition);
}

/** The questions with their ids, for the organisers' page (whose route has already checked access). */
export async function loadQuestions(ctx: ServiceContext, contestId: number): Promise<QuestionView[]> {
  return (await listQuestions(ctx.db, contestId)).map(toView);
}

/** Checks the actor may change this contest's configuration now. */
async function editable(ctx: ServiceContext, contestId: number): Promise<Result<{ actorId: number }>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  if (!isEditableConfiguration(contest.state)) return fail("contest_read_only");
  return ok({ actorId: ctx.actor.userId });
}

/** The first problem with the set as it would be; a field only when it is on the question being changed. */
function checkSet(defs: readonly QuestionDefinition[], changedIndex: number | null): Result<null> {
  const [issue] = validateQuestionSet(defs);
  if (!issue) return ok(null);
  return fail(issue.code, issue.index === changedIndex ? issue.field : undefined);
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Error && "code" in error && (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";

/** Gives rows 1..n in the order given, touching only rows whose place changed. */
async function renumber(trx: Kysely<Database>, rows: readonly QuestionRow[]): Promise<void> {
  for (const [index, row] of rows.entries()) {
    if (row.position === index + 1) continue;
    await trx
      .updateTable("registration_questions")
      .set({ position: index + 1 })
      .where("id", "=", row.id)
      .execute();
  }
}

export async function addQuestion(
  ctx: ServiceContext,
  contestId: number,
  definition: QuestionDefinition,
): Promise<Result<{ id: number }>> {
  const check = await editable(ctx, contestId);
  if (!check.ok) return check;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const rows = await listQuestions(trx, contestId);
      const defs = [...rows.map((r) => toView(r).definition), definition];
      const valid = checkSet(defs, defs.length - 1);
      if (!valid.ok) return valid;
      // Store what the domain made of it: only the fields its kind uses.
      const clean = questionDefinitionSchema.parse(definition);
      const row = await trx
        .insertInto("registration_questions")
        .values({
          contest_id: contestId,
          position: await nextPosition(trx, "registration_questions", contestId),
          key: clean.key,
          definition_json: JSON.stringify(clean),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actorUserId: check.value.actorId,
        action: "question.created",
        subjectType: "registration_question",
        subjectId: row.id,
        contestId,
        after: clean,
        ip: ctx.ip,
        now: ctx.now,
      });
      return ok({ id: row.id });
    });
  } catch (error) {
    // Two organisers adding the same key at once: the unique index settles it.
    if (isUniqueViolation(error)) return fail("duplicate_question_key", "key");
    throw error;
  }
}

export async function updateQuestion(
  ctx: ServiceContext,
  contestId: number,
  questionId: number,
  definition: QuestionDefinition,
): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if (!check.ok) return check;
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listQuestions(trx, contestId);
    const index = rows.findIndex((r) => r.id === questionId);
    const current = rows[index];
    if (!current) return fail("not_found");
    const views = rows.map(toView);
    // Answers are stored under the key, so the stored one stays whatever the form sent.
    const changed: QuestionDefinition = { ...definition, key: current.key };
    const defs = views.map((v, i) => (i === index ? changed : v.definition));
    const valid = checkSet(defs, index);
    if (!valid.ok) return valid;
    const clean = questionDefinitionSchema.parse(changed);
    await trx
      .updateTable("registration_questions")
      .set({ definition_json: JSON.stringify(clean) })
      .where("id", "=", questionId)
      .execute();
    await audit(trx, {
      actorUserId: check.value.actorId,
      action: "question.updated",
      subjectType: "registration_question",
      subjectId: questionId,
      contestId,
      before: views[index]!.definition,
      after: clean,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function deleteQuestion(ctx: ServiceContext, contestId: number, questionId: number): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if (!check.ok) return check;
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listQuestions(trx, contestId);
    const removed = rows.find((r) => r.id === questionId);
    if (!removed) return fail("not_found");
    const rest = rows.filter((r) => r.id !== questionId);
    const valid = checkSet(
      rest.map((r) => toView(r).definition),
      null,
    );
    if (!valid.ok) return valid;
    await trx.deleteFrom("registration_questions").where("id", "=", questionId).execute();
    await renumber(trx, rest);
    await audit(trx, {
      actorUserId: check.value.actorId,
      action: "question.deleted",
      subjectType: "registration_question",
      subjectId: questionId,
      contestId,
      before: { position: removed.position, definition: toView(removed).definition },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Swaps a question with its neighbour. Moving the first up or the last down changes nothing. */
export async function moveQuestion(
  ctx: ServiceContext,
  contestId: number,
  questionId: number,
  direction: "up" | "down",
): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if (!check.ok) return check;
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listQuestions(trx, contestId);
    const index = rows.findIndex((r) => r.id === questionId);
    if (index < 0) return fail("not_found");
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= rows.length) return ok(null);
    const order = [...rows];
    [order[index], order[target]] = [order[target]!, order[index]!];
    const valid = checkSet(
      order.map((r) => toView(r).definition),
      null,
    );
    if (!valid.ok) return valid;
    await renumber(trx, order);
    await audit(trx, {
      actorUserId: check.value.actorId,
      action: "question.moved",
      subjectType: "registration_question",
      subjectId: questionId,
      contestId,
      before: rows.map((r) => r.key),
      after: order.map((r) => r.key),
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}
