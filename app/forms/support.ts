// Form schemas for support requests: the team's request, and what organisers and the mentor it is
// routed to do with it. Messages are keys of the errors catalog; the services check the same schemas.
import { z } from "zod";
import { isCountryCode } from "#app/domain/countries";
import type { SupportKind, SupportStatus } from "#db/schema";

export const SUPPORT_KINDS = [
  "investor_intro",
  "legal_ip",
  "tech_transfer",
  "market_entry",
  "other",
] as const satisfies readonly SupportKind[];
export const SUPPORT_STATUSES = ["open", "routed", "in_progress", "closed"] as const satisfies readonly SupportStatus[];

export const DETAILS_MIN = 20;
export const DETAILS_MAX = 2000;
export const RESOLUTION_MAX = 2000;
export const NOTE_MAX = 2000;
export const PARTNER_MIN = 2;
export const PARTNER_MAX = 200;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const requiredText = (max: number, min = 1) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: "required", invalid_type_error: "required" })
      .trim()
      .min(min, min > 1 ? `too_short?min=${min}` : "required")
      .max(max, `too_long?max=${max}`),
  );

/** A whole number from a form (a string) or from a caller that already has one: parsing is idempotent. */
const positiveInt = (message: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      const s = v.trim();
      if (s === "") return undefined;
      return /^\d{1,15}$/.test(s) ? Number(s) : s;
    },
    z.number({ required_error: "required", invalid_type_error: message }).int(message).positive(message),
  );

/** The row's version as the form saw it; a stale one is refused with changed_by_someone_else. */
const version = positiveInt("required");
const id = positiveInt("invalid_choice");

export const supportRequestSchema = z
  .object({
    kind: z.preprocess(
      blankToUndefined,
      z.enum(SUPPORT_KINDS, {
        errorMap: (issue) => ({ message: issue.code === "invalid_type" ? "required" : "invalid_choice" }),
      }),
    ),
    country: z.preprocess(
      blankToUndefined,
      z
        .string({ invalid_type_error: "invalid_choice" })
        .refine((c) => isCountryCode(c), "invalid_choice")
        .optional(),
    ),
    details: requiredText(DETAILS_MAX, DETAILS_MIN),
  })
  .superRefine((value, ctx) => {
    // Market entry is about one country; for the other kinds a country is optional context.
    if (value.kind === "market_entry" && !value.country)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["country"], message: "support_country_required" });
  });
export type SupportRequestInput = z.output<typeof supportRequestSchema>;

export const routeMentorSchema = z.object({ version, mentorId: id });
export type RouteMentorInput = z.output<typeof routeMentorSchema>;

export const routePartnerSchema = z.object({ version, partner: requiredText(PARTNER_MAX, PARTNER_MIN) });
export type RoutePartnerInput = z.output<typeof routePartnerSchema>;

export const closeSchema = z.object({ version, resolution: requiredText(RESOLUTION_MAX) });
export type CloseInput = z.output<typeof closeSchema>;

/** Moving a request on without more input (in progress, reopen). */
export const versionSchema = z.object({ version });
export type VersionInput = z.output<typeof versionSchema>;

export const noteSchema = z.object({ note: requiredText(NOTE_MAX) });
export type NoteInput = z.output<typeof noteSchema>;

/** The organiser queue's filters, from the query string; anything unknown means "all". */
export const queueFilterSchema = z.object({
  status: z.enum(SUPPORT_STATUSES).optional().catch(undefined),
  kind: z.enum(SUPPORT_KINDS).optional().catch(undefined),
});
export type QueueFilter = z.output<typeof queueFilterSchema>;
