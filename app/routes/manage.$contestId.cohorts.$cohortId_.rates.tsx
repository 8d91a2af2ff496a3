// A cohort's exchange rates per period (into its reporting currency), the submitted figures still
// without a rate, the overdue check-ins, and "Send due reminders now". For the contest's organisers.
import { parseWithZod } from "#app/utils/form";
import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateOnlyText, PeriodStateText } from "#app/components/checkins/Badges";
import { formatMoney } from "#app/components/checkins/CheckinSummary";
import { currencySelectOptions } from "#app/utils/currency-options.server";
import { RatesForm } from "#app/components/checkins/RatesForm";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { periodLabel } from "#app/domain/periods";
import { ratesSchema } from "#app/forms/checkins";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { remindCohortNow } from "#app/services/checkin-reminders.server";
import { ratesPage, setPeriodRates } from "#app/services/exchange-rates.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

type RatesActionData = { intent: string; period?: string; result?: SubmissionResult<string[]>; message?: string };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest, auth } = await requireManagedContest(request, context, params);
  const result = await ratesPage(ctx, contest.id, parseId(params.cohortId));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const name = (key: string) => periodLabel(key, language);
  const page = result.value;
  return {
    contest,
    page: {
      ...page,
      periods: page.periods.map((p) => ({ ...p, name: name(p.key) })),
      missing: page.missing.map((m) => ({ ...m, periodName: name(m.period) })),
      overdue: page.overdue.map((o) => ({ ...o, periodName: name(o.period.key) })),
    },
    currencies: currencySelectOptions(language),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const cohortId = parseId(params.cohortId);
  const back = `/manage/${contest.id}/cohorts/${cohortId}/rates`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "rates": {
      const extra = { intent, period: String(formData.get("period") ?? "") };
      const submission = parseWithZod(formData, { schema: ratesSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await setPeriodRates(ctx, contest.id, cohortId, submission.value);
      if (!result.ok) {
        if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
        return replyWithError(submission, result.error, { extra });
      }
      return redirectWithToast(back, { kind: "success", key: "checkins.toast.ratesSaved" });
    }
    case "remind": {
      const result = await remindCohortNow(ctx, contest.id, cohortId);
      if (!result.ok) {
        if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
        return data<RatesActionData>({ intent, message: encodeError(result.error) }, { status: 400 });
      }
      return redirectWithToast(back, {
        kind: "success",
        key: "checkins.toast.reminded",
        params: { count: result.value.reminders, emails: result.value.emails },
      });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function CohortRatesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const navigation = useNavigation();
  const { contest, page, currencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as RatesActionData | undefined;
  const { cohort } = page;
  const reminding = navigation.state === "submitting" && navigation.formData?.get("intent") === "remind";
  // The periods that have begun, newest first (where rates are needed now); later ones folded away.
  const started = page.periods.filter((p) => p.state !== "not_open").reverse();
  const later = page.periods.filter((p) => p.state === "not_open");
  // A render function, not a component: a component made here would remount (and drop input) on every render.
  const periodRates = (p: (typeof page.periods)[number]) => (
    <section key={p.key} className="card stack" aria-labelledby={`period-${p.key}`}>
      <h3 id={`period-${p.key}`}>
        {p.name}{" "}
        <span className="muted small">
          <PeriodStateText state={p.state} period={p} />
        </span>
      </h3>
      <RatesForm
        key={p.currencies.map((c) => `${c.currency}:${c.rate}`).join(",")}
        period={p.key}
        periodName={p.name}
        currencies={p.currencies}
        reportingCurrency={cohort.reportingCurrency}
        options={currencies}
        lastResult={actionData?.intent === "rates" && actionData.period === p.key ? actionData.result : undefined}
      />
    </section>
  );
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("checkins.rates.title", { cohort: pickLocalized(cohort.name, language) })} />
      <p>
        <Link to={`/manage/${contest.id}/cohorts/${cohort.id}`}>{t("checkins.rates.back")}</Link>
      </p>
      <p className="lead">{t("checkins.rates.intro", { reporting: cohort.reportingCurrency })}</p>

      <section className="card stack" aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t("checkins.overdueTitle")}</h2>
        {page.overdue.length === 0 ? (
          <p>{t("checkins.overdueNone")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("checkins.rates.team")}</th>
                  <th scope="col">{t("checkins.period")}</th>
                  <th scope="col">{t("checkins.dueOn")}</th>
                  <th scope="col">{t("checkins.statusLabel")}</th>
                  <th scope="col">{t("checkins.reminders.sent")}</th>
                </tr>
              </thead>
              <tbody>
                {page.overdue.map((o) => (
                  <tr key={`${o.cohortTeamId}-${o.period.key}`}>
                    <td>
                      <Link to={`/incubation/${o.cohortTeamId}/checkins/${o.period.key}`}>{o.teamName}</Link>{" "}
                      <span className="muted small">{o.code}</span>
                    </td>
                    <td>{o.periodName}</td>
                    <td>
                      <DateOnlyText value={o.period.dueOn} />
                      {o.period.state === "closed" ? <span className="badge">{t("checkins.state.closed")}</span> : null}
                    </td>
                    <td>{t(`checkins.status.${o.status}`)}</td>
                    <td>
                      {o.reminders.length
                        ? o.reminders.map((s) => t(`checkins.reminders.step.${s}`)).join(", ")
                        : t("checkins.reminders.noneSent")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="reminders-title">
        <h2 id="reminders-title">{t("checkins.reminders.title")}</h2>
        <p>{t("checkins.reminders.intro")}</p>
        {actionData?.intent === "remind" && actionData.message ? (
          <p className="alert alert-error" role="alert">
            {errorText(t, actionData.message)}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="remind" />
          <Button type="submit" variant="secondary" busy={reminding}>
            {t("checkins.reminders.sendNow")}
          </Button>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="missing-title">
        <h2 id="missing-title">{t("checkins.rates.missingTitle")}</h2>
        {page.missing.length === 0 ? (
          <p>{t("checkins.rates.missingNone")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("checkins.rates.team")}</th>
                  <th scope="col">{t("checkins.period")}</th>
                  <th scope="col">{t("checkins.rates.figure")}</th>
                  <th scope="col">{t("checkins.rates.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {page.missing.map((m) => (
                  <tr key={`${m.cohortTeamId}-${m.period}-${m.figure}`}>
                    <td>
                      <Link to={`/incubation/${m.cohortTeamId}/checkins/${m.period}`}>{m.teamName}</Link>{" "}
                      <span className="muted small">{m.code}</span>
                    </td>
                    <td>{m.periodName}</td>
                    <td>{t(`checkins.kpi.${m.figure}`)}</td>
                    <td suppressHydrationWarning>{formatMoney(m.amount, m.currency, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <h2>{t("checkins.rates.periodsTitle")}</h2>
      {page.periods.length === 0 ? <p>{t("checkins.noPeriods")}</p> : null}
      {started.map(periodRates)}
      {later.length ? (
        <details className="card">
          <summary>{t("checkins.rates.later", { n: later.length })}</summary>
          <div className="stack">{later.map(periodRates)}</div>
        </details>
      ) : null}
    </section>
  );
}
