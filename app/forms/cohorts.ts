// Form schemas for incubation cohorts: creating and editing one, its teams, inviting and assigning
// mentors, and a team's milestones. Messages are keys of the errors catalog.
import { z } from "zod";
import { MAX_TEMPLATE_MILESTONES, MILESTONE_KEY } from "#app/domain/cohorts";
import { isCurrency } from "#app/domain/currency";
import { isDateOnly } from "#app/domain/periods";
import { requiredLocalized } from "./localized";

export const COHORT_NAME_MAX = 120;
export const MILESTONE_NAME_MAX = 120;
export const MILESTONE_TITLE_MAX = 200;
export const DUE_DAYS_MIN = 1;
export const DUE_DAYS_MAX = 60;
export const DEFAULT_DUE_DAYS = 10;

// Conform sends an empty field as nothing; a direct caller may send "". Both mean "not set".
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `too_long?max=${max}`).optional());

const dateOnly = z.string({ required_error: "required" }).trim().refine(isDateOnly, "invalid_date");
const optionalDate = z.preprocess(blankToUndefined, dateOnly.optional());

const id = z.coerce.number({ required_error: "required", invalid_type_error: "invalid_choice" }).int().positive("invalid_choice");
// Conform sends an empty checkbox group as nothing; a direct caller may send one value or several.
const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number({ invalid_type_error: "invalid_choice" }).int().positive("invalid_choice")).max(5000),
);

const cadence = z.enum(["monthly", "quarterly"], { required_error: "required", invalid_type_error: "invalid_choice" });
const reportingCurrency = z
  .string({ required_error: "required" })
  .trim()
  .toUpperCase()
  .refine(isCurrency, "cohort_currency_unknown");
const dueDays = z
  .number({ required_error: "required", invalid_type_error: "not_a_number" })
  .int("not_a_whole_number")
  .min(DUE_DAYS_MIN, `number_too_small?min=${DUE_DAYS_MIN}`)
  .max(DUE_DAYS_MAX, `number_too_large?max=${DUE_DAYS_MAX}`);

const templateRow = z.object({
  // Hidden: the default rows carry theirs ("mvp"); a row the organiser adds has none until saved.
  key: z.preprocess(blankToUndefined, z.string().regex(MILESTONE_KEY, "invalid_choice").optional()),
  name: requiredLocalized(MILESTONE_NAME_MAX),
});

const endsAfterStart = (value: { startsOn: string; endsOn: string }, ctx: z.RefinementCtx) => {
  if (value.endsOn <= value.startsOn)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "cohort_ends_before_start" });
};

export const cohortCreateSchema = z
  .object({
    name: requiredLocalized(COHORT_NAME_MAX),
    startsOn: dateOnly,
    endsOn: dateOnly,
    cadence,
    reportingCurrency,
    dueDays,
    milestones: z
      .array(templateRow)
      .max(MAX_TEMPLATE_MILESTONES, `cohort_too_many_milestones?max=${MAX_TEMPLATE_MILESTONES}`)
      .optional()
      .transform((rows) => rows ?? []),
    entryIds: idList,
  })
  .superRefine(endsAfterStart);
export type CohortCreateInput = z.output<typeof cohortCreateSchema>;

export const cohortUpdateSchema = z
  .object({
    version: z.coerce.number({ required_error: "required" }).int().min(1),
    name: requiredLocalized(COHORT_NAME_MAX),
    startsOn: dateOnly,
    endsOn: dateOnly,
    cadence,
    reportingCurrency,
    dueDays,
  })
  .superRefine(endsAfterStart);
export type CohortUpdateInput = z.output<typeof cohortUpdateSchema>;

export const addTeamsSchema = z.object({
  entryIds: idList.refine((ids) => ids.length > 0, "cohort_choose_teams"),
});

export const mentorInviteSchema = z.object({
  email: z
    .string({ required_error: "required" })
    .trim()
    .max(254, "email_invalid")
    .email("email_invalid")
    .transform((v) => v.toLowerCase()),
  name: optionalText(120),
  organisation: optionalText(200),
  cohortTeamIds: idList,
});
export type MentorInviteInput = z.output<typeof mentorInviteSchema>;

export const assignMentorSchema = z.object({ cohortTeamId: id, mentorId: id });

const milestoneStatus = z.enum(["planned", "in_progress", "done", "dropped"], {
  required_error: "required",
  invalid_type_error: "invalid_choice",
});

/** A team's edit of one milestone: when it is due, where it stands, and the day it was done. */
export const milestoneUpdateSchema = z
  .object({
    milestoneId: id,
    dueOn: optionalDate,
    status: milestoneStatus,
    doneOn: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (value.status === "done" && !value.doneOn)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["doneOn"], message: "milestone_done_on_required" });
  })
  .transform((value) => ({ ...value, doneOn: value.status === "done" ? value.doneOn! : null, dueOn: value.dueOn ?? null }));
export type MilestoneUpdateInput = z.output<typeof milestoneUpdateSchema>;

/** A milestone of the team's own, in its own words (one language: the team writes for itself). */
export const milestoneAddSchema = z.object({
  title: z
    .string({ required_error: "required" })
    .trim()
    .min(1, "required")
    .max(MILESTONE_TITLE_MAX, `too_long?max=${MILESTONE_TITLE_MAX}`),
  dueOn: optionalDate.transform((v) => v ?? null),
});
export type MilestoneAddInput = z.output<typeof milestoneAddSchema>;
