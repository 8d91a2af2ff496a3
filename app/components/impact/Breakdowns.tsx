// The dashboard's breakdowns by country, by track and by founders' gender: a table per breakdown
// (with the whole cohort in its footer) and a bar chart of its headline figure.
import { useTranslation } from "react-i18next";
import { countryName } from "#app/domain/countries";
import type { GroupKpis } from "#app/domain/kpi";
import type { Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import { BarChart } from "./BarChart";
import { impactFormat } from "./format";

type Group = GroupKpis & { label: string };

function BreakdownTable({
  id,
  caption,
  groupHeading,
  groups,
  total,
  currency,
}: {
  id: string;
  caption: string;
  groupHeading: string;
  groups: readonly Group[];
  total: GroupKpis;
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const f = impactFormat(i18n.language as Language);
  const c = (key: string) => t(`impact.col.${key}`);
  const count = (a: { value: number; teams: number }) => (a.teams ? f.count(a.value) : "—");
  const money = (a: { value: number; teams: number }) => (a.teams ? f.money(a.value, currency) : "—");
  const cells = (g: GroupKpis) => [
    f.count(g.teams),
    f.count(g.teamsReporting),
    money(g.revenue),
    money(g.funding),
    count(g.jobsCreated),
    count(g.ipFiled),
    count(g.employees),
    g.womenEmployees.teams
      ? `${f.count(g.womenEmployees.value)}${g.womenShare === null ? "" : ` (${f.percent(g.womenShare)})`}`
      : "—",
    count(g.customers),
  ];
  const headings = [
    c("teams"),
    c("teamsReporting"),
    t("impact.col.revenueIn", { currency }),
    t("impact.col.fundingIn", { currency }),
    c("jobsCreated"),
    c("ipFiled"),
    c("employees"),
    c("womenEmployees"),
    c("customers"),
  ];
  return (
    <div className="table-scroll">
      <table id={id}>
        <caption>{caption}</caption>
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
              <th scope="row">{g.label}</th>
              {cells(g).map((cell, i) => (
                <td key={headings[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("impact.col.allTeams")}</th>
            {cells(total).map((cell, i) => (
              <td key={headings[i]}>{cell}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function FoundersTable({ id, groups, total }: { id: string; groups: readonly Group[]; total: GroupKpis }) {
  const { t, i18n } = useTranslation();
  const f = impactFormat(i18n.language as Language);
  const row = (g: GroupKpis) => [f.count(g.foundersWomen), f.count(g.foundersMen), f.count(g.foundersOther)];
  const headings = [t("impact.founders.women"), t("impact.founders.men"), t("impact.founders.other")];
  return (
    <div className="table-scroll">
      <table id={id}>
        <caption>{t("impact.dashboard.foundersCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("impact.col.teams")}</th>
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
              <th scope="row">{t("impact.dashboard.groupTeams", { group: g.label, count: g.teams })}</th>
              {row(g).map((cell, i) => (
                <td key={headings[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("impact.dashboard.groupTeams", { group: t("impact.col.allTeams"), count: total.teams })}</th>
            {row(total).map((cell, i) => (
              <td key={headings[i]}>{cell}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function Breakdowns({
  currency,
  total,
  byCountry,
  byTrack,
  byGender,
}: {
  currency: string;
  total: GroupKpis;
  byCountry: readonly GroupKpis[];
  byTrack: ReadonlyArray<GroupKpis & { name: LocalizedText | null }>;
  byGender: readonly GroupKpis[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const f = impactFormat(language);
  const sortByLabel = (groups: Group[]) => groups.sort((a, b) => a.label.localeCompare(b.label, language));
  const countries = sortByLabel(byCountry.map((g) => ({ ...g, label: countryName(g.key, language) })));
  const tracks = sortByLabel(byTrack.map((g) => ({ ...g, label: g.name ? pickLocalized(g.name, language) : g.key })));
  const genders = byGender.map((g) => ({ ...g, label: t(`impact.gender.${g.key}`) }));
  const funding = (groups: readonly Group[]) =>
    groups.map((g) => ({ key: g.key, label: g.label, value: g.funding.teams ? g.funding.value : null }));
  const money = (value: number) => f.money(value, currency);
  return (
    <>
      <p className="field-hint">{t("impact.dashboard.breakdownIntro")}</p>
      <section className="stack" aria-labelledby="by-country-title">
        <h3 id="by-country-title">{t("impact.dashboard.byCountry")}</h3>
        <BreakdownTable
          id="by-country-table"
          caption={t("impact.dashboard.byCountryCaption")}
          groupHeading={t("impact.col.country")}
          groups={countries}
          total={total}
          currency={currency}
        />
        <BarChart
          id="by-country-chart"
          tableId="by-country-table"
          title={t("impact.chart.fundingByCountry", { currency })}
          rows={funding(countries)}
          format={money}
        />
      </section>
      <section className="stack" aria-labelledby="by-track-title">
        <h3 id="by-track-title">{t("impact.dashboard.byTrack")}</h3>
        <BreakdownTable
          id="by-track-table"
          caption={t("impact.dashboard.byTrackCaption")}
          groupHeading={t("impact.col.track")}
          groups={tracks}
          total={total}
          currency={currency}
        />
        <BarChart
          id="by-track-chart"
          tableId="by-track-table"
          title={t("impact.chart.fundingByTrack", { currency })}
          rows={funding(tracks)}
          format={money}
        />
      </section>
      <section className="stack" aria-labelledby="by-gender-title">
        <h3 id="by-gender-title">{t("impact.dashboard.byGender")}</h3>
        <BreakdownTable
          id="by-gender-table"
          caption={t("impact.dashboard.byGenderCaption")}
          groupHeading={t("impact.col.teams")}
          groups={genders}
          total={total}
          currency={currency}
        />
        <FoundersTable id="founders-table" groups={genders} total={total} />
        <BarChart
          id="founders-chart"
          tableId="founders-table"
          title={t("impact.chart.founders")}
          rows={[
            { key: "women", label: t("impact.founders.women"), value: total.foundersWomen },
            { key: "men", label: t("impact.founders.men"), value: total.foundersMen },
            { key: "other", label: t("impact.founders.other"), value: total.foundersOther },
          ]}
          format={f.count}
        />
      </section>
    </>
  );
}
