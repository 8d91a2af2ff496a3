// Form schemas for configuring a contest. Messages are keys of the `errors` catalog.
import { z } from "zod";
import { ENTRY_METHODS, parseFormat } from "#app/domain/aggregation";
import { isCountryCode } from "#app/domain/countries";
import { tieBreakersSchema, type TieBreaker } from "#app/domain/ranking";
import { isTimeZone } from "#app/domain/time";
import { localizedInput, requiredLocalized } from "./localized";

const timeZone = z.string({ required_error: "required" }).refine(isTimeZone, "invalid_time_zone");
// Conform sends an empty field as nothing; a direct caller may send "". Both mean "not set".
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const localDateTime = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "invalid_datetime")
    .optional(),
);
// An enum, not a union of literals: Conform's constraint reader would otherwise mark the box required.
const checkbox = z
  .enum(["on", "true", ""])
  .optional()
  .transform((v) => v === "on" || v === "true");
const version = z.coerce.number({ required_error: "required" }).int().min(1);

/** How many tie-breakers the settings form offers, in order. */
export const MAX_TIE_BREAKERS = 3;

/** A tie-breaker as one select's value: "reviews" or "criterion:<key>"; "" is "— none —". */
export function encodeTieBreaker(tb: TieBreaker): string {
  return tb.kind === "criterion" ? `criterion:${tb.key}` : tb.kind;
}

function decodeTieBreaker(value: string): unknown {
  if (value.startsWith("criterion:")) return { kind: "criterion", key: value.slice("criterion:".length) };
  return { kind: value };
}

// The selects in order; "— none —" is skipped, so a gap leaves the others in their order. The list is
// checked by the ranking's own schema, and a repeat is reported on the select that repeats.
const tieBreakerChoices = z
  .array(z.preprocess(blankToUndefined, z.string().max(60, "invalid_choice").optional()))
  .max(MAX_TIE_BREAKERS, `tieBreakers.at_most?max=${MAX_TIE_BREAKERS}`)
  .optional()
  .transform((choices, ctx): TieBreaker[] => {
    const chosen = (choices ?? []).flatMap((value, slot) => (value ? [{ value, slot }] : []));
    const parsed = tieBreakersSchema.safeParse(chosen.map((c) => decodeTieBreaker(c.value)));
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const slot = chosen[Number(issue.path[0])]?.slot ?? 0;
      const message = issue.code === z.ZodIssueCode.custom ? "tieBreakers.duplicate" : issue.message;
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [slot], message });
    }
    return [];
  });

