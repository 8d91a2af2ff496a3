// Calibration on a judge's pages: "score the calibration entry first" (with the link to it) on a
// review that waits for it, and on the calibration review how the judge's total sits against the
// panel's. Only the judge's own total, the panel's mean and the difference: never another judge.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CalibrationStanding } from "#app/domain/calibration-entry";

export type CalibrationMark =
  { kind: "entry"; standing: CalibrationStanding } | { kind: "waits"; assignmentId: number; code: string } | null;

/** The scoring page's notice. */
export function CalibrationNotice({ calibration }: { calibration: CalibrationMark }) {
  const { t } = useTranslation();
  if (!calibration) return null;
  if (calibration.kind === "waits")
    return <CalibrationFirst assignmentId={calibration.assignmentId} code={calibration.code} role="alert" />;
  return (
    <section className="card stack" aria-labelledby="calibration-title">
      <h2 id="calibration-title">{t("calibration.judge.entryTitle")}</h2>
      <p>{t("calibration.judge.entryIntro")}</p>
      <CalibrationStandingText standing={calibration.standing} />
    </section>
  );
}

/** "Score the calibration entry first", with the link to it. */
export function CalibrationFirst({
  assignmentId,
  code,
  role = "status",
}: {
  assignmentId: number;
  code: string;
  role?: "alert" | "status";
}) {
  const { t } = useTranslation();
  return (
    <p className="alert alert-info" role={role}>
      {t("calibration.judge.first")} <Link to={`/reviews/${assignmentId}`}>{t("calibration.judge.firstLink", { code })}</Link>
    </p>
  );
}

/** How the judge's calibration total sits against the panel, or what it waits for. */
export function CalibrationStandingText({ standing }: { standing: CalibrationStanding }) {
  const { t, i18n } = useTranslation();
  const one = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  if (standing.status === "not_submitted") return <p className="muted">{t("calibration.judge.notSubmitted")}</p>;
  if (standing.status === "waiting")
    return <p className="muted">{t("calibration.judge.waiting", { count: Math.max(1, standing.needed) })}</p>;
  return (
    <div className="stack">
      <p>
        <strong>{t(`calibration.leaning.${standing.leaning}`)}</strong>
      </p>
      <dl className="facts">
        <dt>{t("calibration.judge.yourTotal")}</dt>
        <dd>{one.format(standing.own)}</dd>
        <dt>{t("calibration.judge.panelMean", { count: standing.others })}</dt>
        <dd>{one.format(standing.panelMean)}</dd>
        <dt>{t("calibration.judge.difference")}</dt>
        <dd>{signed.format(standing.difference)}</dd>
      </dl>
      <p className="muted small">{t("calibration.judge.explain")}</p>
    </div>
  );
}
