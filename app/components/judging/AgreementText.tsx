// The confidentiality agreement as judges read it: its paragraphs, and the version they sign.
import { useTranslation } from "react-i18next";

export function AgreementText({ text, version }: { text: string; version: number }) {
  const { t } = useTranslation();
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className="stack">
      <p className="muted small">{t("judging.onboarding.agreementVersion", { version })}</p>
      <div className="prose agreement-text">
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </div>
  );
}
