// Who may do what: the one `can(actor, action, subject)` every service asks before it acts.
import type { ContestRoleName, TeamRole } from "#db/schema";

export interface Actor {
  userId: number;
  isAdmin: boolean;
  emailVerified: boolean;
  /** Roles per contest id. */
  contestRoles: ReadonlyArray<{ contestId: number; role: ContestRoleName }>;
  teams: ReadonlyArray<{ teamId: number; role: TeamRole }>;
}

export type Action =
  | { type: "admin.mailbox.read" }
  | { type: "admin.audit.read" }
  | { type: "contest.audit.read"; contestId: number }
  | { type: "contest.create" }
  | { type: "contest.manage"; contestId: number }
  | { type: "contest.judge"; contestId: number }
  | { type: "contest.mentor"; contestId: number }
  | { type: "team.create" }
  | { type: "team.read"; teamId: number }
  | { type: "team.manage"; teamId: number }
  | { type: "user.update"; userId: number };

export function hasContestRole(actor: Actor, contestId: number, roles: readonly ContestRoleName[]): boolean {
  return actor.contestRoles.some((r) => r.contestId === contestId && roles.includes(r.role));
}

export function can(actor: Actor | null, action: Action): boolean {
  if (!actor) return false;
  switch (action.type) {
    case "admin.mailbox.read":
    case "admin.audit.read":
      return actor.isAdmin;
    case "contest.create":
      // Platform admins, and people who already organise a contest, may start another.
      return actor.isAdmin || actor.contestRoles.some((r) => r.role === "organiser");
    case "contest.manage":
      return actor.isAdmin || hasContestRole(actor, action.contestId, ["organiser"]);
    case "contest.audit.read":
      // The contest's own log, for those who run it; the platform-wide log is admin.audit.read.
      return actor.isAdmin || hasContestRole(actor, action.contestId, ["organiser"]);
    case "contest.judge":
      return hasContestRole(actor, action.contestId, ["judge"]);
    case "contest.mentor":
      return hasContestRole(actor, action.contestId, ["mentor"]);
    case "team.create":
      // A confirmed email address first: invitations and receipts go there.
      return actor.emailVerified;
    case "team.read":
      return actor.isAdmin || actor.teams.some((t) => t.teamId === action.teamId);
    case "team.manage":
      return actor.teams.some((t) => t.teamId === action.teamId && t.role === "lead");
    case "user.update":
      return actor.userId === action.userId;
  }
}
