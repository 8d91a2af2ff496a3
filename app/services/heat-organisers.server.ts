// Organisers of one heat (issue 11 follow-up). The final's organisers name them by email: an address
// with an account gets the role at once (and an email saying so); any other address gets an
// invitation link that works once, for a while, for that address only. Accepting makes the account
// an organiser of that heat alone, never of the final. Invitations are revocable until answered.
import { invitationProblem, isTokenShaped } from "#app/domain/invitations";
import type { Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { HEAT_ORGANISER_INVITES_PER_ACCOUNT } from "#app/domain/rate-limit";
import { findHeat, findHeatInvitationByHash } from "#app/data/heats.server";
import { findUserByEmail, findUserById } from "#app/data/users.server";
import { audit } from "#app/infra/audit.server";
import { randomToken, sha256Hex } from "#app/infra/crypto.server";
import type { DB } from "#app/infra/db.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import type { ServiceContext } from "./context.server";
import { requireFinal } from "./heats.server";
import { guardTokenLookup, spend } from "./limits.server";
import { fail, ok, type Result } from "./result";

export const HEAT_INVITATION_TTL_DAYS = 14;

const localized = (json: string | null | undefined, fallback: string): LocalizedText =>
  parseLocalizedJson(json) ?? { en: fallback };

export type HeatOrganiserOutcome =
  /** The address has an account: it organises the heat now. */
  | { kind: "added"; userId: number; email: string; name: string; heat: LocalizedText }
  /** No account yet: an invitation went to the address. */
  | { kind: "invited"; invitationId: number; email: string; heat: LocalizedText };

/**
 * Names an organiser of one heat of the final by email: the role at once for an existing account, an
 * emailed invitation otherwise. `language` is the invitation email's language for an address without
 * an account (default: the inviter's language); `name` greets them.
 */
export async function addHeatOrganiser(
  ctx: ServiceContext,
  finalId: number,
  heatId: number,
  email: string,
  options: { name?: string | null; language?: Language | null } = {},
): Promise<Result<HeatOrganiserOutcome>> {
  const final = await requireFinal(ctx, finalId);
  if (!final.ok) return final;
  const heat = await findHeat(ctx.db, finalId, heatId);
  if (!heat) return fail("not_found");
  const address = email.trim().toLowerCase();
  const user = await findUserByEmail(ctx.db, address);
  if (user) {
    const existing = await ctx.db
      .selectFrom("contest_roles")
      .select("id")
      .where("contest_id", "=", heatId)
      .where("user_id", "=", user.id)
      .where("role", "=", "organiser")
      .executeTakeFirst();
    if (existing) return fail("heats.already_organiser", "email");
  }
  // Each path sends an email to an address the organiser typed.
  const limited = await spend(ctx, `invite:heat:account:${ctx.actor?.userId ?? 0}`, HEAT_ORGANISER_INVITES_PER_ACCOUNT);
  if (limited) return limited;
  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  const heatName = localized(heat.name_i18n, heat.name);
  const finalName = localized(final.value.name_i18n, final.value.name);
  const inviter = await findUserById(ctx.db, actorId);
  return ctx.db.transaction().execute(async (trx) => {
    // Whatever was pending for this address and heat is replaced by what happens now.
    const replacePending = async () =>
      (
        await trx
          .updateTable("heat_organiser_invitations")
          .set({ status: "revoked", responded_at: at })
          .where("heat_contest_id", "=", heatId)
          .where("email", "=", address)
          .where("status", "=", "pending")
          .returning("id")
          .execute()
      ).map((r) => r.id);
    if (user) {
      const granted = await trx
        .insertInto("contest_roles")
        .values({ contest_id: heatId, user_id: user.id, role: "organiser", created_at: at })
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      // Added by someone else since the check above.
      if (!granted) return fail("heats.already_organiser", "email");
      const replacedInvitationIds = await replacePending();
      const language = user.preferred_language;
      await enqueueMail(trx, {
        kind: "heat_organiser.added",
        to: { address: user.email, name: user.name, language },
        params: {
          name: user.name,
          heat: pickLocalized(heatName, language),
          final: pickLocalized(finalName, language),
          inviter: inviter?.name ?? "",
          url: `${ctx.appUrl}/manage/${heatId}`,
        },
        now: ctx.now,
      });
      await audit(trx, {
        actorUserId: actorId,
        action: "heat.organiser_added",
        subjectType: "contest",
        subjectId: heatId,
        contestId: finalId,
        after: { heatId, userId: user.id, ...(replacedInvitationIds.length ? { replacedInvitationIds } : {}) },
        ip: ctx.ip,
        now: ctx.now,
      });
      return ok({ kind: "added" as const, userId: user.id, email: user.email, name: user.name, heat: heatName });
    }
    const replacedInvitationIds = await replacePending();
    const token = randomToken(32);
    const name = options.name?.trim() || null;
    const invitation = await trx
      .insertInto("heat_organiser_invitations")
      .values({
        heat_contest_id: heatId,
        email: address,
        name,
        token_hash: sha256Hex(token),
        invited_by: actorId,
        expires_at: new Date(ctx.now.getTime() + HEAT_INVITATION_TTL_DAYS * 86_400_000).toISOString(),
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const language: Language = options.language ?? inviter?.preferred_language ?? "en";
    await enqueueMail(trx, {
      kind: "heat_organiser.invitation",
      to: { address, name, language },
      params: {
        name: name ?? address,
        heat: pickLocalized(heatName, language),
        final: pickLocalized(finalName, language),
        inviter: inviter?.name ?? "",
        url: `${ctx.appUrl}/heat-invitations/${token}`,
        days: HEAT_INVITATION_TTL_DAYS,
      },
      now: ctx.now,
    });
    await audit(trx, {
      actorUserId: actorId,
      action: "heat.organiser_invited",
      subjectType: "contest",
      subjectId: heatId,
      contestId: finalId,
      after: { heatId, invitationId: invitation.id, email: address, language, replacedInvitationIds },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ kind: "invited" as const, invitationId: invitation.id, email: address, heat: heatName });
  });
}

/** Withdraws a pending invitation to organise one of the final's heats; its link stops working. */
export async function revokeHeatOrganiserInvitation(
  ctx: ServiceContext,
  finalId: number,
  invitationId: number,
): Promise<Result<{ email: string }>> {
  const final = await requireFinal(ctx, finalId);
  if (!final.ok) return final;
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable("heat_organiser_invitations")
      .set({ status: "revoked", responded_at: ctx.now.toISOString() })
      .where("id", "=", invitationId)
      .where("status", "=", "pending")
      // Only an invitation to one of this final's heats.
      .where("heat_contest_id", "in", (eb) => eb.selectFrom("contests").select("id").where("parent_contest_id", "=", finalId))
      .returning(["heat_contest_id", "email"])
      .executeTakeFirst();
    if (!revoked) return fail("not_found");
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "heat.organiser_invitation_revoked",
      subjectType: "contest",
      subjectId: revoked.heat_contest_id,
      contestId: finalId,
      before: { invitationId, email: revoked.email },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ email: revoked.email });
  });
}

