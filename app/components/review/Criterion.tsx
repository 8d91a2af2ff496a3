// One rubric criterion on the scoring page: its name, weight, description and level descriptors,
// then either the judge's controls (score and comment) or, read-only, what they gave.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import type { LevelDescriptor, Scale } from "#app/domain/rubric";
import { scaleValues } from "#app/domain/score-scale";
import { commentField, COMMENT_MAX, scoreField } from "#app/forms/review";

export interface CriterionForJudge {
  id: number;
  name: LocalizedText;
  description: LocalizedText | null;
  weight: number;
  scale: Scale;
  levels: LevelDescriptor[];
}

/** A select lists every allowed score up to this many; a finer scale gets a number field. */
const SELECT_MAX_OPTIONS = 101;

function CriterionFrame({ criterion, children }: { criterion: CriterionForJudge; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const headingId = `criterion-${criterion.id}`;
  const { min, max, step } = criterion.scale;
  return (
    <fieldset className="card criterion-card">
      <legend className="visually-hidden">{pickLocalized(criterion.name, language)}</legend>
      <h3 id={headingId}>
        <span lang={pickedLanguage(criterion.name, language)}>{pickLocalized(criterion.name, language)}</span>{" "}
        <span className="badge">{t("review.weight", { weight: criterion.weight })}</span>
      </h3>
      {criterion.description ? (
        <p className="prose-line" lang={pickedLanguage(criterion.description, language)}>
          {pickLocalized(criterion.description, language)}
        </p>
      ) : null}
      <p className="muted small">{t("review.scale", { min, max, step })}</p>
      {criterion.levels.length ? (
        <dl className="level-list" aria-label={t("review.levels")}>
          {criterion.levels.map((l) => (
            <div key={`${l.min}-${l.max}`}>
              <dt>{l.min === l.max ? l.min : `${l.min}–${l.max}`}</dt>
              <dd lang={pickedLanguage(l.text, language)}>{pickLocalized(l.text, language)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {children}
    </fieldset>
  );
}

export function CriterionField({
  criterion,
  score,
  comment,
  errors,
  disabled,
  onChange,
}: {
  criterion: CriterionForJudge;
  score: string;
  comment: string;
  errors: Record<string, string[]>;
  disabled?: boolean;
  onChange: (field: "score" | "comment", value: string) => void;
}) {
  const { t } = useTranslation();
  const scoreName = scoreField(criterion.id);
  const commentName = commentField(criterion.id);
  const scoreErrors = errors[scoreName];
  const commentErrors = errors[commentName];
  const values = scaleValues(criterion.scale);
  const describedBy = scoreErrors?.length ? `${scoreName}-error` : undefined;
  return (
    <CriterionFrame criterion={criterion}>
      <div className="score-row">
        <div className="field">
          <label htmlFor={scoreName}>{t("review.score")}</label>
          {values.length && values.length <= SELECT_MAX_OPTIONS ? (
            <select
              id={scoreName}
              name={scoreName}
              value={score}
              onChange={(e) => onChange("score", e.target.value)}
              aria-invalid={scoreErrors?.length ? true : undefined}
              aria-describedby={describedBy}
              disabled={disabled}
            >
              <option value="">{t("review.noScore")}</option>
              {/* A typed value off the list (an old draft) stays visible so the judge sees what is wrong. */}
              {score !== "" && !values.some((v) => String(v) === score) ? <option value={score}>{score}</option> : null}
              {values.map((v) => (
                <option key={v} value={String(v)}>
                  {v}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={scoreName}
              name={scoreName}
              type="number"
              inputMode="decimal"
              min={criterion.scale.min}
              max={criterion.scale.max}
              step={criterion.scale.step}
              value={score}
              onChange={(e) => onChange("score", e.target.value)}
              aria-invalid={scoreErrors?.length ? true : undefined}
              aria-describedby={describedBy}
              disabled={disabled}
            />
          )}
          <ErrorList id={`${scoreName}-error`} errors={scoreErrors} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={commentName}>{t("review.comment")}</label>
        <textarea
          id={commentName}
          name={commentName}
          rows={3}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => onChange("comment", e.target.value)}
          aria-invalid={commentErrors?.length ? true : undefined}
          aria-describedby={commentErrors?.length ? `${commentName}-error` : undefined}
          disabled={disabled}
        />
        <ErrorList id={`${commentName}-error`} errors={commentErrors} />
      </div>
    </CriterionFrame>
  );
}

/** What the judge gave on one criterion, read-only. */
export function CriterionResult({
  criterion,
  score,
}: {
  criterion: CriterionForJudge;
  score?: { value: number | null; comment: string };
}) {
  const { t } = useTranslation();
  return (
    <CriterionFrame criterion={criterion}>
      <dl className="facts">
        <dt>{t("review.score")}</dt>
        <dd>
          <strong>{score?.value ?? t("review.noScore")}</strong>
        </dd>
        <dt>{t("review.comment")}</dt>
        <dd className="review-text-inline">{score?.comment || "—"}</dd>
      </dl>
    </CriterionFrame>
  );
}