export const createContestSchema = z.object({
  name: requiredLocalized(200),
  slug: z
    .string({ required_error: "required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]$/, "slug_invalid"),
  timeZone,
});

export const contestSettingsSchema = z
  .object({
    name: requiredLocalized(200),
    description: localizedInput({ required: false, max: 20_000 }),
    terms: localizedInput({ required: false, max: 50_000 }),
    declaration: localizedInput({ required: false, max: 20_000 }),
    prizes: localizedInput({ required: false, max: 20_000 }),
    faq: localizedInput({ required: false, max: 50_000 }),
    contactEmail: z.preprocess(blankToUndefined, z.string().trim().email("email_invalid").max(254, "email_invalid").optional()),
    timeZone,
    eligibleCountries: z
      .array(z.string().refine(isCountryCode, "invalid_choice"), { required_error: "countries_required" })
      .min(1, "countries_required")
      .max(300),
    teamMin: z.coerce
      .number({ required_error: "required", invalid_type_error: "not_a_number" })
      .int("not_a_whole_number")
      .min(1, "number_too_small?min=1")
      .max(50, "number_too_large?max=50"),
    teamMax: z.coerce
      .number({ required_error: "required", invalid_type_error: "not_a_number" })
      .int("not_a_whole_number")
      .min(1, "number_too_small?min=1")
      .max(50, "number_too_large?max=50"),
    registrationOpensAt: localDateTime,
    registrationClosesAt: localDateTime,
    tieBreakers: tieBreakerChoices,
    version,
  })
  .refine((v) => v.teamMax >= v.teamMin, { message: "team_max_below_min", path: ["teamMax"] })
  .refine((v) => !v.registrationOpensAt || !v.registrationClosesAt || v.registrationClosesAt > v.registrationOpensAt, {
    message: "closes_before_opens",
    path: ["registrationClosesAt"],
  });

export const trackSchema = z.object({
  name: requiredLocalized(120),
  description: localizedInput({ required: false, max: 2000 }),
  womenLedOnly: checkbox,
});

export const roundSchema = z
  .object({
    name: requiredLocalized(120),
    submissionOpensAt: localDateTime,
    submissionClosesAt: localDateTime,
    reviewOpensAt: localDateTime,
    reviewClosesAt: localDateTime,
    blindReview: checkbox,
    judgesPerEntry: z.coerce
      .number({ required_error: "required", invalid_type_error: "not_a_number" })
      .int("not_a_whole_number")
      .min(1, "number_too_small?min=1")
      .max(20, "number_too_large?max=20"),
  })
  .refine((v) => !v.submissionOpensAt || !v.submissionClosesAt || v.submissionClosesAt > v.submissionOpensAt, {
    message: "closes_before_opens",
    path: ["submissionClosesAt"],
  })
  .refine((v) => !v.reviewOpensAt || !v.reviewClosesAt || v.reviewClosesAt > v.reviewOpensAt, {
    message: "closes_before_opens",
    path: ["reviewClosesAt"],
  })
  .refine((v) => !v.submissionClosesAt || !v.reviewOpensAt || v.reviewOpensAt >= v.submissionClosesAt, {
    message: "review_before_submissions_close",
    path: ["reviewOpensAt"],
  });

/** How the live final counts and times a round: the aggregation method and the "8+7" pitch format. */
export const roundShowSchema = z.object({
  aggregationMethod: z.enum(ENTRY_METHODS, { required_error: "required", invalid_type_error: "invalid_choice" }).default("mean"),
  pitchFormat: z
    .string()
    .trim()
    .max(10, "roadshow.format_invalid")
    .optional()
    .refine((v) => !v || parseFormat(v) !== null, "roadshow.format_invalid"),
});
export type RoundShowInput = z.output<typeof roundShowSchema>;

export const JUDGING_MODES = ["rubric", "pairwise"] as const;

/** A round's judging mode (issue 11); left out, the round keeps its mode. */
export const roundModeSchema = z.object({
  judgingMode: z.enum(JUDGING_MODES, { invalid_type_error: "invalid_choice" }).optional(),
});

export const MATERIAL_KINDS = ["pitch_deck", "business_plan", "video_link", "text_answer"] as const;

export const materialSchema = z.object({
  kind: z.enum(MATERIAL_KINDS, { required_error: "required", invalid_type_error: "invalid_choice" }),
  label: requiredLocalized(120),
  help: localizedInput({ required: false, max: 1000 }),
  required: checkbox,
  maxSizeMb: z.coerce
    .number({ invalid_type_error: "not_a_number" })
    .int("not_a_whole_number")
    .min(1, "number_too_small?min=1")
    .max(200, "number_too_large?max=200")
    .optional(),
  maxPages: z.coerce
    .number({ invalid_type_error: "not_a_number" })
    .int("not_a_whole_number")
    .min(1, "number_too_small?min=1")
    .max(500, "number_too_large?max=500")
    .optional(),
  maxChars: z.coerce
    .number({ invalid_type_error: "not_a_number" })
    .int("not_a_whole_number")
    .min(1, "number_too_small?min=1")
    .max(20_000, "number_too_large?max=20000")
    .optional(),
});

export type CreateContestInput = z.output<typeof createContestSchema>;
export type ContestSettingsInput = z.output<typeof contestSettingsSchema>;
export type TrackInput = z.output<typeof trackSchema>;
export type RoundInput = z.output<typeof roundSchema>;
export type MaterialInput = z.output<typeof materialSchema>;
