// The organiser's exchange rates of a cohort: for each period, the currencies its check-ins use (and
// any added by hand) with a rate into the cohort's reporting currency; which submitted figures still
// lack a rate; and the cohort's overdue check-ins with the reminders already sent.
import { cohortPeriods, dateIn, isOverdue, periodState, type Period } from "#app/domain/periods";
import { parseLocalizedJson } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { ratesSchema, type RatesInput } from "#app/forms/checkins";
import { audit } from "#app/infra/audit.server";
import { findContestCohort, listCohortCheckins, listCohortTeams, listRates, remindersSent } from "#app/data/checkins.server";
import type { ServiceContext } from "./context.server";
import { issueFail } from "./checkins.server";
import { fail, ok, type Result } from "./result";

async function managedCohort(ctx: ServiceContext, contestId: number, cohortId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return null;
  const cohort = await findContestCohort(ctx.db, contestId, cohortId);
  if (!cohort) return null;
  const periods = cohortPeriods({
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    cadence: cohort.cadence,
    dueDays: cohort.dueDays,
  });
  return { cohort, periods };
}

export interface MissingRate {
  cohortTeamId: number;
  teamName: string;
  code: string;
  period: string;
  figure: "revenue" | "funding";
  amount: number;
  currency: string;
}

export interface OverdueCheckin {
  cohortTeamId: number;
  teamName: string;
  code: string;
  period: Period & { state: ReturnType<typeof periodState> };
  status: "none" | "draft";
  reminders: string[];
}

/**
 * The cohort's overdue check-ins today (teams still filing: active, entry not withdrawn), oldest
 * period first. Also used by the rates page; the M&E dashboard may list them the same way.
 */
export async function overdueCheckins(ctx: ServiceContext, contestId: number, cohortId: number) {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found) return fail("not_found");
  const today = dateIn(found.cohort.timeZone, ctx.now);
  return ok(await listOverdue(ctx, found.cohort.id, found.periods, today));
}

async function listOverdue(ctx: ServiceContext, cohortId: number, periods: Period[], today: string): Promise<OverdueCheckin[]> {
  const [teams, checkins] = await Promise.all([listCohortTeams(ctx.db, cohortId), listCohortCheckins(ctx.db, cohortId)]);
  const filing = teams.filter((t) => t.status === "active" && t.entryStatus !== "withdrawn");
  const status = new Map(checkins.map((c) => [`${c.cohortTeamId}/${c.period}`, c.status]));
  const sent = new Map<string, string[]>();
  for (const r of await remindersSent(
    ctx.db,
    filing.map((t) => t.id),
  )) {
    const key = `${r.cohortTeamId}/${r.period}`;
    sent.set(key, [...(sent.get(key) ?? []), r.step]);
  }
  const out: OverdueCheckin[] = [];
  for (const period of periods) {
    for (const team of filing) {
      const key = `${team.id}/${period.key}`;
      const current = status.get(key);
      if (!isOverdue(period, today, current === "submitted")) continue;
      out.push({
        cohortTeamId: team.id,
        teamName: team.teamName,
        code: team.code,
        period: { ...period, state: periodState(period, today) },
        status: current === "draft" ? "draft" : "none",
        reminders: sent.get(key) ?? [],
      });
    }
  }
  return out;
}

