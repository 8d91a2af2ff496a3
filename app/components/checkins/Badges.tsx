// Small pieces of the check-in pages: a period's name, a calendar date, the period's state in words,
// the check-in's status, and the mentor's status as a badge that carries words, not colour alone.
import { useTranslation } from "react-i18next";
import { formatDateOnly, periodLabel, type PeriodState } from "#app/domain/periods";
import type { MentorStatus } from "#db/schema";

/** The server and the browser format with their own ICU data, so the browser keeps the server's text. */
export function DateOnlyText({ value }: { value: string }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={value} suppressHydrationWarning>
      {formatDateOnly(value, i18n.language)}
    </time>
  );
}

export function PeriodName({ periodKey }: { periodKey: string }) {
  const { i18n } = useTranslation();
  return <span suppressHydrationWarning>{periodLabel(periodKey, i18n.language)}</span>;
}

/** "Open, due 10 Feb 2027" and the like, for the period as it stands today in the contest's zone. */
export function PeriodStateText({
  state,
  period,
}: {
  state: PeriodState;
  period: { start: string; dueOn: string; closesOn: string };
}) {
  const { t } = useTranslation();
  switch (state) {
    case "not_open":
      return (
        <span>
          {t("checkins.state.not_open")} <DateOnlyText value={period.start} />
        </span>
      );
    case "open":
      return (
        <span>
          {t("checkins.state.open")} <DateOnlyText value={period.dueOn} />
        </span>
      );
    case "late":
      return (
        <span>
          {t("checkins.state.late")} <DateOnlyText value={period.closesOn} />
        </span>
      );
    case "closed":
      return <span>{t("checkins.state.closed")}</span>;
  }
}

const MENTOR_TONE: Record<MentorStatus, string> = {
  on_track: "status-done",
  needs_attention: "status-missing",
  at_risk: "status-at-risk",
};

export function MentorStatusBadge({ status }: { status: MentorStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <span className="muted">{t("checkins.mentorStatus.none")}</span>;
  return <span className={`status ${MENTOR_TONE[status]}`}>{t(`checkins.mentorStatus.${status}`)}</span>;
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return <span className="status status-at-risk">{t("checkins.overdue")}</span>;
}

export function CheckinStatusText({
  status,
  submittedAt,
  timeZone,
  quiet = false,
}: {
  status: "none" | "draft" | "submitted";
  submittedAt: string | null;
  timeZone: string;
  /** For a period not open yet: "not started" is expected there, not a warning. */
  quiet?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (quiet && status === "none") return <span className="muted">{t("checkins.status.none")}</span>;
  if (status === "submitted" && submittedAt)
    return (
      <span className="status status-done" suppressHydrationWarning>
        {t("checkins.status.submittedOn", {
          when: new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone }).format(new Date(submittedAt)),
        })}
      </span>
    );
  return (
    <span className={`status ${status === "draft" ? "status-draft" : "status-missing"}`}>{t(`checkins.status.${status}`)}</span>
  );
}
