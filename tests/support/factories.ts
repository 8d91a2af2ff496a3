// Rows for tests, with sensible defaults: users, contests, roles and teams.
import type { DB } from "#app/infra/db.server";
import { hashPassword } from "#app/infra/password.server";
import type { ServiceContext } from "#app/services/context.server";
import { buildActor } from "#app/services/identity.server";
import type { ContestRoleName, Language, User } from "#db/schema";

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;
let counter = 0;

export async function makeUser(
  db: DB,
  overrides: Partial<{
    email: string;
    name: string;
    verified: boolean;
    isAdmin: boolean;
    language: Language;
    password: string;
    timeZone: string;
  }> = {},
): Promise<User> {
  counter++;
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const now = new Date().toISOString();
  return db
    .insertInto("users")
    .values({
      email: overrides.email ?? `user${counter}-${Date.now()}@example.org`,
      name: overrides.name ?? `Test User ${counter}`,
      password_hash: passwordHash,
      email_verified_at: overrides.verified === false ? null : now,
      preferred_language: overrides.language ?? "en",
      country: "SG",
      time_zone: overrides.timeZone ?? "Asia/Singapore",
      is_admin: overrides.isAdmin ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeContest(db: DB, slug = `contest-${++counter}`) {
  const now = new Date().toISOString();
  return db
    .insertInto("contests")
    .values({ slug, name: `Contest ${slug}`, time_zone: "Asia/Shanghai", state: "draft", created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function grantRole(db: DB, contestId: number, userId: number, role: ContestRoleName) {
  await db
    .insertInto("contest_roles")
    .values({ contest_id: contestId, user_id: userId, role, created_at: new Date().toISOString() })
    .execute();
}

export async function makeCtx(db: DB, user: User | null, overrides: Partial<ServiceContext> = {}): Promise<ServiceContext> {
  return {
    db,
    actor: user ? await buildActor(db, user) : null,
    now: new Date(),
    ip: "127.0.0.1",
    userAgent: "vitest",
    appUrl: "http://localhost:3999",
    ...overrides,
  };
}