/** Everything the rates page shows. */
export async function ratesPage(ctx: ServiceContext, contestId: number, cohortId: number) {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found) return fail("not_found");
  const { cohort, periods } = found;
  const reporting = cohort.reportingCurrency;
  const today = dateIn(cohort.timeZone, ctx.now);
  const [teams, checkins, rates] = await Promise.all([
    listCohortTeams(ctx.db, cohort.id),
    listCohortCheckins(ctx.db, cohort.id),
    listRates(ctx.db, cohort.id),
  ]);
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const missing: MissingRate[] = [];
  const rows = periods.map((period) => {
    const set = new Map(rates.filter((r) => r.period === period.key).map((r) => [r.currency, r.rate]));
    const used = new Set<string>();
    for (const c of checkins.filter((c) => c.period === period.key)) {
      for (const figure of ["revenue", "funding"] as const) {
        const amount = c[figure];
        const currency = c[figure === "revenue" ? "revenueCurrency" : "fundingCurrency"];
        if (amount === null || !currency || currency === reporting) continue;
        used.add(currency);
        // A draft may still change its currency; only submitted figures count as missing a rate.
        if (c.status === "submitted" && !set.has(currency)) {
          const team = teamById.get(c.cohortTeamId);
          missing.push({
            cohortTeamId: c.cohortTeamId,
            teamName: team?.teamName ?? "",
            code: team?.code ?? "",
            period: period.key,
            figure,
            amount,
            currency,
          });
        }
      }
    }
    const currencies = [...new Set([...used, ...set.keys()])].sort();
    return {
      ...period,
      state: periodState(period, today),
      currencies: currencies.map((currency) => ({ currency, used: used.has(currency), rate: set.get(currency) ?? null })),
    };
  });
  return ok({
    cohort: {
      id: cohort.id,
      name: parseLocalizedJson(cohort.nameJson) ?? { en: "" },
      reportingCurrency: reporting,
      cadence: cohort.cadence,
      timeZone: cohort.timeZone,
    },
    today,
    periods: rows,
    missing,
    overdue: await listOverdue(ctx, cohort.id, periods, today),
  });
}

/**
 * Sets the rates of one period: each listed currency gets its rate (a blank rate removes it), plus
 * the one the organiser adds. The reporting currency itself has no rate (it is 1). Audited.
 */
export async function setPeriodRates(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  input: RatesInput,
): Promise<Result<{ set: number; removed: number }>> {
  const found = await managedCohort(ctx, contestId, cohortId);
  if (!found) return fail("not_found");
  const parsed = ratesSchema.safeParse(input);
  if (!parsed.success) return issueFail(parsed.error.issues[0]!);
  const value = parsed.data;
  if (!found.periods.some((p) => p.key === value.period)) return fail("not_found");
  const wanted = new Map<string, number | undefined>();
  for (const [i, r] of value.rates.entries()) {
    if (wanted.has(r.currency)) return fail("checkin_rate_duplicate", `rates[${i}].rate`);
    if (r.currency === found.cohort.reportingCurrency) return fail("checkin_rate_reporting", `rates[${i}].rate`);
    wanted.set(r.currency, r.rate);
  }
  if (value.newCurrency) {
    if (value.newCurrency === found.cohort.reportingCurrency) return fail("checkin_rate_reporting", "newCurrency");
    wanted.set(value.newCurrency, value.newRate);
  }
  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = (await listRates(trx, cohortId)).filter((r) => r.period === value.period);
    const before = Object.fromEntries(current.map((r) => [r.currency, r.rate]));
    let set = 0;
    let removed = 0;
    for (const [currency, rate] of wanted) {
      if (rate === undefined) {
        const deleted = await trx
          .deleteFrom("exchange_rates")
          .where("cohort_id", "=", cohortId)
          .where("period", "=", value.period)
          .where("currency", "=", currency)
          .executeTakeFirst();
        removed += Number(deleted.numDeletedRows);
        continue;
      }
      if (before[currency] === rate) continue;
      await trx
        .insertInto("exchange_rates")
        .values({ cohort_id: cohortId, period: value.period, currency, rate, set_by: actorId, set_at: at })
        .onConflict((oc) => oc.columns(["cohort_id", "period", "currency"]).doUpdateSet({ rate, set_by: actorId, set_at: at }))
        .execute();
      set++;
    }
    if (set || removed) {
      const after = Object.fromEntries(
        (await listRates(trx, cohortId)).filter((r) => r.period === value.period).map((r) => [r.currency, r.rate]),
      );
      await audit(trx, {
        actorUserId: actorId,
        action: "cohort.rates_set",
        subjectType: "cohort",
        subjectId: cohortId,
        contestId,
        before: { period: value.period, rates: before },
        after: { period: value.period, rates: after },
        ip: ctx.ip,
        now: ctx.now,
      });
    }
    return ok({ set, removed });
  });
}
