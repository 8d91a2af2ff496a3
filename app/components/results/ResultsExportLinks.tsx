// The results page's downloads: the rankings (by the method on screen) and every review, as CSV or XLSX.
import { useTranslation } from "react-i18next";
import type { ResultMethod } from "#app/domain/aggregation";

export function resultsExportHref(
  contestId: number,
  roundId: number,
  what: "rankings" | "reviews",
  format: "csv" | "xlsx",
  method: ResultMethod,
): string {
  const query = new URLSearchParams({ what, format, ...(what === "rankings" ? { method } : {}) });
  return `/manage/${contestId}/rounds/${roundId}/results/export?${query.toString()}`;
}

export function ResultsExportLinks({ contestId, roundId, method }: { contestId: number; roundId: number; method: ResultMethod }) {
  const { t } = useTranslation();
  const link = (what: "rankings" | "reviews", format: "csv" | "xlsx", label: string) => (
    <a href={resultsExportHref(contestId, roundId, what, format, method)} className="btn btn-secondary" download>
      {t(`resultsExport.links.${label}`)}
    </a>
  );
  return (
    <p className="actions">
      <span>{t("resultsExport.links.label")}</span>
      {link("rankings", "csv", "rankingsCsv")}
      {link("rankings", "xlsx", "rankingsXlsx")}
      {link("reviews", "csv", "reviewsCsv")}
      {link("reviews", "xlsx", "reviewsXlsx")}
    </p>
  );
}
