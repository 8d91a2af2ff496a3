// Advancement out of a round: preview the cut line the rule draws on each track's ranking (by the
// round's method and the contest's tie-breakers), write changes with reasons, then confirm once. A
// confirmation records every entry's outcome in `entry_rounds`, carries the advanced entries into the
// next round, and tells every team member by email in their language, all in one transaction.
import { decideTrack, MIN_REASON_LENGTH, type AdvancementChange, type DecisionSource } from "#app/domain/advancement";
import type { ResultMethod } from "#app/domain/aggregation";
import { isLanguage, type Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { cutLine, cutRuleSchema, type CutRule, type RankedEntry } from "#app/domain/ranking";
import { audit } from "#app/infra/audit.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import {
  findAdvancement,
  findRoundWithNext,
  listAdvancementChanges,
  listEntryMembers,
  listEntryRoundStatuses,
} from "#app/data/advancement.server";
import type { EntryRoundStatus } from "#db/schema";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";
import { roundResults } from "./results.server";

export interface AdvancementRow {
  entryId: number;
  code: string;
  teamName: string;
  rank: number | null;
  tied: boolean;
  score: number | null;
  reviews: number;
  /** null while undecided (a tie across the cut with no written change). */
  advances: boolean | null;
  source: DecisionSource;
  reason: string | null;
  /** After confirmation, what was recorded for the entry. */
  status: EntryRoundStatus | null;
}

export interface AdvancementPlan {
  roundId: number;
  roundName: LocalizedText | null;
  method: ResultMethod;
  rule: CutRule;
  next: { id: number; name: LocalizedText | null } | null;
  confirmed: {
    confirmedAt: string;
    byName: string | null;
    rule: CutRule;
    method: string;
    advancedCount: number;
    eliminatedCount: number;
  } | null;
  tracks: Array<{
    trackId: number;
    name: LocalizedText | null;
    advancing: number;
    undecided: number;
    seatsInTie: number | null;
    rows: AdvancementRow[];
  }>;
  advancing: number;
  undecided: number;
}

export const DEFAULT_CUT_RULE: CutRule = { kind: "top", n: 2 };

async function buildPlan(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  rule: CutRule,
): Promise<Result<AdvancementPlan>> {
  const round = await findRoundWithNext(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  const results = await roundResults(ctx, contestId, roundId);
  if (!results.ok) return results;
  const [changeRows, advancement, statuses] = await Promise.all([
    listAdvancementChanges(ctx.db, roundId),
    findAdvancement(ctx.db, roundId),
    listEntryRoundStatuses(ctx.db, roundId),
  ]);
  const changes = new Map<number, AdvancementChange>(changeRows.map((c) => [c.entryId, c]));
  const statusOf = new Map(statuses.map((s) => [s.entryId, s.status]));

  const tracks = results.value.tracks.map((track) => {
    // The results rows carry everything ranking produced; the cut works on the same objects.
    const ranked: RankedEntry[] = track.entries.map((e) => ({
      entryId: e.entryId,
      trackId: e.trackId,
      score: e.scores[results.value.method],
      criterionMeans: e.criterionMeans,
      completedReviews: e.reviews.length,
      rank: e.rank,
      tied: e.tied,
      above: null,
      below: null,
    }));
    const decided = decideTrack(ranked, cutLine(ranked, rule), changes);
    const rowOf = new Map(track.entries.map((e) => [e.entryId, e]));
    return {
      trackId: track.trackId,
      name: track.name,
      advancing: decided.advancing,
      undecided: decided.undecided,
      seatsInTie: decided.seatsInTie,
      rows: decided.decisions.map((d): AdvancementRow => {
        const row = rowOf.get(d.entry.entryId)!;
        return {
          entryId: row.entryId,
          code: row.code,
          teamName: row.teamName,
          rank: row.rank,
          tied: row.tied,
          score: d.entry.score,
          reviews: row.reviews.length,
          advances: d.advances,
          source: d.source,
          reason: d.reason,
          status: statusOf.get(row.entryId) ?? null,
        };
      }),
    };
  });

  return ok({
    roundId,
    roundName: parseLocalizedJson(round.nameJson),
    method: results.value.method,
    rule,
    next: round.nextId ? { id: round.nextId, name: parseLocalizedJson(round.nextNameJson) } : null,
    confirmed: advancement
      ? {
          confirmedAt: advancement.confirmedAt,
          byName: advancement.byName,
          rule: cutRuleSchema.parse(JSON.parse(advancement.ruleJson)),
          method: advancement.method,
          advancedCount: advancement.advancedCount,
          eliminatedCount: advancement.eliminatedCount,
        }
      : null,
    tracks,
    advancing: tracks.reduce((n, t) => n + t.advancing, 0),
    undecided: tracks.reduce((n, t) => n + t.undecided, 0),
  });
}

/** The cut line a rule draws, with the organiser's changes; after confirmation, what was recorded. */
export async function advancementPlan(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  rule: CutRule = DEFAULT_CUT_RULE,
): Promise<Result<AdvancementPlan>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  return buildPlan(ctx, contestId, roundId, rule);
}

