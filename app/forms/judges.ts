// Form schemas for judges: inviting one or many (a CSV file), the agreement, conflicts, and putting
// judges on entries. Messages are keys of the errors catalog.
import { z } from "zod";
import { isCountryCode } from "#app/domain/countries";
import { MATERIAL_LANGUAGES } from "#app/domain/judging";

/** A bulk invitation file is small: a few thousand lines at most. */
export const JUDGE_CSV_MAX_KB = 256;
export const ASSIGN_SEED_MAX = 2_147_483_647;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `too_long?max=${max}`).optional());
const id = z.coerce.number({ required_error: "required", invalid_type_error: "invalid_choice" }).int().positive("invalid_choice");
// Conform sends an empty checkbox group as nothing; a direct caller may send one value or several.
const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number({ invalid_type_error: "invalid_choice" }).int().positive("invalid_choice")).max(5000),
);

export const judgeInviteSchema = z.object({
  email: z
    .string({ required_error: "required" })
    .trim()
    .max(254, "email_invalid")
    .email("email_invalid")
    .transform((v) => v.toLowerCase()),
  name: optionalText(120),
  organisation: optionalText(200),
  country: z.preprocess(blankToUndefined, z.string().refine(isCountryCode, "invalid_choice").optional()),
  trackIds: idList,
  languages: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(MATERIAL_LANGUAGES, { errorMap: () => ({ message: "invalid_choice" }) })),
  ),
});
export type JudgeInviteInput = z.output<typeof judgeInviteSchema>;

export const judgeCsvSchema = z.object({
  csv: z
    .instanceof(File, { message: "required" })
    .refine((f) => f.size > 0, "csv_empty")
    .refine((f) => f.size <= JUDGE_CSV_MAX_KB * 1024, `csv_too_large?max=${JUDGE_CSV_MAX_KB}`),
});

export const agreementSchema = z.object({
  version: z.coerce.number({ required_error: "required" }).int().min(1),
  accept: z.literal("on", { errorMap: () => ({ message: "must_accept" }) }),
});

export const conflictsSchema = z.object({ entryIds: idList });

export const assignRoundSchema = z.object({
  mode: z.enum(["fill", "redo"], { required_error: "required", invalid_type_error: "invalid_choice" }),
  seed: z.coerce
    .number({ required_error: "required", invalid_type_error: "not_a_number" })
    .int("not_a_whole_number")
    .min(0, "number_too_small?min=0")
    .max(ASSIGN_SEED_MAX, `number_too_large?max=${ASSIGN_SEED_MAX}`),
});

export const assignJudgeSchema = z.object({ entryId: id, judgeId: id });
