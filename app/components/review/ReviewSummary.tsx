// A review read-only: after it is submitted, or outside the review window.
import { useTranslation } from "react-i18next";
import { levelOfStored } from "#app/domain/confidence";
import { CriterionResult, type CriterionForJudge } from "./Criterion";
import type { ReviewForJudge } from "./ReviewForm";

export function ReviewSummary({ criteria, review }: { criteria: CriterionForJudge[]; review: ReviewForJudge }) {
  const { t } = useTranslation();
  // Stored 1–5 (older reviews used every step): shown as its level.
  const confidence = levelOfStored(review.confidence);
  return (
    <div className="stack">
      <h2 id="rubric-title">{t("review.rubric")}</h2>
      {criteria.map((c) => (
        <CriterionResult key={c.id} criterion={c} score={review.scores[c.id]} />
      ))}
      <section className="card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t("review.overall")}</h2>
        <h3>{t("review.feedback")}</h3>
        <div className="review-text">{review.feedback || "—"}</div>
        <div className="confidential">
          <h3>{t("review.note")}</h3>
          <p className="field-hint">{t("review.noteHint")}</p>
          <div className="review-text">{review.note || "—"}</div>
        </div>
        <h3>{t("review.confidence")}</h3>
        <p>{confidence ? t(`calibration.confidence.level.${confidence}`) : t("calibration.confidence.none")}</p>
      </section>
    </div>
  );
}
