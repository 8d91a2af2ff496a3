// A round's awards (Gold, Silver, special prizes) and who receives them. Organisers define, order and
// grant them while the contest's configuration may change; publication snapshots them, and
// certificates point at them, so an award with certificates cannot be removed.
import type { Kysely } from "kysely";
import { isEditableConfiguration } from "#app/domain/contest-state";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import type { AwardInput, GrantInput } from "#app/forms/awards";
import { audit } from "#app/infra/audit.server";
import {
  countAwardCertificates,
  deleteAwardRow,
  deleteGrantRow,
  findAward,
  findAwardRound,
  findGrant,
  findGrantOf,
  findParticipant,
  insertAward,
  insertGrant,
  listAwards,
  listRoundGrants,
  nextAwardPosition,
  renumberAwards,
  updateAwardTexts,
} from "#app/data/awards.server";
import { findContest } from "#app/data/contests.server";
import { listRoundParticipants } from "#app/data/participation.server";
import type { Database } from "#db/schema";
import type { ServiceContext } from "./context.server";
import { editable } from "./contest-structure.server";
import { fail, ok, type Result } from "./result";

export interface AwardGrantView {
  id: number;
  entryId: number;
  code: string;
  teamName: string;
  citation: string | null;
}

export interface AwardView {
  id: number;
  name: LocalizedText;
  description: LocalizedText | null;
  position: number;
  grants: AwardGrantView[];
}

export interface RoundAwards {
  roundId: number;
  roundName: LocalizedText | null;
  /** False once the contest is finished or archived: the page then only shows the awards. */
  editable: boolean;
  awards: AwardView[];
  /** The entries that may receive an award of this round, by code. */
  participants: Array<{ entryId: number; code: string; teamName: string }>;
}

/** What the publication of a round records about its awards. */
export interface AwardSnapshot {
  awardId: number;
  name: LocalizedText;
  description: LocalizedText | null;
  position: number;
  grants: Array<{ entryId: number; citation: string | null }>;
}

const nameOf = (json: string, id: number): LocalizedText => parseLocalizedJson(json) ?? { en: `#${id}` };
const toJson = (text: LocalizedText | null) => JSON.stringify(text ?? {});

