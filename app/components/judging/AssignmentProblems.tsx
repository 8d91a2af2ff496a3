// What automatic assignment could not satisfy, in plain words: track names in the viewer's
// language, languages by their names, counts as numbers of entries and judges.
import { useTranslation } from "react-i18next";
import type { AssignmentProblem } from "#app/domain/assignment";
import { languageName } from "#app/domain/judging";
import type { Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";

export function problemText(
  t: ReturnType<typeof useTranslation>["t"],
  problem: AssignmentProblem,
  tracks: ReadonlyArray<{ id: number; name: LocalizedText }>,
  language: Language,
): string {
  const track = (id: number) => {
    const found = tracks.find((tr) => tr.id === id);
    return found ? pickLocalized(found.name, language) : String(id);
  };
  const key = `judging.assignments.problem.${problem.code}`;
  switch (problem.code) {
    case "no_judges":
      return t(key);
    case "too_few_eligible":
      return t(key, {
        count: problem.entries,
        track: track(problem.trackId),
        eligible: problem.eligible,
        needed: problem.needed,
      });
    case "unbalanced":
      return t(key, { most: problem.most, least: problem.least });
    case "no_reader":
      return t(key, { count: problem.entries, language: languageName(problem.language, language) });
    case "single_judge_panels":
      return t(key, { track: track(problem.trackId) });
    case "not_connected":
      return t(key, { track: track(problem.trackId), parts: problem.parts });
  }
}

export function AssignmentProblems({
  added,
  removed,
  problems,
  tracks,
}: {
  added: number;
  removed: number;
  problems: readonly AssignmentProblem[];
  tracks: ReadonlyArray<{ id: number; name: LocalizedText }>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className={problems.length ? "alert alert-error" : "alert alert-success"} role="status">
      <p>{t("judging.assignments.done", { added, removed })}</p>
      {problems.length ? (
        <>
          <p>
            <strong>{t("judging.assignments.problemsTitle")}</strong>
          </p>
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.code}-${i}`}>{problemText(t, p, tracks, language)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("judging.assignments.allGood")}</p>
      )}
    </div>
  );
}
