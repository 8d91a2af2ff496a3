// One of an entry's texts (pitch, description, a text answer) in the version picked for the viewer,
// with a line saying which language it is in and links to the other versions. The links only add
// ?textLang= to the page's address, so switching works without JavaScript.
import { Link, useLocation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";

/** The query parameter that asks for a version: a language code, or "original". */
export const TEXT_LANGUAGE_PARAM = "textLang";

export interface EntryTextData {
  text: string;
  language: string | null;
  languageName: string | null;
  original: boolean;
  others: ReadonlyArray<{ language: string | null; name: string | null; original: boolean }>;
}

export function EntryText({
  view,
  className = "review-text",
  as: Tag = "div",
}: {
  view: EntryTextData;
  /** The text's own class: "review-text" keeps line breaks; a one-line pitch may use "lead". */
  className?: string;
  as?: "div" | "p";
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const hrefFor = (language: string | null, original: boolean) => {
    const params = new URLSearchParams(location.search);
    params.set(TEXT_LANGUAGE_PARAM, original ? "original" : (language ?? "original"));
    return `${location.pathname}?${params.toString()}${location.hash}`;
  };
  const nameOf = (name: string | null) => name ?? t("entryTexts.unknownLanguage");
  const kind = (original: boolean) => t(original ? "entryTexts.original" : "entryTexts.translation");
  return (
    <div className="entry-text">
      <Tag className={className} lang={view.language ?? undefined}>
        {view.text}
      </Tag>
      <p className="muted small entry-text-languages">
        {t("entryTexts.shownIn", { language: nameOf(view.languageName), kind: kind(view.original) })}
        {view.others.length > 0 ? (
          <>
            {" — "}
            {t("entryTexts.alsoIn")}{" "}
            {view.others.map((other, i) => (
              <Fragment key={`${other.language ?? "original"}-${i}`}>
                {i > 0 ? ", " : null}
                <Link
                  to={hrefFor(other.language, other.original)}
                  preventScrollReset
                  aria-label={t("entryTexts.showVersion", { language: nameOf(other.name), kind: kind(other.original) })}
                >
                  {nameOf(other.name)}
                </Link>
                {other.original ? ` (${kind(true)})` : null}
              </Fragment>
            ))}
          </>
        ) : null}
      </p>
    </div>
  );
}

/** The entry's pitch and description under their headings, for the pages that show an entry. */
export function EntrySummaryTexts({
  pitch,
  description,
  headingLevel = 2,
}: {
  pitch: EntryTextData | null;
  description: EntryTextData | null;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  if (!pitch && !description) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="stack entry-texts">
      {pitch ? (
        <section aria-labelledby="entry-pitch-title">
          <Heading id="entry-pitch-title">{t("entryTexts.pitch")}</Heading>
          <EntryText view={pitch} as="p" className="lead" />
        </section>
      ) : null}
      {description ? (
        <section aria-labelledby="entry-description-title">
          <Heading id="entry-description-title">{t("entryTexts.description")}</Heading>
          <EntryText view={description} />
        </section>
      ) : null}
    </div>
  );
}
