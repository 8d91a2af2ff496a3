// A review's stage as a badge: not started, draft, submitted.
import { useTranslation } from "react-i18next";

const TONE = { not_started: "status-missing", draft: "status-draft", submitted: "status-done" } as const;

export function ReviewStatusBadge({ status }: { status: keyof typeof TONE }) {
  const { t } = useTranslation();
  return <span className={`status ${TONE[status]}`}>{t(`review.status.${status}`)}</span>;
}
