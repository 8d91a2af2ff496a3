// What a certificate certifies, and whether it still stands: a verifier (an employer, an investor,
// a university) reads this after typing the code printed on the paper.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { formatInstant } from "#app/domain/time";
import type { CertificateFactsView } from "#app/services/publication.server";

export function CertificateFacts({ facts }: { facts: CertificateFactsView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const local = (text: LocalizedText | null) => (text ? pickLocalized(text, language) : "—");
  const lang = (text: LocalizedText | null) => (text ? pickedLanguage(text, language) : undefined);
  const { contest } = facts;
  return (
    <section className="card stack" aria-labelledby="certificate-status">
      {facts.valid ? (
        <div className="alert alert-success">
          <h2 id="certificate-status">{t("published.valid")}</h2>
        </div>
      ) : (
        <div className="alert alert-error">
          <h2 id="certificate-status">{t("published.revoked")}</h2>
          {facts.revokedAt ? (
            <p suppressHydrationWarning>
              {t("published.revokedOn", {
                date: formatInstant(facts.revokedAt, { locale: i18n.language, timeZone: contest.timeZone }),
              })}
            </p>
          ) : null}
        </div>
      )}
      <dl className="facts">
        <dt>{t("published.factCode")}</dt>
        <dd className="entry-code">{facts.code}</dd>
        <dt>{t("published.factAward")}</dt>
        <dd lang={lang(facts.awardName)}>{local(facts.awardName)}</dd>
        <dt>{t("published.factRecipient")}</dt>
        <dd>{facts.recipientName ?? t("published.theTeam")}</dd>
        <dt>{t("published.factTeam")}</dt>
        <dd>{facts.teamName}</dd>
        <dt>{t("published.factRound")}</dt>
        <dd lang={lang(facts.roundName)}>{local(facts.roundName)}</dd>
        <dt>{t("published.factContest")}</dt>
        <dd>
          <Link to={`/contests/${contest.slug}/results`} lang={lang(contest.name)}>
            {local(contest.name)}
          </Link>
        </dd>
        <dt>{t("published.factIssued")}</dt>
        <dd>
          <Time iso={facts.issuedAt} timeZone={contest.timeZone} />
        </dd>
      </dl>
      {facts.valid && facts.mayDownload ? (
        <p>
          {/* A download, not a page: a plain link, so the router does not try to render it. */}
          <a className="btn btn-secondary" href={`/certificates/${facts.code}.pdf`}>
            {t("published.download")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
