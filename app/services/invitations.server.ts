// Team invitations: the lead invites by email and may revoke; the invitee, signed in with that
// address, accepts (if joining keeps every registration rule) or declines.
import { invitationProblem, isTokenShaped } from "#app/domain/invitations";
import { checkMemberJoin } from "#app/domain/registration";
import { can } from "#app/domain/permissions";
import { audit } from "#app/infra/audit.server";
import { randomToken, sha256Hex } from "#app/infra/crypto.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { findUserById } from "#app/data/users.server";
import { findTeam, listMembers, listTeamEntries, relevantEntryFacts } from "#app/data/teams.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";
import { guardTokenLookup, spend } from "./limits.server";
import { TEAM_INVITES_PER_ACCOUNT } from "#app/domain/rate-limit";

export const INVITATION_TTL_DAYS = 7;

export async function inviteMember(ctx: ServiceContext, teamId: number, email: string): Promise<Result<{ email: string }>> {
  if (!ctx.actor || !can(ctx.actor, { type: "team.manage", teamId })) return fail("forbidden");
  const team = await findTeam(ctx.db, teamId);
  if (!team) return fail("not_found");
  const members = await listMembers(ctx.db, teamId);
  if (members.some((m) => m.email === email)) return fail("already_member", "email");
  const limited = await spend(ctx, `invite:team:account:${ctx.actor.userId}`, TEAM_INVITES_PER_ACCOUNT);
  if (limited) return limited;
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
  if (!isTokenShaped(token)) return null;
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
  return guardTokenLookup(ctx, async () => {
    const invitation = await findInvitation(ctx, token);
    const problem = invitationProblem(invitation, ctx.now);
    if (problem || !invitation) return fail(problem ?? "token_invalid");
    return ok({ teamName: invitation.teamName, inviterName: invitation.inviterName, email: invitation.email });
  });
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
