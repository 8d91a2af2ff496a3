// An event's before and after, folded away until asked for: the fields that changed, then each side's
// JSON as text. React escapes every string, so a payload holding markup shows as characters.
import { useTranslation } from "react-i18next";
import type { AuditComparison } from "#app/domain/audit-log";

const FIELDS_IN_SUMMARY = 5;

export function AuditChanges({ comparison, eventId }: { comparison: AuditComparison; eventId: number }) {
  const { t } = useTranslation();
  const { before, after, changes } = comparison;
  const named = changes.slice(0, FIELDS_IN_SUMMARY).map((c) => c.field);
  const fields = changes.length > FIELDS_IN_SUMMARY ? `${named.join(", ")}, …` : named.join(", ");
  return (
    <details className="audit-details">
      <summary>{fields ? t("audit.changedFields", { fields }) : t("audit.showPayload")}</summary>
      {changes.length ? (
        <div className="table-scroll">
          <table className="audit-changes">
            <caption className="visually-hidden">{t("audit.changesCaption", { id: eventId })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.field")}</th>
                <th scope="col">{t("audit.before")}</th>
                <th scope="col">{t("audit.after")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.field}>
                  <th scope="row">
                    <code>{c.field}</code>
                  </th>
                  <td>{c.before === null ? <span className="muted">{t("audit.absent")}</span> : <code>{c.before}</code>}</td>
                  <td>{c.after === null ? <span className="muted">{t("audit.absent")}</span> : <code>{c.after}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="grid-2">
        <div>
          <h3 className="small">{t("audit.beforeJson")}</h3>
          {before ? (
            <pre className="audit-json">
              {before.text}
              {before.truncated ? `\n${t("audit.truncated")}` : ""}
            </pre>
          ) : (
            <p className="muted">{t("audit.absent")}</p>
          )}
        </div>
        <div>
          <h3 className="small">{t("audit.afterJson")}</h3>
          {after ? (
            <pre className="audit-json">
              {after.text}
              {after.truncated ? `\n${t("audit.truncated")}` : ""}
            </pre>
          ) : (
            <p className="muted">{t("audit.absent")}</p>
          )}
        </div>
      </div>
    </details>
  );
}
