// The public impact summary of a contest's incubation: headline figures and breakdowns by country and
// track, every figure over at least five teams ("fewer than 5 teams" in its place otherwise).
import { Fragment } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "#app/domain/countries";
import { MIN_PUBLIC_TEAMS, type PublicBreakdown, type Published } from "#app/domain/kpi";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import type { PublicImpact } from "#app/services/impact.server";
import { impactFormat } from "./format";

function Figure({ cell, format }: { cell: Published; format: (value: number) => string }) {
  const { t } = useTranslation();
  if (!cell.suppressed) return <>{format(cell.value)}</>;
  return (
    <span className="muted">
      {cell.reason === "small" ? t("impact.public.fewer", { count: MIN_PUBLIC_TEAMS }) : t("impact.public.complement")}
    </span>
  );
}

function BreakdownSection({
  id,
  title,
  groupHeading,
  breakdown,
  label,
}: {
  id: string;
  title: string;
  groupHeading: string;
  breakdown: PublicBreakdown;
  label: (key: string) => { text: string; lang?: string };
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const f = impactFormat(language);
  const groups = breakdown.groups
    .map((g) => ({ ...g, label: label(g.key) }))
    .sort((a, b) => a.label.text.localeCompare(b.label.text, language));
  const headings = [
    t("impact.public.teams"),
    t("impact.public.jobs"),
    ...breakdown.currencies.map((currency) => t("impact.public.fundingIn", { currency })),
  ];
  const cells = (row: PublicBreakdown["total"]) => [
    <Figure key="teams" cell={row.teams} format={f.count} />,
    <Figure key="jobs" cell={row.jobsCreated} format={f.count} />,
    ...row.funding.map((cell, i) => (
      <Figure key={breakdown.currencies[i]} cell={cell} format={(v) => f.money(v, breakdown.currencies[i]!)} />
    )),
  ];
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{groupHeading}</th>
              {headings.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row" lang={g.label.lang}>
                  {g.label.text}
                </th>
                {cells(g).map((cell, i) => (
                  <td key={headings[i]}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("impact.public.allTeams")}</th>
              {cells(breakdown.total).map((cell, i) => (
                <td key={headings[i]}>{cell}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

export function PublicImpactView({ impact }: { impact: PublicImpact }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const f = impactFormat(language);
  const { contest, summary } = impact;
  const tracks = new Map(impact.tracks.map((tr) => [String(tr.id), tr.name]));
  return (
    <article className="stack" aria-labelledby="impact-title">
      <header className="stack">
        <p className="eyebrow">
          <Link to={`/contests/${contest.slug}`} lang={pickedLanguage(contest.name, language)}>
            {pickLocalized(contest.name, language)}
          </Link>
        </p>
        <h1 id="impact-title">{t("impact.public.title")}</h1>
        <p className="lead">{t("impact.public.intro", { count: impact.cohorts })}</p>
      </header>

      <section className="card stack" aria-labelledby="glance-title">
        <h2 id="glance-title">{t("impact.public.glance")}</h2>
        <dl className="facts">
          <dt>{t("impact.public.teams")}</dt>
          <dd>
            <Figure cell={summary.teams} format={f.count} />
          </dd>
          {summary.funding.map((m) => (
            <Fragment key={m.currency}>
              <dt>{t("impact.public.fundingIn", { currency: m.currency })}</dt>
              <dd>
                <Figure cell={m.total} format={(v) => f.money(v, m.currency)} />
              </dd>
            </Fragment>
          ))}
          <dt>{t("impact.public.jobs")}</dt>
          <dd>
            <Figure cell={summary.jobsCreated} format={f.count} />
          </dd>
          <dt>{t("impact.public.womenShare")}</dt>
          <dd>
            <Figure cell={summary.womenShare} format={f.percent} />
          </dd>
          <dt>{t("impact.public.ip")}</dt>
          <dd>
            <Figure cell={summary.ipFiled} format={f.count} />
          </dd>
          <dt>{t("impact.public.milestones")}</dt>
          <dd>
            <Figure cell={summary.milestoneCompletion} format={f.percent} />
          </dd>
        </dl>
        <p className="field-hint">{t("impact.public.rule", { count: MIN_PUBLIC_TEAMS })}</p>
        <p className="field-hint">{t("impact.public.money")}</p>
      </section>

      <BreakdownSection
        id="impact-country"
        title={t("impact.public.byCountry")}
        groupHeading={t("impact.col.country")}
        breakdown={summary.byCountry}
        label={(key) => ({ text: countryName(key, language) })}
      />
      <BreakdownSection
        id="impact-track"
        title={t("impact.public.byTrack")}
        groupHeading={t("impact.col.track")}
        breakdown={summary.byTrack}
        label={(key) => {
          const name = tracks.get(key);
          return name ? { text: pickLocalized(name, language), lang: pickedLanguage(name, language) } : { text: key };
        }}
      />
    </article>
  );
}
