// The contest's name and state above each organiser page.
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { ManageNav } from "./ManageNav";

export function ContestHeading({ contest, page }: { contest: { id: number; name: LocalizedText; state: string }; page: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <header className="stack">
      <p className="eyebrow">
        <span lang={pickedLanguage(contest.name, language)}>{pickLocalized(contest.name, language)}</span>{" "}
        <span className={`state state-${contest.state}`}>{t(`contestState.${contest.state}`)}</span>
      </p>
      <h1 id="page-title">{page}</h1>
      <ManageNav contestId={contest.id} />
    </header>
  );
}
