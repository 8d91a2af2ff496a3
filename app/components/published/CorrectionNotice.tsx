// The notice on a published round whose latest version corrected an earlier one, with the reason.
import { useTranslation } from "react-i18next";

export function CorrectionNotice({ version, reason }: { version: number; reason: string | null }) {
  const { t } = useTranslation();
  if (version < 2) return null;
  return (
    <div className="alert alert-info" role="note">
      <p>
        <strong>{t("published.correctedTitle")}</strong>
      </p>
      <p>{t("published.correctedText", { version })}</p>
      {reason ? <p>{t("published.correctedReason", { reason })}</p> : null}
    </div>
  );
}
