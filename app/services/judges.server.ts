// Judge onboarding: organisers invite judges by email (one by one or from a CSV); the invitee,
// signed in with that address, accepts and becomes the contest's judge with a profile; then signs
// the confidentiality agreement and declares conflicts. Conflicts are also detected automatically.
import { invitationProblem, isTokenShaped } from "#app/domain/invitations";
import { detectConflicts } from "#app/domain/conflicts";
import { pickLocalized, parseLocalizedJson } from "#app/domain/localized";
import type { JudgeInviteRow } from "#app/domain/judging";
import type { Language } from "#app/domain/locale";
import { can, hasContestRole } from "#app/domain/permissions";
import { audit } from "#app/infra/audit.server";
import { randomToken, sha256Hex } from "#app/infra/crypto.server";
import { getFixedT } from "#app/infra/i18n.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { findContest, listTracks } from "#app/data/contests.server";
import {
  findJudgeProfile,
  listConflicts,
  listTeamsForDeclaration,
  signedVersion,
  teamFactsForDetection,
} from "#app/data/judges.server";
import { findUserById } from "#app/data/users.server";
import type { DB } from "#app/infra/db.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";
import { guardTokenLookup, spend } from "./limits.server";
import { JUDGE_INVITE_BATCHES_PER_ACCOUNT } from "#app/domain/rate-limit";

export const JUDGE_INVITATION_TTL_DAYS = 14;

