// Queries on users and what hangs on them (roles, teams, one-time email tokens).
import type { Kysely } from "kysely";
import type { Database, User } from "#db/schema";

type Q = Kysely<Database>;

export function findUserByEmail(db: Q, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Q, id: number): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function loadRoles(db: Q, userId: number) {
  const [contestRoles, teams] = await Promise.all([
    db.selectFrom("contest_roles").select(["contest_id", "role"]).where("user_id", "=", userId).execute(),
    db.selectFrom("team_members").select(["team_id", "role"]).where("user_id", "=", userId).execute(),
  ]);
  // A final's organisers organise its heats too; a heat's own organisers hold a role on the heat only.
  const organised = contestRoles.filter((r) => r.role === "organiser").map((r) => r.contest_id);
  const heats = organised.length
    ? await db.selectFrom("contests").select("id").where("parent_contest_id", "in", organised).execute()
    : [];
  const derived = heats.filter((h) => !organised.includes(h.id)).map((h) => ({ contestId: h.id, role: "organiser" as const }));
  return {
    contestRoles: [...contestRoles.map((r) => ({ contestId: r.contest_id, role: r.role })), ...derived],
    teams: teams.map((t) => ({ teamId: t.team_id, role: t.role })),
  };
}

export async function insertEmailToken(
  db: Q,
  token: {
    purpose: "verify_email" | "reset_password";
    userId: number;
    email: string;
    tokenHash: string;
    expiresAt: Date;
    now: Date;
  },
) {
  await db
    .insertInto("email_tokens")
    .values({
      purpose: token.purpose,
      user_id: token.userId,
      email: token.email,
      token_hash: token.tokenHash,
      expires_at: token.expiresAt.toISOString(),
      created_at: token.now.toISOString(),
    })
    .execute();
}

export function findEmailToken(db: Q, purpose: "verify_email" | "reset_password", tokenHash: string) {
  return db
    .selectFrom("email_tokens")
    .selectAll()
    .where("purpose", "=", purpose)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Marks every unused token of that purpose for the user as used (a newer one, or a reset, supersedes them). */
export async function retireEmailTokens(db: Q, userId: number, purpose: "verify_email" | "reset_password", now: Date) {
  await db
    .updateTable("email_tokens")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
}

export function listContestRolesWithContest(db: Q, userId: number) {
  return db
    .selectFrom("contest_roles")
    .innerJoin("contests", "contests.id", "contest_roles.contest_id")
    .select(["contests.id as contestId", "contests.name as contestName", "contests.state", "contest_roles.role"])
    .where("contest_roles.user_id", "=", userId)
    .orderBy("contests.name")
    .execute();
}

export function listTeamsOfUser(db: Q, userId: number) {
  return db
    .selectFrom("team_members")
    .innerJoin("teams", "teams.id", "team_members.team_id")
    .select(["teams.id as teamId", "teams.name as teamName", "teams.country", "team_members.role"])
    .where("team_members.user_id", "=", userId)
    .orderBy("teams.name")
    .execute();
}
