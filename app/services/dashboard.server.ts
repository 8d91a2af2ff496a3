// What the home page shows a signed-in user: their roles in contests and their teams.
import { listContestRolesWithContest, listTeamsOfUser } from "#app/data/users.server";
import type { ServiceContext } from "./context.server";

export async function myPlaces(ctx: ServiceContext) {
  if (!ctx.actor) return { contestRoles: [], teams: [] };
  const [contestRoles, teams] = await Promise.all([
    listContestRolesWithContest(ctx.db, ctx.actor.userId),
    listTeamsOfUser(ctx.db, ctx.actor.userId),
  ]);
  return { contestRoles, teams };
}
