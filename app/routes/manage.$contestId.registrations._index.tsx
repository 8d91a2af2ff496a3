// Organisers: the contest's registrations, filtered by a plain GET form, paged by id, with totals,
// breakdowns and downloads of the same selection.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountTable } from "#app/components/CountTable";
import { Time } from "#app/components/Time";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { countryOptions } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { getRequestLanguage } from "#app/infra/i18n.server";
import {
  filtersFromQuery,
  lenientRegistrationQuery,
  listRegistrations,
  queryString,
  registrationStats,
  TEAM_STAGES,
} from "#app/services/registrations-admin.server";
import { requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const query = lenientRegistrationQuery(new URL(request.url).searchParams);
  const filters = filtersFromQuery(query);
  const [list, stats, language] = await Promise.all([
    listRegistrations(ctx, contest.id, filters, query.after),
    registrationStats(ctx, contest.id, filters),
    getRequestLanguage(request, auth.user.preferred_language),
  ]);
  if (!list.ok || !stats.ok) throw new Response("Forbidden", { status: 403 });
  const base = `/manage/${contest.id}/registrations`;
  const kept = queryString(query);
  const countries = countryOptions(language);
  // Ties in the country breakdown read best alphabetically, in the viewer's language.
  const nameOf = new Map(countries.map((c) => [c.code, c.name]));
  const collator = new Intl.Collator(language);
  const byCountry = [...stats.value.byCountry].sort(
    (a, b) => b.count - a.count || collator.compare(nameOf.get(a.country) ?? a.country, nameOf.get(b.country) ?? b.country),
  );
  return {
    contest,
    rows: list.value.rows,
    stats: { ...stats.value, byCountry },
    query,
    filtered: kept !== "",
    countries,
    stages: TEAM_STAGES,
    nextHref: list.value.nextCursor ? `${base}?${queryString(query, { after: list.value.nextCursor })}` : null,
    firstHref: query.after ? `${base}${kept ? `?${kept}` : ""}` : null,
    csvHref: `${base}/export?${queryString(query, { format: "csv" })}`,
    xlsxHref: `${base}/export?${queryString(query, { format: "xlsx" })}`,
    viewerTimeZone: auth.user.time_zone,
  };
}

