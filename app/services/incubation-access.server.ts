// Who may see or change one cohort team's incubation records. A team's KPIs, check-ins, milestones
// and support requests are for its own members, the mentors assigned to it, and the contest's
// organisers; to anyone else the team does not exist (not found, never "forbidden").
import { can } from "#app/domain/permissions";
import { findCohortTeam, mentorsTeam } from "#app/data/incubation.server";
import type { ServiceContext } from "./context.server";

export type IncubationRole = "team" | "mentor" | "organiser";

export type CohortTeamRow = NonNullable<Awaited<ReturnType<typeof findCohortTeam>>>;

export interface CohortTeamAccess {
  team: CohortTeamRow;
  roles: ReadonlySet<IncubationRole>;
}

/** The cohort team and the actor's roles on it; null when the actor has none (or it does not exist). */
export async function cohortTeamAccess(ctx: ServiceContext, cohortTeamId: number): Promise<CohortTeamAccess | null> {
  if (!ctx.actor) return null;
  const team = await findCohortTeam(ctx.db, cohortTeamId);
  if (!team) return null;
  const roles = new Set<IncubationRole>();
  if (ctx.actor.teams.some((t) => t.teamId === team.teamId)) roles.add("team");
  if (can(ctx.actor, { type: "contest.manage", contestId: team.contestId })) roles.add("organiser");
  if (await mentorsTeam(ctx.db, cohortTeamId, ctx.actor.userId)) roles.add("mentor");
  return roles.size ? { team, roles } : null;
}

/** True when the actor has at least one of `wanted` on the team. */
export function hasRole(access: CohortTeamAccess, ...wanted: IncubationRole[]): boolean {
  return wanted.some((r) => access.roles.has(r));
}