export async function listRoundAwards(ctx: ServiceContext, contestId: number, roundId: number): Promise<Result<RoundAwards>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const [contest, round] = await Promise.all([findContest(ctx.db, contestId), findAwardRound(ctx.db, contestId, roundId)]);
  if (!contest || !round) return fail("not_found");
  const [awards, grants, participants] = await Promise.all([
    listAwards(ctx.db, roundId),
    listRoundGrants(ctx.db, roundId),
    listRoundParticipants(ctx.db, contestId, roundId),
  ]);
  return ok({
    roundId,
    roundName: parseLocalizedJson(round.nameJson),
    editable: isEditableConfiguration(contest.state),
    awards: awards.map((a) => ({
      id: a.id,
      name: nameOf(a.nameJson, a.id),
      description: parseLocalizedJson(a.descriptionJson),
      position: a.position,
      grants: grants
        .filter((g) => g.awardId === a.id)
        .map((g) => ({ id: g.id, entryId: g.entryId, code: g.code, teamName: g.teamName, citation: g.citation })),
    })),
    participants: participants
      .map((p) => ({ entryId: p.id, code: p.code, teamName: p.teamName }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  });
}

export async function createAward(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: AwardInput,
): Promise<Result<{ id: number }>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  if (!(await findAwardRound(ctx.db, contestId, roundId))) return fail("not_found");
  const at = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertAward(trx, {
      roundId,
      nameJson: toJson(input.name),
      descriptionJson: toJson(input.description),
      position: await nextAwardPosition(trx, roundId),
      at,
    });
    await audit(trx, {
      actorUserId: check.actorId,
      action: "award.created",
      subjectType: "award",
      subjectId: row.id,
      contestId,
      after: { roundId, ...input },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return ok({ id });
}

export async function updateAward(
  ctx: ServiceContext,
  contestId: number,
  awardId: number,
  input: AwardInput,
): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findAward(trx, awardId);
    if (!before || before.contestId !== contestId) return fail("not_found");
    await updateAwardTexts(trx, awardId, {
      nameJson: toJson(input.name),
      descriptionJson: toJson(input.description),
      at: ctx.now.toISOString(),
    });
    await audit(trx, {
      actorUserId: check.actorId,
      action: "award.updated",
      subjectType: "award",
      subjectId: awardId,
      contestId,
      before: { name: parseLocalizedJson(before.name_i18n), description: parseLocalizedJson(before.description_i18n) },
      after: input,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Swaps an award with its neighbour. Moving the first up or the last down changes nothing. */
export async function moveAward(
  ctx: ServiceContext,
  contestId: number,
  awardId: number,
  direction: "up" | "down",
): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const award = await findAward(trx, awardId);
    if (!award || award.contestId !== contestId) return fail("not_found");
    const rows = await listAwards(trx, award.round_id);
    const index = rows.findIndex((r) => r.id === awardId);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= rows.length) return ok(null);
    const order = rows.map((r) => r.id);
    [order[index], order[target]] = [order[target]!, order[index]!];
    await renumberAwards(trx, order, ctx.now.toISOString());
    await audit(trx, {
      actorUserId: check.actorId,
      action: "award.moved",
      subjectType: "award",
      subjectId: awardId,
      contestId,
      before: rows.map((r) => r.id),
      after: order,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Removes an award and its grants, unless a certificate (even a revoked one) names it. */
export async function deleteAward(ctx: ServiceContext, contestId: number, awardId: number): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const award = await findAward(trx, awardId);
    if (!award || award.contestId !== contestId) return fail("not_found");
    // Deleting would cascade to the certificates, and their public codes would stop verifying.
    if ((await countAwardCertificates(trx, awardId)) > 0) return fail("award_has_certificates");
    const grants = (await listRoundGrants(trx, award.round_id)).filter((g) => g.awardId === awardId);
    await deleteAwardRow(trx, awardId);
    // Later awards close the gap so positions stay 1..n.
    const rest = await listAwards(trx, award.round_id);
    await renumberAwards(
      trx,
      rest.map((r) => r.id),
      ctx.now.toISOString(),
    );
    await audit(trx, {
      actorUserId: check.actorId,
      action: "award.deleted",
      subjectType: "award",
      subjectId: awardId,
      contestId,
      before: {
        roundId: award.round_id,
        name: parseLocalizedJson(award.name_i18n),
        description: parseLocalizedJson(award.description_i18n),
        grants: grants.map((g) => ({ entryId: g.entryId, code: g.code, citation: g.citation })),
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Grants an award to an entry that takes part in the award's round. An entry may hold several awards. */
export async function grantAward(
  ctx: ServiceContext,
  contestId: number,
  awardId: number,
  input: GrantInput,
): Promise<Result<{ id: number }>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const award = await findAward(trx, awardId);
    if (!award || award.contestId !== contestId) return fail("not_found");
    const entry = await findParticipant(trx, contestId, award.round_id, input.entryId);
    if (!entry) return fail("not_in_round", "entryId");
    if (await findGrantOf(trx, awardId, input.entryId)) return fail("already_granted", "entryId");
    const citation = input.citation ?? null;
    const row = await insertGrant(trx, {
      awardId,
      entryId: input.entryId,
      citation,
      grantedBy: check.actorId,
      at: ctx.now.toISOString(),
    });
    await audit(trx, {
      actorUserId: check.actorId,
      action: "award.granted",
      subjectType: "award_grant",
      subjectId: row.id,
      contestId,
      after: { awardId, entryId: input.entryId, code: entry.code, citation },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ id: row.id });
  });
}

/**
 * Takes a grant back. Certificates already issued for it stay as they are: the next publication of
 * the round, a correction, is what revokes them.
 */
export async function revokeGrant(ctx: ServiceContext, contestId: number, grantId: number): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const grant = await findGrant(trx, grantId);
    if (!grant || grant.contestId !== contestId) return fail("not_found");
    await deleteGrantRow(trx, grantId);
    await audit(trx, {
      actorUserId: check.actorId,
      action: "award.grant_revoked",
      subjectType: "award_grant",
      subjectId: grantId,
      contestId,
      before: { awardId: grant.award_id, entryId: grant.entry_id, citation: grant.citation, grantedAt: grant.granted_at },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/**
 * A round's awards and grants as publication records them. Takes the database (or the publication's
 * transaction) rather than a ctx: the caller has already checked who publishes.
 */
export async function awardsForSnapshot(db: Kysely<Database>, roundId: number): Promise<AwardSnapshot[]> {
  const [awards, grants] = await Promise.all([listAwards(db, roundId), listRoundGrants(db, roundId)]);
  return awards.map((a) => ({
    awardId: a.id,
    name: nameOf(a.nameJson, a.id),
    description: parseLocalizedJson(a.descriptionJson),
    position: a.position,
    grants: grants.filter((g) => g.awardId === a.id).map((g) => ({ entryId: g.entryId, citation: g.citation })),
  }));
}
