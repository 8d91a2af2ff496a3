// Form schemas for heats feeding a final. Messages are keys of the `errors` catalog.
import { z } from "zod";
import { MIN_REASON_LENGTH } from "#app/domain/advancement";
import { isCountryCode } from "#app/domain/countries";
import { LANGUAGES } from "#app/domain/locale";
import { isTimeZone } from "#app/domain/time";
import { requiredLocalized } from "./localized";
import { MAX_QUOTA_PLACES } from "#app/domain/heats";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const id = z.coerce.number({ invalid_type_error: "invalid_choice", required_error: "required" }).int().positive("invalid_choice");
const optionalId = z.preprocess(blankToUndefined, id.optional());
const places = z.coerce
  .number({ invalid_type_error: "heats.quota_invalid", required_error: "required" })
  .int("heats.quota_invalid")
  .min(0, "heats.quota_invalid")
  .max(MAX_QUOTA_PLACES, `heats.quota_above_max?max=${MAX_QUOTA_PLACES}`);
const reason = z
  .string({ required_error: "required" })
  .trim()
  .min(MIN_REASON_LENGTH, `heats.reason_too_short?min=${MIN_REASON_LENGTH}`)
  .max(1000, "too_long?max=1000");

export const newHeatSchema = z.object({
  intent: z.literal("create"),
  name: requiredLocalized(200),
  slug: z
    .string({ required_error: "required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]$/, "slug_invalid"),
  timeZone: z.string({ required_error: "required" }).refine(isTimeZone, "invalid_time_zone"),
  country: z.preprocess(blankToUndefined, z.string().refine(isCountryCode, "invalid_choice").optional()),
});

export const heatOrganiserSchema = z.object({
  intent: z.literal("organiser"),
  heatId: id,
  email: z.string({ required_error: "required" }).trim().email("email_invalid").max(320, "too_long?max=320"),
  /** For an address without an account: greets them in the invitation. */
  name: z.preprocess(blankToUndefined, z.string().trim().max(120, "too_long?max=120").optional()),
  /** The invitation email's language, for an address without an account. */
  language: z.preprocess(blankToUndefined, z.enum(LANGUAGES, { errorMap: () => ({ message: "invalid_choice" }) }).optional()),
});

export const revokeOrganiserInvitationSchema = z.object({ intent: z.literal("revokeOrganiserInvitation"), invitationId: id });

export const defaultQuotaSchema = z.object({ intent: z.literal("quota"), places });

export const quotaRuleSchema = z.object({
  intent: z.literal("rule"),
  heatId: optionalId,
  trackId: optionalId,
  /** Empty removes the rule for that scope. */
  places: z.preprocess(blankToUndefined, places.optional()),
});

export const tieDecisionSchema = z.object({
  intent: z.literal("tie"),
  entryId: id,
  action: z.enum(["include", "exclude"], { errorMap: () => ({ message: "invalid_choice" }) }),
  reason,
});

export const wildCardSchema = z.object({ intent: z.literal("wildCard"), entryId: id, reason });

export const removeWildCardSchema = z.object({ intent: z.literal("removeWildCard"), wildCardId: id });
