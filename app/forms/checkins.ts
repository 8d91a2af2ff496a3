// Form schemas for incubation check-ins: the team's report for one period (KPIs, milestone updates,
// what went well and what blocks them), the mentor's status and note, and the organiser's exchange
// rates. Messages are keys of the errors catalog. The services parse their input with these same
// schemas, so a caller that skips the form is held to the same rules (parsing is idempotent).
import { z } from "zod";
import { isCurrency } from "#app/domain/currency";
import type { MentorStatus, MilestoneStatus } from "#db/schema";

export const TEXT_MAX = 2000;
export const MILESTONE_NOTE_MAX = 500;
export const MENTOR_NOTE_MAX = 2000;
export const COUNT_MAX = 10_000_000;
export const AMOUNT_MAX = 1e13;
export const MILESTONES_MAX = 50;
export const RATES_MAX = 60;
/** Attachments: PDF, PNG, JPEG or DOCX, checked by content, at most this size and number per check-in. */
export const ATTACHMENT_MAX_MB = 10;
export const ATTACHMENTS_MAX = 10;

export const MENTOR_STATUSES = ["on_track", "needs_attention", "at_risk"] as const satisfies readonly MentorStatus[];
export const MILESTONE_STATUSES = ["planned", "in_progress", "done", "dropped"] as const satisfies readonly MilestoneStatus[];
export const CHECKIN_INTENTS = ["save", "submit"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `too_long?max=${max}`).optional());

/** A decimal from a form ("1250.5") or a number; anything that is not a plain number stays text and is refused. */
const decimal = (v: unknown) => {
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  return /^-?\d{1,16}(\.\d{1,12})?$/.test(s) ? Number(s) : s;
};

const twoDecimals = (v: number) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6;

/** Money in the period: at least 0, at most two decimals. */
const amount = z.preprocess(
  decimal,
  z
    .number({ invalid_type_error: "not_a_number" })
    .min(0, "number_too_small?min=0")
    .max(AMOUNT_MAX, `number_too_large?max=${AMOUNT_MAX}`)
    .refine(twoDecimals, "checkin_amount_decimals")
    .optional(),
);

const count = z.preprocess(
  decimal,
  z
    .number({ invalid_type_error: "not_a_number" })
    .int("not_a_whole_number")
    .min(0, "number_too_small?min=0")
    .max(COUNT_MAX, `number_too_large?max=${COUNT_MAX}`)
    .optional(),
);

const currency = z.preprocess(
  (v) => (typeof v === "string" ? blankToUndefined(v.trim().toUpperCase()) : v),
  z.string({ invalid_type_error: "checkin_currency_unknown" }).refine(isCurrency, "checkin_currency_unknown").optional(),
);

const id = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : v),
  z.number({ required_error: "required", invalid_type_error: "invalid_choice" }).int().positive("invalid_choice"),
);

export const milestoneUpdateSchema = z.object({
  id,
  status: z.enum(MILESTONE_STATUSES, {
    errorMap: (issue) => ({ message: issue.code === "invalid_type" ? "required" : "invalid_choice" }),
  }),
  note: optionalText(MILESTONE_NOTE_MAX),
});

/** The KPI fields, in the order the form shows them. */
export const KPI_COUNTS = ["employees", "womenEmployees", "customers", "jobsCreated", "ipFiled"] as const;

export const checkinSchema = z
  .object({
    intent: z.enum(CHECKIN_INTENTS).default("save"),
    /** The version the page showed; 0 before the first save. */
    version: z.preprocess(
      (v) => (typeof v === "string" && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v),
      z.number({ required_error: "changed_by_someone_else", invalid_type_error: "changed_by_someone_else" }).int().min(0),
    ),
    revenue: amount,
    revenueCurrency: currency,
    funding: amount,
    fundingCurrency: currency,
    employees: count,
    womenEmployees: count,
    customers: count,
    jobsCreated: count,
    ipFiled: count,
    wentWell: optionalText(TEXT_MAX),
    blockers: optionalText(TEXT_MAX),
    milestones: z.array(milestoneUpdateSchema).max(MILESTONES_MAX).default([]),
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (value.revenue !== undefined && !value.revenueCurrency) issue("revenueCurrency", "checkin_currency_required");
    if (value.funding !== undefined && !value.fundingCurrency) issue("fundingCurrency", "checkin_currency_required");
    // Women counted without a headcount are still more than the (zero) employees.
    if (value.womenEmployees !== undefined && value.womenEmployees > (value.employees ?? 0))
      issue("womenEmployees", "checkin_women_above_employees");
    const seen = new Set<number>();
    value.milestones.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["milestones", i, "status"], message: "invalid_choice" });
      seen.add(m.id);
    });
    // A submitted check-in reports every figure (zero is a figure); a draft may be partial.
    if (value.intent === "submit") {
      for (const field of ["revenue", "funding", ...KPI_COUNTS] as const)
        if (value[field] === undefined) issue(field, "required");
    }
  });
export type CheckinInput = z.output<typeof checkinSchema>;

export const mentorReviewSchema = z.object({
  mentorStatus: z.preprocess(
    blankToUndefined,
    z.enum(MENTOR_STATUSES, {
      errorMap: (issue) => ({ message: issue.code === "invalid_type" ? "required" : "invalid_choice" }),
    }),
  ),
  mentorNote: optionalText(MENTOR_NOTE_MAX),
});
export type MentorReviewInput = z.output<typeof mentorReviewSchema>;

/** Reporting-currency units per one unit of the currency: above 0, a plain decimal. */
const rate = z.preprocess(
  decimal,
  z
    .number({ invalid_type_error: "not_a_number" })
    .positive("checkin_rate_not_positive")
    .max(1e9, "number_too_large?max=1000000000")
    .optional(),
);

export const ratesSchema = z
  .object({
    period: z.string({ required_error: "not_found" }).regex(/^\d{4}-(\d{2}|Q[1-4])$/, "not_found"),
    rates: z
      .array(z.object({ currency: z.string().trim().toUpperCase().refine(isCurrency, "checkin_currency_unknown"), rate }))
      .max(RATES_MAX)
      .default([]),
    /** One more currency the organiser adds to the period (not yet used by any check-in). */
    newCurrency: currency,
    newRate: rate,
  })
  .superRefine((value, ctx) => {
    if (value.newCurrency && value.newRate === undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["newRate"], message: "required" });
    if (!value.newCurrency && value.newRate !== undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["newCurrency"], message: "required" });
    if (value.newCurrency && value.rates.some((r) => r.currency === value.newCurrency))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["newCurrency"], message: "checkin_rate_duplicate" });
  });
export type RatesInput = z.output<typeof ratesSchema>;
