// Form schemas for teams, invitations and registration. Messages are keys of the errors catalog.
import { z } from "zod";
import { isCountryCode } from "#app/domain/countries";

export const TEAM_STAGES = ["idea", "prototype", "early_revenue", "growth"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `too_long?max=${max}`).optional());
const count = z.coerce
  .number({ required_error: "required", invalid_type_error: "not_a_number" })
  .int("not_a_whole_number")
  .min(0, "number_too_small?min=0")
  .max(50, "number_too_large?max=50");
// An enum, not a union of literals: Conform's constraint reader would otherwise mark the box required.
const checkbox = z
  .enum(["on", "true", ""])
  .optional()
  .transform((v) => v === "on" || v === "true");

export const teamSchema = z
  .object({
    name: z.string({ required_error: "required" }).trim().min(2, "too_short?min=2").max(80, "too_long?max=80"),
    country: z.string({ required_error: "required" }).refine(isCountryCode, "invalid_choice"),
    city: optionalText(80),
    organisation: optionalText(120),
    stage: z.enum(TEAM_STAGES, { required_error: "required", invalid_type_error: "invalid_choice" }),
    foundingYear: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: "not_a_number" })
        .int("not_a_whole_number")
        .min(1950, "number_too_small?min=1950")
        .max(new Date().getUTCFullYear(), `number_too_large?max=${new Date().getUTCFullYear()}`)
        .optional(),
    ),
    website: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(300, "too_long?max=300")
        .url("url_invalid")
        .refine((u) => /^https?:\/\//i.test(u), "url_invalid")
        .optional(),
    ),
    pitch: optionalText(200),
    foundersWomen: count,
    foundersMen: count,
    foundersOther: count,
    womenLed: checkbox,
  })
  .refine((v) => v.foundersWomen + v.foundersMen + v.foundersOther >= 1, {
    message: "founders_required",
    path: ["foundersWomen"],
  });

export const teamUpdateSchema = teamSchema.and(z.object({ version: z.coerce.number().int().min(1) }));

export const inviteSchema = z.object({
  email: z
    .string({ required_error: "required" })
    .trim()
    .max(254, "email_invalid")
    .email("email_invalid")
    .transform((v) => v.toLowerCase()),
});

export const registrationSchema = z.object({
  teamId: z.coerce.number({ required_error: "required", invalid_type_error: "invalid_choice" }).int().positive("invalid_choice"),
  trackId: z.coerce.number({ required_error: "required", invalid_type_error: "invalid_choice" }).int().positive("invalid_choice"),
  acceptTerms: z.literal("on", { errorMap: () => ({ message: "must_accept" }) }),
  acceptDeclaration: z.literal("on", { errorMap: () => ({ message: "must_accept" }) }),
});

export type TeamInput = z.output<typeof teamSchema>;
