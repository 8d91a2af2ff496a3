// The rubric editor's form: criteria with a name in every language, a weight and a scale.
// The schema checks each field; domain/rubric checks the whole (weights total 100 …).
import { z } from "zod";
import { localizedInput, requiredLocalized } from "./localized";

const num = (message = "not_a_number") => z.coerce.number({ required_error: "required", invalid_type_error: message });

export const criterionInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "criterion_key_invalid")
    .optional(),
  name: requiredLocalized(120),
  description: localizedInput({ required: false, max: 2000 }),
  weight: num().int("not_a_whole_number").min(1, "number_too_small?min=1").max(100, "number_too_large?max=100"),
  scaleMin: num(),
  scaleMax: num(),
  scaleStep: num().positive("number_too_small?min=0"),
  levels: z
    .array(z.object({ min: num(), max: num(), text: requiredLocalized(500) }))
    .max(10, "too_many_levels?max=10")
    .optional()
    .transform((levels) => levels ?? []),
});

export const rubricEditSchema = z.object({
  criteria: z
    .array(criterionInput, { required_error: "rubric_empty" })
    .min(1, "rubric_empty")
    .max(20, "rubric_too_many_criteria"),
});

export const rubricTemplateSchema = z.object({
  template: z.enum(["general_startup", "china_national"], { required_error: "required", invalid_type_error: "invalid_choice" }),
});

export type RubricEditInput = z.output<typeof rubricEditSchema>;
