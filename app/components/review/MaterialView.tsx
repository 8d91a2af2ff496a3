// One material of the entry as a judge sees it: a PDF shown in the page (with a download beside
// it, for phones whose browsers cannot show one in a frame), a text answer as plain text, a video
// as an outside link that is never embedded.
import { useTranslation } from "react-i18next";
import { EntryText, type EntryTextData } from "#app/components/EntryText";
import { FileSize } from "#app/components/submit/FileSize";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";

export interface MaterialForJudge {
  id: number;
  kind: string;
  label: LocalizedText;
  submission: {
    id: number;
    kind: string;
    text: string | null;
    url: string | null;
    pages: number | null;
    size: number | null;
    isPdf: boolean;
    /** The language the version is in, if the team said (entry-texts). */
    language?: string | null;
    /** A text answer in the version picked for the viewer, with its other languages. */
    textView?: EntryTextData | null;
  } | null;
}

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

export function MaterialView({
  material,
  languageNames = {},
}: {
  material: MaterialForJudge;
  /** Names of the materials languages in the viewer's language, made on the server. */
  languageNames?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const label = pickLocalized(material.label, language);
  const headingId = `material-${material.id}`;
  const s = material.submission;
  return (
    <article className="card material" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span lang={pickedLanguage(material.label, language)}>{label}</span>{" "}
        <span className="muted small">({t(`materialKind.${material.kind}`)})</span>
        {s?.language && s.kind !== "text" ? (
          <>
            {" "}
            <span className="badge">{t("entryTexts.inLanguage", { language: languageNames[s.language] ?? s.language })}</span>
          </>
        ) : null}
      </h3>
      {!s ? (
        <p className="muted">{t("review.notHandedIn")}</p>
      ) : s.kind === "file" ? (
        <>
          {s.isPdf ? (
            <iframe
              className="pdf-frame"
              src={`/files/${s.id}?inline=1`}
              title={t("review.pdfFrame", { label })}
              loading="lazy"
            />
          ) : null}
          <p className="material-links">
            <a href={`/files/${s.id}`} download>
              {t("review.download", { label })}
            </a>
            {s.pages || s.size ? (
              <span className="muted small">
                {" "}
                ({s.pages ? t("review.pages", { count: s.pages }) : null}
                {s.pages && s.size ? ", " : null}
                {s.size ? <FileSize bytes={s.size} /> : null})
              </span>
            ) : null}
            {s.isPdf ? (
              <a href={`/files/${s.id}?inline=1`} target="_blank" rel="noopener noreferrer">
                {t("review.openPdf")}
              </a>
            ) : null}
          </p>
        </>
      ) : s.kind === "link" ? (
        s.url && isWebLink(s.url) ? (
          <p className="material-links">
            <a href={s.url} target="_blank" rel="noopener noreferrer" className="external-link">
              {t("review.watchVideo")}
            </a>
            <span className="muted small break-anywhere">{s.url}</span>
          </p>
        ) : (
          <p className="review-text">{s.url}</p>
        )
      ) : s.textView ? (
        <EntryText view={s.textView} />
      ) : (
        <div className="review-text">{s.text}</div>
      )}
    </article>
  );
}