/** Add an entry below the line, remove one above it, or clear the change; a reason is required. */
export async function writeAdvancementChange(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: { entryId: number; action: "add" | "remove" | "clear"; reason: string },
): Promise<Result<null>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const reason = input.reason.trim();
  if (input.action !== "clear" && reason.length < MIN_REASON_LENGTH)
    return fail("reason_too_short", "reason", { min: MIN_REASON_LENGTH });
  const round = await findRoundWithNext(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  return ctx.db.transaction().execute(async (trx) => {
    if (await findAdvancement(trx, roundId)) return fail("advancement_confirmed");
    const entry = await trx
      .selectFrom("assignments")
      .innerJoin("entries", "entries.id", "assignments.entry_id")
      .select(["entries.id", "entries.code"])
      .where("assignments.round_id", "=", roundId)
      .where("entries.id", "=", input.entryId)
      .where("entries.contest_id", "=", contestId)
      .where("entries.status", "=", "registered")
      .executeTakeFirst();
    if (!entry) return fail("not_found", "entryId");
    const before = await trx
      .selectFrom("advancement_changes")
      .select(["action", "reason"])
      .where("round_id", "=", roundId)
      .where("entry_id", "=", input.entryId)
      .executeTakeFirst();
    if (input.action === "clear") {
      if (!before) return ok(null);
      await trx.deleteFrom("advancement_changes").where("round_id", "=", roundId).where("entry_id", "=", input.entryId).execute();
    } else {
      await trx
        .insertInto("advancement_changes")
        .values({
          round_id: roundId,
          entry_id: input.entryId,
          action: input.action,
          reason,
          created_by: ctx.actor!.userId,
          created_at: ctx.now.toISOString(),
        })
        .onConflict((oc) =>
          oc.columns(["round_id", "entry_id"]).doUpdateSet({
            action: input.action as "add" | "remove",
            reason,
            created_by: ctx.actor!.userId,
            created_at: ctx.now.toISOString(),
          }),
        )
        .execute();
    }
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: input.action === "clear" ? "advancement.change_cleared" : "advancement.changed",
      subjectType: "entry",
      subjectId: input.entryId,
      contestId,
      before: before ?? null,
      after: input.action === "clear" ? null : { roundId, code: entry.code, action: input.action, reason },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/**
 * Confirm the advancement: once per round. A second confirmation (a double click, a resent form)
 * finds the recorded one and changes nothing, sends nothing.
 */
export async function confirmAdvancement(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  rule: CutRule,
): Promise<Result<{ advanced: number; eliminated: number; alreadyConfirmed: boolean }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const planned = await buildPlan(ctx, contestId, roundId, rule);
  if (!planned.ok) return planned;
  const plan = planned.value;
  if (plan.confirmed)
    return ok({ advanced: plan.confirmed.advancedCount, eliminated: plan.confirmed.eliminatedCount, alreadyConfirmed: true });
  if (!plan.next) return fail("no_next_round");
  if (plan.undecided > 0) return fail("tie_at_cut", undefined, { count: plan.undecided });
  if (plan.advancing === 0) return fail("nobody_advances");
  const next = plan.next;
  const round = (await findRoundWithNext(ctx.db, contestId, roundId))!;
  const rows = plan.tracks.flatMap((t) => t.rows);
  const advanced = rows.filter((r) => r.advances === true);
  const eliminated = rows.filter((r) => r.advances !== true);
  const nowIso = ctx.now.toISOString();

  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("advancements")
      .values({
        round_id: roundId,
        to_round_id: next.id,
        rule_json: JSON.stringify(rule),
        method: plan.method,
        advanced_count: advanced.length,
        eliminated_count: eliminated.length,
        confirmed_by: ctx.actor!.userId,
        confirmed_at: nowIso,
      })
      .onConflict((oc) => oc.column("round_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    // Someone confirmed between our read and this write: theirs stands.
    if (!inserted) {
      const existing = (await findAdvancement(trx, roundId))!;
      return ok({ advanced: existing.advancedCount, eliminated: existing.eliminatedCount, alreadyConfirmed: true });
    }
    const outcome = (entryId: number, status: EntryRoundStatus) => ({
      entry_id: entryId,
      round_id: roundId,
      status,
      created_at: nowIso,
      updated_at: nowIso,
    });
    const outcomes = [
      ...advanced.map((r) => outcome(r.entryId, "advanced")),
      ...eliminated.map((r) => outcome(r.entryId, "eliminated")),
    ];
    await trx
      .insertInto("entry_rounds")
      .values(outcomes)
      .onConflict((oc) =>
        oc.columns(["entry_id", "round_id"]).doUpdateSet((eb) => ({ status: eb.ref("excluded.status"), updated_at: nowIso })),
      )
      .execute();
    await trx
      .insertInto("entry_rounds")
      .values(advanced.map((r) => ({ ...outcome(r.entryId, "active"), round_id: next.id })))
      .onConflict((oc) => oc.columns(["entry_id", "round_id"]).doNothing())
      .execute();

    const contestName = parseLocalizedJson(round.contestNameJson) ?? { en: round.contestName };
    const roundName = plan.roundName ?? { en: "" };
    const nextName = next.name ?? { en: "" };
    const advancedIds = new Set(advanced.map((r) => r.entryId));
    for (const member of await listEntryMembers(
      trx,
      rows.map((r) => r.entryId),
    )) {
      const language: Language = isLanguage(member.language) ? member.language : "en";
      const common = {
        name: member.name,
        team: member.teamName,
        contest: pickLocalized(contestName, language),
        round: pickLocalized(roundName, language),
      };
      await (advancedIds.has(member.entryId)
        ? enqueueMail(trx, {
            kind: "advancement_advanced",
            to: { address: member.email, name: member.name, language },
            params: {
              ...common,
              nextRound: pickLocalized(nextName, language),
              url: `${ctx.appUrl}/entries/${member.entryId}/rounds/${next.id}`,
            },
            now: ctx.now,
          })
        : enqueueMail(trx, {
            kind: "advancement_not_advanced",
            to: { address: member.email, name: member.name, language },
            params: { ...common, url: `${ctx.appUrl}/teams/${member.teamId}` },
            now: ctx.now,
          }));
    }
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "advancement.confirmed",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      after: {
        toRoundId: next.id,
        rule,
        method: plan.method,
        advanced: advanced.map((r) => r.code),
        eliminated: eliminated.map((r) => r.code),
        changes: rows
          .filter((r) => r.source === "added" || r.source === "removed")
          .map((r) => ({ code: r.code, source: r.source, reason: r.reason })),
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ advanced: advanced.length, eliminated: eliminated.length, alreadyConfirmed: false });
  });
}
