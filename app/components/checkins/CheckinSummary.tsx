// A check-in read-only: the figures as the team reported them (money in its own currency), each
// milestone's update, and the team's own words. For mentors, organisers, and the team once closed.
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { MilestoneStatus } from "#db/schema";
import type { CheckinFormValues, MilestoneForForm } from "./CheckinForm";

export function formatMoney(amount: number | null, currency: string | null, locale: string): string | null {
  if (amount === null) return null;
  if (!currency) return new Intl.NumberFormat(locale).format(amount);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "code" }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale).format(amount)} ${currency}`;
  }
}

export function CheckinSummary({ checkin, milestones }: { checkin: CheckinFormValues; milestones: MilestoneForForm[] }) {
  const { t, i18n } = useTranslation();
  const none = t("checkins.notReported");
  const num = (v: number | null) => (v === null ? none : new Intl.NumberFormat(i18n.language).format(v));
  const rows: Array<[string, string]> = [
    [t("checkins.kpi.revenue"), formatMoney(checkin.revenue, checkin.revenueCurrency, i18n.language) ?? none],
    [t("checkins.kpi.funding"), formatMoney(checkin.funding, checkin.fundingCurrency, i18n.language) ?? none],
    [t("checkins.kpi.employees"), num(checkin.employees)],
    [t("checkins.kpi.womenEmployees"), num(checkin.womenEmployees)],
    [t("checkins.kpi.customers"), num(checkin.customers)],
    [t("checkins.kpi.jobsCreated"), num(checkin.jobsCreated)],
    [t("checkins.kpi.ipFiled"), num(checkin.ipFiled)],
  ];
  const reported = milestones.filter((m) => m.update);
  const statusText = (s: MilestoneStatus) => t(`checkins.milestoneStatus.${s}`);
  return (
    <section className="card stack" aria-labelledby="checkin-figures">
      <h2 id="checkin-figures">{t("checkins.summary.title")}</h2>
      <dl className="facts" suppressHydrationWarning>
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd suppressHydrationWarning>{value}</dd>
          </Fragment>
        ))}
      </dl>
      {reported.length ? (
        <>
          <h3>{t("checkins.form.milestones")}</h3>
          <ul className="plain-list stack">
            {reported.map((m) => (
              <li key={m.id}>
                <strong>{m.title}</strong>: {statusText(m.update!.status)}
                {m.update!.note ? <span className="break-anywhere"> — {m.update!.note}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t("checkins.kpi.wentWell")}</h3>
      <p className="review-text">{checkin.wentWell || none}</p>
      <h3>{t("checkins.kpi.blockers")}</h3>
      <p className="review-text">{checkin.blockers || none}</p>
    </section>
  );
}
