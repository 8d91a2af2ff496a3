// Teams: founders create one, edit it and see its page; the lead removes members and hands the lead
// role over, and members leave. Invitations live in invitations.server.ts.
import { normaliseTeamName } from "#app/domain/registration";
import { parseLocalizedJson } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import type { TeamInput } from "#app/forms/team";
import type { Team } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import {
  findTeam,
  listMembers,
  listPendingInvitations,
  listRoundsOfContests,
  listTeamEntries,
  listTeamsOfMember,
} from "#app/data/teams.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

function teamColumns(input: TeamInput) {
  return {
    name: input.name,
    name_key: normaliseTeamName(input.name),
    country: input.country,
    city: input.city ?? null,
    organisation: input.organisation ?? null,
    stage: input.stage,
    founding_year: input.foundingYear ?? null,
    website: input.website ?? null,
    pitch: input.pitch ?? null,
    founders_women: input.foundersWomen,
    founders_men: input.foundersMen,
    founders_other: input.foundersOther,
    women_led: input.womenLed ? (1 as const) : (0 as const),
  };
}

export function teamFormValues(team: Team) {
  return {
    name: team.name,
    country: team.country,
    city: team.city ?? "",
    organisation: team.organisation ?? "",
    stage: team.stage ?? "idea",
    foundingYear: team.founding_year ?? "",
    website: team.website ?? "",
    pitch: team.pitch ?? "",
    foundersWomen: team.founders_women,
    foundersMen: team.founders_men,
    foundersOther: team.founders_other,
    womenLed: team.women_led ? "on" : "",
    version: team.version,
  };
}

export async function createTeam(ctx: ServiceContext, input: TeamInput): Promise<Result<{ id: number }>> {
  if (!ctx.actor) return fail("unauthorised");
  if (!can(ctx.actor, { type: "team.create" })) return fail("email_not_verified");
  const actorId = ctx.actor.userId;
  const at = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const team = await trx
      .insertInto("teams")
      .values({ ...teamColumns(input), created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("team_members").values({ team_id: team.id, user_id: actorId, role: "lead", joined_at: at }).execute();
    await audit(trx, {
      actorUserId: actorId,
      action: "team.created",
      subjectType: "team",
      subjectId: team.id,
      after: input,
      ip: ctx.ip,
      now: ctx.now,
    });
    return team.id;
  });
  return ok({ id });
}

export async function updateTeam(
  ctx: ServiceContext,
  teamId: number,
  input: TeamInput & { version: number },
): Promise<Result<null>> {
  if (!ctx.actor || !can(ctx.actor, { type: "team.manage", teamId })) return fail("forbidden");
  const actorId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findTeam(trx, teamId);
    if (!before) return fail("not_found");
    const result = await trx
      .updateTable("teams")
      .set({ ...teamColumns(input), updated_at: ctx.now.toISOString(), version: input.version + 1 })
      .where("id", "=", teamId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
    await audit(trx, {
      actorUserId: actorId,
      action: "team.updated",
      subjectType: "team",
      subjectId: teamId,
      before,
      after: input,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** The team page: only its members (and platform admins) may see it; to anyone else it does not exist. */
export async function getTeamPage(ctx: ServiceContext, teamId: number) {
  if (!ctx.actor || !can(ctx.actor, { type: "team.read", teamId })) return fail("not_found");
  const team = await findTeam(ctx.db, teamId);
  if (!team) return fail("not_found");
  const isLead = can(ctx.actor, { type: "team.manage", teamId });
  const [members, invitations, entries] = await Promise.all([
    listMembers(ctx.db, teamId),
    isLead ? listPendingInvitations(ctx.db, teamId, ctx.now) : Promise.resolve([]),
    listTeamEntries(ctx.db, teamId),
  ]);
  const rounds = await listRoundsOfContests(ctx.db, [...new Set(entries.map((e) => e.contestId))]);
  return ok({
    team,
    isLead,
    members: members.map((m) => ({
      userId: m.userId,
      name: m.name,
      email: isLead || m.userId === ctx.actor!.userId ? m.email : null,
      role: m.role,
    })),
    invitations,
    entries: entries.map((e) => ({
      id: e.id,
      code: e.code,
      status: e.status,
      contestId: e.contestId,
      contestSlug: e.slug,
      contestState: e.contestState,
      contestName: parseLocalizedJson(e.contestName) ?? { en: e.slug },
      trackName: parseLocalizedJson(e.trackName) ?? { en: "" },
      registeredAt: e.registered_at,
      rounds: rounds
        .filter((r) => r.contestId === e.contestId)
        .map((r) => ({ id: r.id, name: parseLocalizedJson(r.name_i18n) ?? { en: "" } })),
    })),
  });
}

/** The lead removes a member, or a member leaves. The lead hands the role over before leaving. */
export async function removeMember(ctx: ServiceContext, teamId: number, userId: number): Promise<Result<null>> {
  if (!ctx.actor) return fail("unauthorised");
  const leaving = ctx.actor.userId === userId;
  if (!leaving && !can(ctx.actor, { type: "team.manage", teamId })) return fail("forbidden");
  if (leaving && !can(ctx.actor, { type: "team.read", teamId })) return fail("forbidden");
  const actorId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom("team_members")
      .selectAll()
      .where("team_id", "=", teamId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!member) return fail("not_found");
    if (member.role === "lead") return fail("lead_cannot_leave");
    await trx.deleteFrom("team_members").where("team_id", "=", teamId).where("user_id", "=", userId).execute();
    await audit(trx, {
      actorUserId: actorId,
      action: leaving ? "team.member_left" : "team.member_removed",
      subjectType: "team",
      subjectId: teamId,
      before: { userId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function handOverLead(ctx: ServiceContext, teamId: number, userId: number): Promise<Result<null>> {
  if (!ctx.actor || !can(ctx.actor, { type: "team.manage", teamId })) return fail("forbidden");
  const actorId = ctx.actor.userId;
  if (userId === actorId) return fail("already_lead");
  return ctx.db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom("team_members")
      .select("role")
      .where("team_id", "=", teamId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!target) return fail("not_found");
    await trx
      .updateTable("team_members")
      .set({ role: "member" })
      .where("team_id", "=", teamId)
      .where("user_id", "=", actorId)
      .execute();
    await trx
      .updateTable("team_members")
      .set({ role: "lead" })
      .where("team_id", "=", teamId)
      .where("user_id", "=", userId)
      .execute();
    await audit(trx, {
      actorUserId: actorId,
      action: "team.lead_handed_over",
      subjectType: "team",
      subjectId: teamId,
      before: { lead: actorId },
      after: { lead: userId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function listMyTeams(ctx: ServiceContext) {
  if (!ctx.actor) return [];
  return listTeamsOfMember(ctx.db, ctx.actor.userId);
}