/** Invites each row; people who already judge this contest are skipped. All or nothing. */
export async function inviteJudges(
  ctx: ServiceContext,
  contestId: number,
  rows: readonly JudgeInviteRow[],
): Promise<Result<{ invited: number; skipped: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  const trackIds = new Set((await listTracks(ctx.db, contestId)).map((t) => t.id));
  if (rows.some((r) => r.trackIds.some((id) => !trackIds.has(id)))) return fail("invalid_track", "trackIds");
  const actorId = ctx.actor!.userId;
  const limited = await spend(ctx, `invite:judges:account:${actorId}`, JUDGE_INVITE_BATCHES_PER_ACCOUNT);
  if (limited) return limited;
  const inviter = await findUserById(ctx.db, actorId);
  const contestName = parseLocalizedJson(contest.name_i18n) ?? { en: contest.name };
  return ctx.db.transaction().execute(async (trx) => {
    let invited = 0;
    let skipped = 0;
    for (const row of rows) {
      const existing = await trx
        .selectFrom("users")
        .leftJoin("judge_profiles", (j) =>
          j.onRef("judge_profiles.user_id", "=", "users.id").on("judge_profiles.contest_id", "=", contestId),
        )
        .select(["users.name", "users.preferred_language as language", "judge_profiles.status"])
        .where("users.email", "=", row.email)
        .executeTakeFirst();
      if (existing?.status === "active") {
        skipped++;
        continue;
      }
      await trx
        .updateTable("judge_invitations")
        .set({ status: "revoked", responded_at: ctx.now.toISOString() })
        .where("contest_id", "=", contestId)
        .where("email", "=", row.email)
        .where("status", "=", "pending")
        .execute();
      const token = randomToken(32);
      const inserted = await trx
        .insertInto("judge_invitations")
        .values({
          contest_id: contestId,
          email: row.email,
          name: row.name,
          organisation: row.organisation,
          country: row.country,
          track_ids_json: JSON.stringify(row.trackIds),
          languages_json: JSON.stringify(row.languages),
          token_hash: sha256Hex(token),
          invited_by: actorId,
          expires_at: new Date(ctx.now.getTime() + JUDGE_INVITATION_TTL_DAYS * 86_400_000).toISOString(),
          created_at: ctx.now.toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const language = (existing?.language ?? inviter?.preferred_language ?? "en") as Language;
      await enqueueMail(trx, {
        kind: "judge_invitation",
        to: { address: row.email, name: existing?.name ?? row.name, language },
        params: {
          name: existing?.name ?? row.name ?? row.email,
          contest: pickLocalized(contestName, language),
          inviter: inviter?.name ?? "",
          url: `${ctx.appUrl}/judge-invitations/${token}`,
          days: JUDGE_INVITATION_TTL_DAYS,
        },
        now: ctx.now,
      });
      await audit(trx, {
        actorUserId: actorId,
        action: "judge.invited",
        subjectType: "contest",
        subjectId: contestId,
        contestId,
        after: { invitationId: inserted.id, email: row.email, trackIds: row.trackIds, languages: row.languages },
        ip: ctx.ip,
        now: ctx.now,
      });
      invited++;
    }
    return ok({ invited, skipped });
  });
}

export async function revokeJudgeInvitation(ctx: ServiceContext, contestId: number, invitationId: number): Promise<Result<null>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("judge_invitations")
      .set({ status: "revoked", responded_at: ctx.now.toISOString() })
      .where("id", "=", invitationId)
      .where("contest_id", "=", contestId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("not_found");
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "judge.invitation_revoked",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      before: { invitationId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

async function findJudgeInvitation(db: DB, token: string) {
  if (!isTokenShaped(token)) return undefined;
  return db
    .selectFrom("judge_invitations")
    .innerJoin("contests", "contests.id", "judge_invitations.contest_id")
    .selectAll("judge_invitations")
    .select(["contests.name_i18n as contestName", "contests.name as contestFallback"])
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
}

export async function inspectJudgeInvitation(ctx: ServiceContext, token: string) {
  return guardTokenLookup(ctx, async () => {
    const invitation = await findJudgeInvitation(ctx.db, token);
    const problem = invitationProblem(invitation && { status: invitation.status, expiresAt: invitation.expires_at }, ctx.now);
    if (problem || !invitation) return fail(problem ?? "token_invalid");
    return ok({
      contestId: invitation.contest_id,
      contestName: parseLocalizedJson(invitation.contestName) ?? { en: invitation.contestFallback },
      email: invitation.email,
    });
  });
}

/** The invitee answers, signed in with the invited address. Accepting makes a judge profile. */
export async function respondToJudgeInvitation(
  ctx: ServiceContext,
  token: string,
  accept: boolean,
): Promise<Result<{ contestId: number }>> {
  if (!ctx.actor) return fail("unauthorised");
  const checked = await inspectJudgeInvitation(ctx, token);
  if (!checked.ok) return checked;
  const invitation = (await findJudgeInvitation(ctx.db, token))!;
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user || user.email !== invitation.email) return fail("invitation_for_other_email");
  const userId = user.id;
  const contestId = invitation.contest_id;
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("judge_invitations")
      .set({ status: accept ? "accepted" : "declined", responded_at: ctx.now.toISOString(), accepted_by: accept ? userId : null })
      .where("id", "=", invitation.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("token_used");
    if (accept) {
      await trx
        .insertInto("contest_roles")
        .values({ contest_id: contestId, user_id: userId, role: "judge", created_at: ctx.now.toISOString() })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .insertInto("judge_profiles")
        .values({
          contest_id: contestId,
          user_id: userId,
          organisation: invitation.organisation,
          country: invitation.country ?? user.country,
          track_ids_json: invitation.track_ids_json,
          languages_json: invitation.languages_json,
          created_at: ctx.now.toISOString(),
          updated_at: ctx.now.toISOString(),
        })
        .onConflict((oc) =>
          oc.columns(["contest_id", "user_id"]).doUpdateSet({
            organisation: invitation.organisation,
            track_ids_json: invitation.track_ids_json,
            languages_json: invitation.languages_json,
            status: "active",
            updated_at: ctx.now.toISOString(),
          }),
        )
        .execute();
      await syncDetectedConflicts(trx, contestId, [userId], ctx);
    }
    await audit(trx, {
      actorUserId: userId,
      action: accept ? "judge.invitation_accepted" : "judge.invitation_declined",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      after: { invitationId: invitation.id },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ contestId });
  });
}

/** The agreement as shown in one language: the contest's text, or the default one. */
export function agreementText(contest: { judge_agreement_i18n: string; name: string }, language: Language): string {
  const own = parseLocalizedJson(contest.judge_agreement_i18n);
  if (own && Object.values(own).some(Boolean)) return pickLocalized(own, language);
  return getFixedT(language)("judging.defaultAgreement");
}

/** Whether this judge may see entries of the contest at all: an active judge who signed the current agreement. */
export async function judgeIsCleared(db: DB, contestId: number, userId: number): Promise<boolean> {
  const [profile, contest, signed] = await Promise.all([
    findJudgeProfile(db, contestId, userId),
    findContest(db, contestId),
    signedVersion(db, contestId, userId),
  ]);
  return Boolean(
    profile && profile.status === "active" && contest && signed !== null && signed >= contest.judge_agreement_version,
  );
}

/** The judge's onboarding page: the agreement, and once signed, the teams to declare conflicts against. */
export async function judgeOnboarding(ctx: ServiceContext, contestId: number, language: Language) {
  if (!ctx.actor || !hasContestRole(ctx.actor, contestId, ["judge"])) return fail("not_found");
  const userId = ctx.actor.userId;
  const [contest, profile, signed] = await Promise.all([
    findContest(ctx.db, contestId),
    findJudgeProfile(ctx.db, contestId, userId),
    signedVersion(ctx.db, contestId, userId),
  ]);
  if (!contest || !profile) return fail("not_found");
  const hasSigned = signed !== null && signed >= contest.judge_agreement_version;
  const [teams, conflicts] = hasSigned
    ? await Promise.all([listTeamsForDeclaration(ctx.db, contestId), listConflicts(ctx.db, contestId, userId)])
    : [[], []];
  return ok({
    contest: { id: contest.id, slug: contest.slug, name: parseLocalizedJson(contest.name_i18n) ?? { en: contest.name } },
    withdrawn: profile.status === "withdrawn",
    agreement: { version: contest.judge_agreement_version, text: agreementText(contest, language) },
    signed: hasSigned,
    teams: teams.map((t) => ({
      entryId: t.entryId,
      name: t.name,
      organisation: t.organisation,
      country: t.country,
      declared: conflicts.some((c) => c.entryId === t.entryId && c.source === "declared"),
      detected: conflicts.filter((c) => c.entryId === t.entryId && c.source === "detected").map((c) => c.reason),
    })),
  });
}

export async function signAgreement(
  ctx: ServiceContext,
  contestId: number,
  input: { version: number; language: Language },
): Promise<Result<null>> {
  if (!ctx.actor || !hasContestRole(ctx.actor, contestId, ["judge"])) return fail("not_found");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  if (input.version !== contest.judge_agreement_version) return fail("agreement_changed");
  const userId = ctx.actor.userId;
  const text = agreementText(contest, input.language);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("agreement_acceptances")
      .values({
        contest_id: contestId,
        user_id: userId,
        agreement_version: input.version,
        text_sha256: sha256Hex(text),
        language: input.language,
        accepted_at: ctx.now.toISOString(),
        ip: ctx.ip,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await audit(trx, {
      actorUserId: userId,
      action: "judge.agreement_signed",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      after: { version: input.version, language: input.language, textSha256: sha256Hex(text) },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/**
 * The judge's declared conflicts become exactly `entryIds`. A new conflict removes the judge from
 * that entry in every round (a submitted review of it goes too: a conflicted score must not count).
 */
export async function declareConflicts(
  ctx: ServiceContext,
  contestId: number,
  entryIds: readonly number[],
): Promise<Result<{ declared: number }>> {
  if (!ctx.actor || !hasContestRole(ctx.actor, contestId, ["judge"])) return fail("not_found");
  const userId = ctx.actor.userId;
  if (!(await judgeIsCleared(ctx.db, contestId, userId))) return fail("agreement_required");
  const registered = new Set((await listTeamsForDeclaration(ctx.db, contestId)).map((t) => t.entryId));
  if (entryIds.some((id) => !registered.has(id))) return fail("not_found");
  const wanted = new Set(entryIds);
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await listConflicts(trx, contestId, userId)).filter((c) => c.source === "declared").map((c) => c.entryId);
    const added = [...wanted].filter((id) => !before.includes(id));
    const removed = before.filter((id) => !wanted.has(id));
    if (removed.length)
      await trx
        .deleteFrom("conflicts")
        .where("user_id", "=", userId)
        .where("source", "=", "declared")
        .where("entry_id", "in", removed)
        .execute();
    for (const entryId of added)
      await trx
        .insertInto("conflicts")
        .values({
          contest_id: contestId,
          user_id: userId,
          entry_id: entryId,
          source: "declared",
          reason: "declared",
          note: null,
          created_at: ctx.now.toISOString(),
        })
        .execute();
    const dropped = await dropConflictedAssignments(trx, userId, added);
    await audit(trx, {
      actorUserId: userId,
      action: "judge.conflicts_declared",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      before: { entryIds: before },
      after: { entryIds: [...wanted], assignmentsRemoved: dropped },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ declared: wanted.size });
  });
}

async function dropConflictedAssignments(trx: DB, userId: number, entryIds: readonly number[]): Promise<number[]> {
  if (!entryIds.length) return [];
  const rows = await trx
    .selectFrom("assignments")
    .select("id")
    .where("judge_id", "=", userId)
    .where("entry_id", "in", entryIds)
    .execute();
  if (rows.length)
    await trx
      .deleteFrom("assignments")
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
  return rows.map((r) => r.id);
}

/**
 * Brings detected conflicts up to date for the given judges (all active ones when omitted) and
 * removes any assignment a new conflict forbids. Runs when a judge accepts and before assigning.
 */
export async function syncDetectedConflicts(
  trx: DB,
  contestId: number,
  userIds: readonly number[] | null,
  ctx: Pick<ServiceContext, "now" | "ip" | "actor">,
): Promise<number> {
  let query = trx
    .selectFrom("judge_profiles")
    .innerJoin("users", "users.id", "judge_profiles.user_id")
    .select(["users.id as userId", "users.email", "judge_profiles.organisation"])
    .where("judge_profiles.contest_id", "=", contestId)
    .where("judge_profiles.status", "=", "active");
  if (userIds) query = query.where("users.id", "in", userIds.length ? userIds : [-1]);
  const judges = await query.execute();
  if (!judges.length) return 0;
  const teams = await teamFactsForDetection(trx, contestId);
  // Every detected conflict of the contest in one query, not one per judge.
  const detected = (await listConflicts(trx, contestId)).filter((c) => c.source === "detected");
  let changes = 0;
  for (const judge of judges) {
    const found = detectConflicts(judge, teams);
    const existing = detected.filter((c) => c.userId === judge.userId);
    const key = (c: { entryId: number; reason: string }) => `${c.entryId}:${c.reason}`;
    const foundKeys = new Set(found.map(key));
    const existingKeys = new Set(existing.map(key));
    for (const stale of existing.filter((c) => !foundKeys.has(key(c)))) {
      await trx
        .deleteFrom("conflicts")
        .where("user_id", "=", judge.userId)
        .where("entry_id", "=", stale.entryId)
        .where("reason", "=", stale.reason)
        .execute();
      changes++;
    }
    const fresh = found.filter((c) => !existingKeys.has(key(c)));
    for (const c of fresh)
      await trx
        .insertInto("conflicts")
        .values({
          contest_id: contestId,
          user_id: judge.userId,
          entry_id: c.entryId,
          source: "detected",
          reason: c.reason,
          note: null,
          created_at: ctx.now.toISOString(),
        })
        .execute();
    const dropped = await dropConflictedAssignments(trx, judge.userId, [...new Set(fresh.map((c) => c.entryId))]);
    changes += fresh.length;
    if (fresh.length || dropped.length)
      await audit(trx, {
        actorUserId: ctx.actor?.userId ?? null,
        action: "judge.conflicts_detected",
        subjectType: "user",
        subjectId: judge.userId,
        contestId,
        after: { conflicts: fresh, assignmentsRemoved: dropped },
        ip: ctx.ip,
        now: ctx.now,
      });
  }
  return changes;
}
