// Teams: founders create one, its lead invites members by email, members accept or decline, and
// the lead can revoke invitations, remove members and hand the lead role over.
import { checkMemberJoin, normaliseTeamName } from "#app/domain/registration";
import { parseLocalizedJson } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import type { TeamInput } from "#app/forms/team";
import type { Team } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { randomToken, sha256Hex } from "#app/infra/crypto.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { findUserById } from "#app/data/users.server";
import {
  findTeam,
  listMembers,
  listPendingInvitations,
  listTeamEntries,
  listTeamsOfMember,
  relevantEntryFacts,
} from "#app/data/teams.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export const INVITATION_TTL_DAYS = 7;

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
      contestSlug: e.slug,
      contestState: e.contestState,
      contestName: parseLocalizedJson(e.contestName) ?? { en: e.slug },
      trackName: parseLocalizedJson(e.trackName) ?? { en: "" },
      registeredAt: e.registered_at,
    })),
  });
}

export async function inviteMember(ctx: ServiceContext, teamId: number, email: string): Promise<Result<{ email: string }>> {
  if (!ctx.actor || !can(ctx.actor, { type: "team.manage", teamId })) return fail("forbidden");
  const team = await findTeam(ctx.db, teamId);
  if (!team) return fail("not_found");
  const members = await listMembers(ctx.db, teamId);
  if (members.some((m) => m.email === email)) return fail("already_member", "email");
  const inviter = await findUserById(ctx.db, ctx.actor.userId);
  const invitee = await ctx.db
    .selectFrom("users")
    .select(["name", "preferred_language"])
    .where("email", "=", email)
    .executeTakeFirst();
  const token = randomToken(32);
  const actorId = ctx.actor.userId;
  await ctx.db.transaction().execute(async (trx) => {
    // A new invitation replaces an earlier one to the same address.
    await trx
      .updateTable("team_invitations")
      .set({ status: "revoked", responded_at: ctx.now.toISOString() })
      .where("team_id", "=", teamId)
      .where("email", "=", email)
      .where("status", "=", "pending")
      .execute();
    const row = await trx
      .insertInto("team_invitations")
      .values({
        team_id: teamId,
        email,
        token_hash: sha256Hex(token),
        invited_by: actorId,
        expires_at: new Date(ctx.now.getTime() + INVITATION_TTL_DAYS * 86_400_000).toISOString(),
        created_at: ctx.now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueMail(trx, {
      kind: "team_invitation",
      to: {
        address: email,
        name: invitee?.name ?? null,
        language: invitee?.preferred_language ?? inviter?.preferred_language ?? "en",
      },
      params: {
        name: invitee?.name ?? email,
        team: team.name,
        inviter: inviter?.name ?? "",
        url: `${ctx.appUrl}/invitations/${token}`,
        days: INVITATION_TTL_DAYS,
      },
      now: ctx.now,
    });
    await audit(trx, {
      actorUserId: actorId,
      action: "team.member_invited",
      subjectType: "team",
      subjectId: teamId,
      after: { invitationId: row.id, email },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok({ email });
}

export async function revokeInvitation(ctx: ServiceContext, teamId: number, invitationId: number): Promise<Result<null>> {
  if (!ctx.actor || !can(ctx.actor, { type: "team.manage", teamId })) return fail("forbidden");
  const actorId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("team_invitations")
      .set({ status: "revoked", responded_at: ctx.now.toISOString() })
      .where("id", "=", invitationId)
      .where("team_id", "=", teamId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("not_found");
    await audit(trx, {
      actorUserId: actorId,
      action: "team.invitation_revoked",
      subjectType: "team",
      subjectId: teamId,
      after: { invitationId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

async function findInvitation(ctx: ServiceContext, token: string) {
  if (!/^[a-z0-9]{16,64}$/.test(token)) return null;
  return ctx.db
    .selectFrom("team_invitations")
    .innerJoin("teams", "teams.id", "team_invitations.team_id")
    .leftJoin("users", "users.id", "team_invitations.invited_by")
    .select([
      "team_invitations.id",
      "team_invitations.team_id as teamId",
      "team_invitations.email",
      "team_invitations.status",
      "team_invitations.expires_at as expiresAt",
      "teams.name as teamName",
      "users.name as inviterName",
    ])
    .where("team_invitations.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
}

export async function inspectInvitation(ctx: ServiceContext, token: string) {
  const invitation = await findInvitation(ctx, token);
  if (!invitation) return fail("token_invalid");
  if (invitation.status !== "pending") return fail(invitation.status === "revoked" ? "invitation_revoked" : "token_used");
  if (Date.parse(invitation.expiresAt) <= ctx.now.getTime()) return fail("token_expired");
  return ok({ teamName: invitation.teamName, inviterName: invitation.inviterName, email: invitation.email });
}

/** The invitee answers. Only the account with the invited address may; joining must keep every rule. */
export async function respondToInvitation(
  ctx: ServiceContext,
  token: string,
  accept: boolean,
): Promise<Result<{ teamId: number }>> {
  if (!ctx.actor) return fail("unauthorised");
  const checked = await inspectInvitation(ctx, token);
  if (!checked.ok) return checked;
  const invitation = (await findInvitation(ctx, token))!;
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user || user.email !== invitation.email) return fail("invitation_for_other_email");
  const actorId = ctx.actor.userId;
  const teamId = invitation.teamId;
  if (accept) {
    const members = await listMembers(ctx.db, teamId);
    if (members.some((m) => m.userId === actorId)) return fail("already_member");
    const team = (await findTeam(ctx.db, teamId))!;
    const entries = await listTeamEntries(ctx.db, teamId);
    const live = entries.filter((e) => e.status === "registered");
    const otherEntriesByContest: Record<number, Awaited<ReturnType<typeof relevantEntryFacts>>> = {};
    const teamMaxByContest: Record<number, number> = {};
    for (const entry of live) {
      otherEntriesByContest[entry.contestId] = await relevantEntryFacts(ctx.db, entry.contestId, {
        teamId,
        nameKey: team.name_key,
        memberUserIds: [actorId],
      });
      teamMaxByContest[entry.contestId] = entry.teamMax;
    }
    const problems = checkMemberJoin({
      userId: actorId,
      team: {
        teamId,
        name: team.name,
        country: team.country,
        memberUserIds: members.map((m) => m.userId),
        womenLed: team.women_led === 1,
      },
      teamEntries: live.map((e) => ({ contestId: e.contestId, status: e.status, contestState: e.contestState })),
      otherEntriesByContest,
      teamMaxByContest,
    });
    if (problems.length)
      return fail(problems[0]!.code, undefined, "max" in problems[0]!.params ? { max: problems[0]!.params.max } : undefined);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("team_invitations")
      .set({ status: accept ? "accepted" : "declined", responded_at: ctx.now.toISOString() })
      .where("id", "=", invitation.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("token_used");
    if (accept)
      await trx
        .insertInto("team_members")
        .values({ team_id: teamId, user_id: actorId, role: "member", joined_at: ctx.now.toISOString() })
        .execute();
    await audit(trx, {
      actorUserId: actorId,
      action: accept ? "team.invitation_accepted" : "team.invitation_declined",
      subjectType: "team",
      subjectId: teamId,
      after: { invitationId: invitation.id },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ teamId });
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