export default function Registrations() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const data = useLoaderData<typeof loader>();
  const { contest, rows, stats, query, countries, stages, viewerTimeZone } = data;
  const countryLabel = new Map(countries.map((c) => [c.code, c.name]));
  const trackName = new Map(stats.byTrack.map((tr) => [tr.trackId, tr.name]));
  const base = `/manage/${contest.id}/registrations`;
  const founderTotal = stats.founders.women + stats.founders.men + stats.founders.other;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("manage.registrations")} />

      <Form method="get" action={base} className="card" aria-labelledby="filters-title">
        <h2 id="filters-title">{t("registrations.filters")}</h2>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="filter-q">{t("registrations.search")}</label>
            <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} aria-describedby="filter-q-hint" />
            <p className="field-hint" id="filter-q-hint">
              {t("registrations.searchHint")}
            </p>
          </div>
          <div className="field">
            <label htmlFor="filter-track">{t("registrations.track")}</label>
            <select id="filter-track" name="track" defaultValue={query.track ?? ""}>
              <option value="">{t("registrations.anyTrack")}</option>
              {stats.byTrack.map((tr) => (
                <option key={tr.trackId} value={tr.trackId} lang={pickedLanguage(tr.name, language)}>
                  {pickLocalized(tr.name, language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-country">{t("registrations.country")}</label>
            <select id="filter-country" name="country" defaultValue={query.country ?? ""}>
              <option value="">{t("registrations.anyCountry")}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-stage">{t("registrations.stage")}</label>
            <select id="filter-stage" name="stage" defaultValue={query.stage ?? ""}>
              <option value="">{t("registrations.anyStage")}</option>
              {stages.map((stage) => (
                <option key={stage} value={stage}>
                  {t(`teamStage.${stage}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-women-led">{t("registrations.womenLed")}</label>
            <select id="filter-women-led" name="womenLed" defaultValue={query.womenLed ?? ""}>
              <option value="">{t("registrations.any")}</option>
              <option value="yes">{t("registrations.yes")}</option>
              <option value="no">{t("registrations.no")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t("registrations.statusLabel")}</label>
            <select id="filter-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">{t("registrations.anyStatus")}</option>
              <option value="registered">{t("registrations.status.registered")}</option>
              <option value="withdrawn">{t("registrations.status.withdrawn")}</option>
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {t("registrations.apply")}
          </button>
          {data.filtered ? (
            <Link to={base} className="btn btn-secondary">
              {t("registrations.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      <div className="row">
        <p role="status">
          <strong>{t("registrations.total", { count: stats.total })}</strong>
        </p>
        <p className="actions push-right">
          <a href={data.csvHref} className="btn btn-secondary" download>
            {t("registrations.downloadCsv")}
          </a>
          <a href={data.xlsxHref} className="btn btn-secondary" download>
            {t("registrations.downloadXlsx")}
          </a>
        </p>
      </div>

      {rows.length === 0 ? (
        <p className="card">{data.filtered ? t("registrations.noneMatch") : t("registrations.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("registrations.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("registrations.columns.code")}</th>
                <th scope="col">{t("registrations.columns.team")}</th>
                <th scope="col">{t("registrations.columns.country")}</th>
                <th scope="col">{t("registrations.columns.track")}</th>
                <th scope="col">{t("registrations.columns.stage")}</th>
                <th scope="col">{t("registrations.columns.status")}</th>
                <th scope="col">{t("registrations.columns.registeredAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const track = trackName.get(r.trackId);
                return (
                  <tr key={r.id}>
                    <td>
                      <Link
                        className="entry-code"
                        to={`${base}/${r.id}`}
                        aria-label={t("registrations.openEntry", { code: r.code, team: r.team.name })}
                      >
                        {r.code}
                      </Link>
                    </td>
                    <th scope="row">
                      {r.team.name}
                      {r.team.womenLed ? <span className="badge">{t("registrations.womenLedBadge")}</span> : null}
                      {r.team.organisation || r.team.city ? (
                        <span className="muted small">
                          <br />
                          {[r.team.organisation, r.team.city].filter(Boolean).join(" · ")}
                        </span>
                      ) : null}
                    </th>
                    <td>{countryLabel.get(r.team.country) ?? r.team.country}</td>
                    <td>{track ? <span lang={pickedLanguage(track, language)}>{pickLocalized(track, language)}</span> : "—"}</td>
                    <td>{r.team.stage ? t(`teamStage.${r.team.stage}`) : "—"}</td>
                    <td>
                      <span className={r.status === "withdrawn" ? "state state-archived" : "state state-registration_open"}>
                        {t(`registrations.status.${r.status}`)}
                      </span>
                    </td>
                    <td>
                      <Time iso={r.registeredAt} timeZone={viewerTimeZone} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {data.nextHref || data.firstHref ? (
        <nav aria-label={t("registrations.pages")} className="pager">
          {data.firstHref ? <Link to={data.firstHref}>{t("registrations.firstPage")}</Link> : null}
          {data.nextHref ? <Link to={data.nextHref}>{t("registrations.nextPage")}</Link> : null}
        </nav>
      ) : null}

      <h2>{t("registrations.breakdowns")}</h2>
      <div className="grid-2">
        <CountTable
          caption={t("registrations.byCountry")}
          labelHeading={t("registrations.country")}
          countHeading={t("registrations.teams")}
          rows={stats.byCountry.map((c) => ({ key: c.country, label: countryLabel.get(c.country) ?? c.country, count: c.count }))}
        />
        <CountTable
          caption={t("registrations.byTrack")}
          labelHeading={t("registrations.track")}
          countHeading={t("registrations.teams")}
          rows={stats.byTrack.map((tr) => ({
            key: tr.trackId,
            label: pickLocalized(tr.name, language),
            lang: pickedLanguage(tr.name, language),
            count: tr.count,
          }))}
        />
        <CountTable
          caption={t("registrations.foundersByGender")}
          labelHeading={t("registrations.gender")}
          countHeading={t("registrations.founders")}
          rows={[
            { key: "women", label: t("registrations.women"), count: stats.founders.women },
            { key: "men", label: t("registrations.men"), count: stats.founders.men },
            { key: "other", label: t("registrations.otherGender"), count: stats.founders.other },
          ]}
          total={{ label: t("registrations.totalLabel"), count: founderTotal }}
        />
      </div>
    </section>
  );
}
