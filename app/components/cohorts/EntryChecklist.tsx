// The contest's entries as checkboxes for a cohort: code, team, track and country, with the awards
// an entry received shown as badges (words, not colour), so organisers see who won at a glance.
import { getCollectionProps, useField } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, type FieldRef } from "#app/components/ui/Field";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";

export interface ChecklistEntry {
  entryId: number;
  code: string;
  teamName: string;
  country: string;
  trackName: LocalizedText;
  awards: LocalizedText[];
}

export function EntryChecklist({
  meta: given,
  legend,
  hint,
  entries,
}: {
  meta: FieldRef;
  legend: ReactNode;
  hint?: ReactNode;
  entries: readonly ChecklistEntry[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [meta] = useField<string[] | string | undefined>(given.name);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const boxes = getCollectionProps(meta, { type: "checkbox", options: entries.map((e) => String(e.entryId)) });
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={meta.id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {entries.length === 0 ? <p className="muted">{t("cohorts.noEntries")}</p> : null}
      <ul className="plain-list entry-checklist">
        {boxes.map(({ key, ...props }, i) => {
          const e = entries[i]!;
          return (
            <li key={key} className="field field-checkbox">
              <input {...props} aria-describedby={undefined} />
              <label htmlFor={props.id}>
                <strong className="entry-code">{e.code}</strong> {e.teamName}
                <span className="muted small">
                  {" "}
                  — <span lang={pickedLanguage(e.trackName, language)}>{pickLocalized(e.trackName, language)}</span> —{" "}
                  {countryName(e.country, language)}
                </span>
                {e.awards.map((a, n) => (
                  <span key={n} className="badge">
                    <span className="visually-hidden">{t("cohorts.awardPrefix")} </span>
                    <span lang={pickedLanguage(a, language)}>{pickLocalized(a, language)}</span>
                  </span>
                ))}
              </label>
            </li>
          );
        })}
      </ul>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
