// Where one material stands: handed in (which version, when, by whom, its fingerprint) or not yet.
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { FileSize } from "./FileSize";

export interface VersionView {
  id: number;
  version: number;
  kind: "file" | "text" | "link";
  fileName: string | null;
  size: number | null;
  url: string | null;
  text: string | null;
  sha256: string | null;
  createdAt: string;
  uploadedBy: string | null;
  language?: string | null;
}

export function MaterialStatus({
  latest,
  timeZone,
  languageNames = {},
}: {
  latest: VersionView | undefined;
  timeZone: string;
  /** Names of the materials languages in the viewer's language, made on the server. */
  languageNames?: Record<string, string>;
}) {
  const { t } = useTranslation();
  if (!latest)
    return (
      <p className="material-status">
        <span className="status status-missing">{t("submit.missing")}</span>
      </p>
    );
  return (
    <p className="material-status">
      <span className="status status-done">{t("handIn.handedIn")}</span>{" "}
      <strong>{t("submit.current", { version: latest.version })}</strong>{" "}
      {latest.kind === "file" ? (
        <>
          <a href={`/files/${latest.id}`}>{latest.fileName}</a>
          {latest.size ? (
            <span className="muted small">
              {" "}
              (<FileSize bytes={latest.size} />)
            </span>
          ) : null}
        </>
      ) : latest.kind === "link" ? (
        <a href={latest.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank">
          {latest.url}
        </a>
      ) : (
        <span className="prose">{latest.text}</span>
      )}{" "}
      {latest.language ? (
        <span className="badge">
          {t("entryTexts.inLanguage", { language: languageNames[latest.language] ?? latest.language })}
        </span>
      ) : null}{" "}
      <span className="muted small">
        — <Time iso={latest.createdAt} timeZone={timeZone} />
        {latest.uploadedBy ? `, ${latest.uploadedBy}` : ""}
        {latest.sha256 ? ` · SHA-256 ${latest.sha256.slice(0, 12)}…` : ""}
      </span>
    </p>
  );
}
