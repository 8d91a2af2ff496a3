// Writing a rubric version: the rubric row and its criteria, inside the caller's transaction.
import type { Kysely } from "kysely";
import type { LocalizedText } from "#app/domain/localized";
import type { RubricDefinition } from "#app/domain/rubric";
import type { Database } from "#db/schema";

export async function insertRubric(
  trx: Kysely<Database>,
  input: {
    contestId: number;
    name: LocalizedText;
    template: string | null;
    copiedFrom: number | null;
    version: number;
    definition: RubricDefinition;
    at: string;
  },
): Promise<number> {
  const rubric = await trx
    .insertInto("rubrics")
    .values({
      contest_id: input.contestId,
      name_i18n: JSON.stringify(input.name),
      version: input.version,
      copied_from_id: input.copiedFrom,
      template: input.template,
      created_at: input.at,
      updated_at: input.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("criteria")
    .values(
      input.definition.criteria.map((c, i) => ({
        rubric_id: rubric.id,
        key: c.key,
        position: i + 1,
        name_i18n: JSON.stringify(c.name),
        description_i18n: c.description ? JSON.stringify(c.description) : null,
        weight: c.weight,
        scale_min: c.scale.min,
        scale_max: c.scale.max,
        scale_step: c.scale.step,
        levels_json: JSON.stringify(c.levels),
      })),
    )
    .execute();
  return rubric.id;
}