async function invitationByToken(db: DB, token: string) {
  if (!isTokenShaped(token)) return undefined;
  return findHeatInvitationByHash(db, sha256Hex(token));
}

type Invitation = NonNullable<Awaited<ReturnType<typeof invitationByToken>>>;

function usable(invitation: Invitation | undefined, now: Date): Result<Invitation> {
  const problem = invitationProblem(invitation && { status: invitation.status, expiresAt: invitation.expires_at }, now);
  return problem ? fail(problem) : ok(invitation!);
}

/** What the invitation page shows anyone with the link, before they answer. */
export async function inspectHeatInvitation(ctx: ServiceContext, token: string) {
  const checked = await guardTokenLookup(ctx, async () => usable(await invitationByToken(ctx.db, token), ctx.now));
  if (!checked.ok) return checked;
  const invitation = checked.value;
  return ok({
    heatName: localized(invitation.heatNameJson, invitation.heatFallback),
    finalName: localized(invitation.finalNameJson, invitation.finalFallback),
    email: invitation.email,
    expiresAt: invitation.expires_at,
  });
}

/** The invitee answers, signed in with the invited address. Accepting makes them an organiser of the heat. */
export async function respondToHeatInvitation(
  ctx: ServiceContext,
  token: string,
  accept: boolean,
): Promise<Result<{ heatId: number }>> {
  if (!ctx.actor) return fail("unauthorised");
  const checked = await guardTokenLookup(ctx, async () => usable(await invitationByToken(ctx.db, token), ctx.now));
  if (!checked.ok) return checked;
  const invitation = checked.value;
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user || user.email !== invitation.email) return fail("invitation_for_other_email");
  const heatId = invitation.heat_contest_id;
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const answered = await trx
      .updateTable("heat_organiser_invitations")
      .set({ status: accept ? "accepted" : "declined", responded_at: at, accepted_by: accept ? user.id : null })
      .where("id", "=", invitation.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(answered.numUpdatedRows) !== 1) return fail("token_used");
    if (accept)
      await trx
        .insertInto("contest_roles")
        .values({ contest_id: heatId, user_id: user.id, role: "organiser", created_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    await audit(trx, {
      actorUserId: user.id,
      action: accept ? "heat.organiser_invitation_accepted" : "heat.organiser_invitation_declined",
      subjectType: "contest",
      subjectId: heatId,
      contestId: invitation.finalId,
      after: { invitationId: invitation.id, heatId, userId: user.id },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ heatId });
  });
}
