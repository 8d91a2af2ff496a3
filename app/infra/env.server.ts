// The process environment, validated once with zod. A missing or malformed variable stops the
// server with one message that names it.
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** The SDK checks the token only on first use; checking it here stops a bad one at start instead. */
function isUploadThingToken(value: string) {
  try {
    const token: unknown = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
    if (typeof token !== "object" || token === null) return false;
    const { apiKey, appId, regions } = token as Record<string, unknown>;
    return (
      typeof apiKey === "string" &&
      apiKey.startsWith("sk_") &&
      typeof appId === "string" &&
      appId.length > 0 &&
      Array.isArray(regions) &&
      regions.length > 0
    );
  } catch {
    return false;
  }
}

const DEV_SESSION_SECRET = "dev-only-secret-change-me-in-production-0000";

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ invalid_type_error: "must be a whole number from 1 to 65535" })
      .int("must be a whole number from 1 to 65535")
      .min(1, "must be a whole number from 1 to 65535")
      .max(65535, "must be a whole number from 1 to 65535")
      .default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    APP_URL: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
      .default("http://localhost:3000")
      .transform((u) => u.replace(/\/+$/, "")),
    DATABASE_PATH: z.string().min(1).default("./data/trellis.db"),
    UPLOADS_DIR: z.string().min(1).default("./data/uploads"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\//.test(u), "must start with smtp:// or smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Trellis <no-reply@trellis.localhost>"),
    MAIL_POLL_INTERVAL_MS: z.coerce
      .number({ invalid_type_error: "must be a number of milliseconds" })
      .int()
      .min(100, "must be at least 100")
      .max(3_600_000, "must be at most 3600000")
      .default(5000),
    /** How often check-in reminders are looked for; 0 turns them off (the e2e server does). */
    CHECKIN_REMINDER_INTERVAL_MS: z.coerce
      .number({ invalid_type_error: "must be a number of milliseconds" })
      .int()
      .refine((v) => v === 0 || (v >= 1000 && v <= 86_400_000), "must be 0 (off) or from 1000 to 86400000")
      .default(3_600_000),
    UPLOADTHING_TOKEN: z
      .string()
      .refine(isUploadThingToken, "must be the token from the UploadThing dashboard (base64 JSON with apiKey, appId, regions)")
      .optional(),
    TRUST_PROXY: booleanish.default("false"),
    LITEFS_DIR: z.string().min(1).optional(),
    SEED_DEMO: booleanish.optional(),
  })
  .transform((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "is required in production (at least 32 random characters)",
      });
      return z.NEVER;
    }
    return { ...env, SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET };
  });

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; empty strings count as unset. Throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "environment";
    const got = cleaned[name];
    const shown = got === undefined ? "is not set" : `is ${JSON.stringify(mask(name, got))}`;
    return `${name} ${issue.message.startsWith("is ") ? issue.message : `is invalid: ${issue.message}`} (it ${shown})`;
  });
  return fail(lines);
}

function fail(lines: string[]): never {
  throw new EnvError(`Invalid environment:\n  ${lines.join("\n  ")}`);
}

function mask(name: string, value: string) {
  return /SECRET|TOKEN|SMTP_URL/.test(name) ? `${value.slice(0, 3)}…` : value;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
