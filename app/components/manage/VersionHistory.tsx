// Organisers: every version an entry handed in, round by round, with the one judges see marked.
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { formatFileSize, type HistoryVersion, type VersionStatus } from "#app/domain/round-materials";

type Version = HistoryVersion;

export interface RoundVersions {
  roundId: number;
  name: LocalizedText;
  closesAt: string | null;
  extensionUntil: string | null;
  deadline: string | null;
  materials: { id: number; kind: string; label: LocalizedText; required: boolean; versions: Version[] }[];
}

const STATUS_CLASS: Record<VersionStatus, string> = {
  counts: "state state-registration_open",
  superseded: "state state-archived",
  after_deadline: "state state-draft",
};

/** A SHA-256 in four groups that may wrap, so the column stays narrow on a phone. */
function Hash({ value }: { value: string }) {
  const groups = value.match(/.{1,16}/g) ?? [value];
  return (
    <code className="small">
      {groups.map((g, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {g}
        </Fragment>
      ))}
    </code>
  );
}

function Content({ v }: { v: Version }) {
  const { t, i18n } = useTranslation();
  if (v.kind === "file")
    return (
      <>
        <a href={`/files/${v.id}`}>{v.fileName ?? t("roundMaterials.file")}</a>
        {v.pages ? <span className="muted small"> · {t("roundMaterials.pages", { count: v.pages })}</span> : null}
        {v.size !== null ? <span className="muted small"> · {formatFileSize(v.size, i18n.language)}</span> : null}
      </>
    );
  if (v.kind === "link")
    return v.url ? (
      <a href={v.url} rel="noopener noreferrer nofollow" target="_blank">
        {v.url}
      </a>
    ) : null;
  return (
    <details>
      <summary>{t("roundMaterials.showText", { count: Array.from(v.text ?? "").length })}</summary>
      <p className="mail-body">{v.text}</p>
    </details>
  );
}

export function VersionHistory({
  rounds,
  timeZone,
  languageNames = {},
}: {
  rounds: RoundVersions[];
  timeZone: string;
  /** Names of the materials languages in the viewer's language, made on the server. */
  languageNames?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (rounds.length === 0) return <p>{t("roundMaterials.noRounds")}</p>;
  return (
    <>
      <p className="field-hint">{t("roundMaterials.historyIntro")}</p>
      {rounds.map((round) => (
        <section key={round.roundId} aria-labelledby={`history-round-${round.roundId}`}>
          <h3 id={`history-round-${round.roundId}`} lang={pickedLanguage(round.name, language)}>
            {pickLocalized(round.name, language)}
          </h3>
          {round.closesAt ? (
            <p className="small">
              {t("roundMaterials.roundDeadline")} <Time iso={round.closesAt} timeZone={timeZone} />
              {round.deadline && round.deadline !== round.closesAt ? (
                <>
                  {" · "}
                  {t("roundMaterials.extendedUntil")} <Time iso={round.deadline} timeZone={timeZone} />
                </>
              ) : null}
            </p>
          ) : null}
          {round.materials.map((m) => {
            const label = pickLocalized(m.label, language);
            return (
              <Fragment key={m.id}>
                <h4 lang={pickedLanguage(m.label, language)}>
                  {label} <span className="muted small">({m.required ? t("manage.required") : t("manage.optional")})</span>
                </h4>
                {m.versions.length === 0 ? (
                  <p>
                    <span className="badge">{t("roundMaterials.notHandedIn")}</span>
                  </p>
                ) : (
                  <div className="table-scroll">
                    <table>
                      <caption className="visually-hidden">{t("roundMaterials.caption", { material: label })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("roundMaterials.columns.version")}</th>
                          <th scope="col">{t("roundMaterials.content")}</th>
                          <th scope="col">{t("roundMaterials.columns.sha256")}</th>
                          <th scope="col">{t("roundMaterials.columns.submittedBy")}</th>
                          <th scope="col">{t("roundMaterials.handedInAt")}</th>
                          <th scope="col">{t("roundMaterials.standing")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {m.versions.map((v) => (
                          <tr key={v.id}>
                            <th scope="row">{t("roundMaterials.versionNumber", { version: v.version })}</th>
                            <td>
                              <Content v={v} />
                              {v.language ? (
                                <span className="badge">
                                  {t("entryTexts.inLanguage", { language: languageNames[v.language] ?? v.language })}
                                </span>
                              ) : null}
                            </td>
                            <td>{v.sha256 ? <Hash value={v.sha256} /> : "—"}</td>
                            <td>{v.uploadedBy ?? "—"}</td>
                            <td>
                              <Time iso={v.createdAt} timeZone={timeZone} />
                              {v.lateByExtension && v.status === "counts" ? (
                                <span className="badge">{t("roundMaterials.onExtension")}</span>
                              ) : null}
                            </td>
                            <td>
                              <span className={STATUS_CLASS[v.status]}>{t(`roundMaterials.status.${v.status}`)}</span>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </Fragment>
            );
          })}
        </section>
      ))}
    </>
  );
}
