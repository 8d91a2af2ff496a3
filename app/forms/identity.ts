// Form schemas for identity: one zod schema serves Conform's client hints and the server check.
// Messages are keys of the `errors` catalog.
import { z } from "zod";
import { LANGUAGES } from "#app/domain/locale";
import { isCountryCode } from "#app/domain/countries";
import { isTimeZone } from "#app/domain/time";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const email = z
  .string({ required_error: "required" })
  .trim()
  .max(254, "email_invalid")
  .email("email_invalid")
  .transform((v) => v.toLowerCase());

const newPassword = z
  .string({ required_error: "required" })
  .min(PASSWORD_MIN, "password_too_short")
  .max(PASSWORD_MAX, "password_too_long");

const name = z.string({ required_error: "required" }).trim().min(1, "required").max(120, "too_long");
const language = z.enum(LANGUAGES, { required_error: "required", invalid_type_error: "invalid_choice" });
const country = z.string({ required_error: "required" }).refine(isCountryCode, "invalid_choice");
const timeZone = z.string({ required_error: "required" }).refine(isTimeZone, "invalid_time_zone");

export const signUpSchema = z
  .object({
    name,
    email,
    password: newPassword,
    confirmPassword: z.string({ required_error: "required" }),
    preferredLanguage: language,
    country,
    timeZone,
  })
  .refine((v) => v.password === v.confirmPassword, { message: "passwords_differ", path: ["confirmPassword"] });

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "required" }).max(PASSWORD_MAX, "password_too_long"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string({ required_error: "required" }) })
  .refine((v) => v.password === v.confirmPassword, { message: "passwords_differ", path: ["confirmPassword"] });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "required" }).max(PASSWORD_MAX, "password_too_long"),
    password: newPassword,
    confirmPassword: z.string({ required_error: "required" }),
  })
  .refine((v) => v.password === v.confirmPassword, { message: "passwords_differ", path: ["confirmPassword"] })
  .refine((v) => v.password !== v.currentPassword, { message: "password_unchanged", path: ["password"] });

export const profileSchema = z.object({
  name,
  preferredLanguage: language,
  country,
  timeZone,
  version: z.coerce.number({ required_error: "required" }).int().min(1),
});

export type SignUpInput = z.output<typeof signUpSchema>;
export type ProfileInput = z.output<typeof profileSchema>;
