// The audit log as a page body: a GET form of filters, the events newest first, and links to older
// pages. Shared by a contest's log (organisers) and the platform's (admins); it only reads.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { auditActionKey, auditSubjectTypeKey, labelOrCode, type AuditEventView, type AuditQuery } from "#app/domain/audit-log";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { AuditChanges } from "./AuditChanges";

export interface AuditLogData {
  /** The page's own path, where the filter form goes. */
  base: string;
  rows: AuditEventView[];
  actions: string[];
  subjectTypes: string[];
  query: Omit<AuditQuery, "before">;
  filtered: boolean;
  nextHref: string | null;
  firstHref: string | null;
  csvHref: string;
  timeZone: string;
}

/** Labels from the catalog, or the raw code for anything the catalog does not know yet. */
function useAuditLabels() {
  const { t, i18n } = useTranslation();
  const lookup = (key: string) => (i18n.exists(key) ? t(key) : undefined);
  return {
    action: (code: string) => labelOrCode(code, auditActionKey(code), lookup),
    subjectType: (type: string) => labelOrCode(type, auditSubjectTypeKey(type), lookup),
  };
}

function sortedChoices(values: string[], current: string | undefined, label: (code: string) => string, language: string) {
  const all = current && !values.includes(current) ? [...values, current] : values;
  const collator = new Intl.Collator(language);
  return all.map((code) => ({ code, label: label(code) })).sort((a, b) => collator.compare(a.label, b.label));
}

export function AuditLog({ data, showContest }: { data: AuditLogData; showContest: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const labels = useAuditLabels();
  const { base, rows, query, timeZone } = data;
  const actions = sortedChoices(data.actions, query.action, labels.action, language);
  const subjectTypes = sortedChoices(data.subjectTypes, query.subjectType, labels.subjectType, language);
  return (
    <>
      <Form method="get" action={base} className="card" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t("audit.filters")}</h2>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="audit-action">{t("audit.action")}</label>
            <select id="audit-action" name="action" defaultValue={query.action ?? ""}>
              <option value="">{t("audit.anyAction")}</option>
              {actions.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t("audit.actor")}</label>
            <input
              id="audit-actor"
              name="actor"
              type="search"
              autoComplete="off"
              spellCheck={false}
              maxLength={254}
              defaultValue={query.actor ?? ""}
              aria-describedby="audit-actor-hint"
            />
            <p className="field-hint" id="audit-actor-hint">
              {t("audit.actorHint")}
            </p>
          </div>
          <div className="field">
            <label htmlFor="audit-subject-type">{t("audit.subjectType")}</label>
            <select id="audit-subject-type" name="subjectType" defaultValue={query.subjectType ?? ""}>
              <option value="">{t("audit.anySubjectType")}</option>
              {subjectTypes.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-subject-id">{t("audit.subjectId")}</label>
            <input
              id="audit-subject-id"
              name="subjectId"
              type="text"
              autoComplete="off"
              maxLength={100}
              defaultValue={query.subjectId ?? ""}
              aria-describedby="audit-subject-id-hint"
            />
            <p className="field-hint" id="audit-subject-id-hint">
              {t("audit.subjectIdHint")}
            </p>
          </div>
          <div className="field">
            <label htmlFor="audit-from">{t("audit.from")}</label>
            <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} aria-describedby="audit-dates-hint" />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t("audit.to")}</label>
            <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} aria-describedby="audit-dates-hint" />
          </div>
        </div>
        <p className="field-hint" id="audit-dates-hint">
          {t("audit.datesHint", { timeZone })}
        </p>
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {t("audit.apply")}
          </button>
          {data.filtered ? (
            <Link to={base} className="btn btn-secondary">
              {t("audit.clear")}
            </Link>
          ) : null}
          <a href={data.csvHref} className="btn btn-secondary push-right" download>
            {t("audit.downloadCsv")}
          </a>
        </div>
      </Form>

      {rows.length === 0 ? (
        <p className="card" role="status">
          {data.filtered ? t("audit.noneMatch") : t("audit.none")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="audit-table">
            <caption className="visually-hidden">{t("audit.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.columns.time")}</th>
                <th scope="col">{t("audit.columns.actor")}</th>
                <th scope="col">{t("audit.columns.action")}</th>
                <th scope="col">{t("audit.columns.subject")}</th>
                {showContest ? <th scope="col">{t("audit.columns.contest")}</th> : null}
                <th scope="col">{t("audit.columns.ip")}</th>
              </tr>
            </thead>
            {rows.map((r) => (
              // One body per event keeps its folded details next to it for screen readers too.
              <tbody key={r.id} className="audit-event">
                <tr>
                  <td>
                    <Time iso={r.createdAt} timeZone={timeZone} />
                    <br />
                    <span className="muted small">{r.createdAt}</span>
                  </td>
                  <td className="audit-wrap" data-label={t("audit.columns.actor")}>
                    {r.actor ? (
                      <>
                        {r.actor.name}
                        <br />
                        <span className="muted small">{r.actor.email}</span>
                      </>
                    ) : (
                      <span className="muted">{t("audit.system")}</span>
                    )}
                  </td>
                  <th scope="row">
                    {labels.action(r.action)}
                    <br />
                    <code className="small">{r.action}</code>
                  </th>
                  <td className="audit-wrap" data-label={t("audit.columns.subject")}>
                    {labels.subjectType(r.subjectType)}
                    {r.subjectId !== null ? ` #${r.subjectId}` : null}
                  </td>
                  {showContest ? (
                    <td data-label={t("audit.columns.contest")}>
                      {r.contest ? (
                        <Link to={`/manage/${r.contest.id}/audit`} lang={pickedLanguage(r.contest.name, language)}>
                          {pickLocalized(r.contest.name, language)}
                        </Link>
                      ) : (
                        <span className="muted">{t("audit.platform")}</span>
                      )}
                    </td>
                  ) : null}
                  <td className="audit-wrap" data-label={t("audit.columns.ip")}>
                    {r.ip ?? "—"}
                  </td>
                </tr>
                {r.before || r.after ? (
                  <tr className="change-row">
                    <td colSpan={showContest ? 6 : 5}>
                      <AuditChanges comparison={r} eventId={r.id} />
                    </td>
                  </tr>
                ) : null}
              </tbody>
            ))}
          </table>
        </div>
      )}

      {data.nextHref || data.firstHref ? (
        <nav aria-label={t("audit.pages")} className="pager">
          {data.firstHref ? <Link to={data.firstHref}>{t("audit.firstPage")}</Link> : null}
          {data.nextHref ? <Link to={data.nextHref}>{t("audit.nextPage")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
