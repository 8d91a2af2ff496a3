// The certificates of an entry's awards: who holds each, and links to its PDF and its public check.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import type { EntryResults } from "#app/services/publication.server";

export function CertificateList({ certificates, teamName }: { certificates: EntryResults["certificates"]; teamName: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <ul className="plain-list">
      {certificates.map((c) => {
        const holder = c.recipientName ?? t("published.teamHolder", { team: teamName });
        const award = c.awardName ? pickLocalized(c.awardName, language) : "";
        return (
          <li key={c.code} className="row">
            <span>
              {award ? (
                <>
                  <strong lang={c.awardName ? pickedLanguage(c.awardName, language) : undefined}>{award}</strong> —{" "}
                </>
              ) : null}
              {holder}
              {c.mine ? <span className="badge">{t("published.you")}</span> : null}
              <br />
              <span className="muted small">
                {t("published.code")} <span className="entry-code">{c.code}</span>
              </span>
            </span>
            <span className="push-right actions">
              {/* A download, not a page: a plain link, so the router does not try to render it. */}
              <a href={`/certificates/${c.code}.pdf`}>
                {t("published.download")}
                <span className="visually-hidden"> {t("published.certificateOf", { holder })}</span>
              </a>
              <Link to={`/certificates/${c.code}`}>
                {t("published.verify")}
                <span className="visually-hidden"> {t("published.certificateOf", { holder })}</span>
              </Link>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
