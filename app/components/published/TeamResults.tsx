// A team's own results of one published round: its place in its track, its score by the round's
// method, whether it went on, each criterion against the track's average, the judges' feedback
// (without names), its awards and its certificates.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import type { EntryResults } from "#app/services/publication.server";
import { CertificateList } from "./CertificateList";
import { CorrectionNotice } from "./CorrectionNotice";
import { CriteriaTable } from "./CriteriaTable";
import { oneDecimal } from "./format";

export function TeamResults({ results, viewerTimeZone }: { results: EntryResults; viewerTimeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const local = (text: LocalizedText | null) => (text ? pickLocalized(text, language) : "");
  const lang = (text: LocalizedText | null) => (text ? pickedLanguage(text, language) : undefined);
  const { view, contest } = results;
  const { entry } = view;
  const roundName = local(results.roundName) || t("published.roundFallback");
  const trackName = local(view.trackName);
  const place =
    entry.rank === null
      ? t("published.unranked")
      : t(entry.tied ? "published.rankTied" : "published.rank", {
          count: entry.rank,
          ordinal: true,
          total: view.rankedInTrack,
          track: trackName,
        });
  const next = local(results.nextRoundName);
  const advancement =
    entry.advanced === true
      ? next
        ? t("published.advancedInto", { round: next })
        : t("published.advancedIntoNext")
      : entry.advanced === false
        ? next
          ? t("published.notAdvancedInto", { round: next })
          : t("published.notAdvancedIntoNext")
        : null;

  return (
    <article className="stack" aria-labelledby="team-results-title">
      <header>
        <p className="eyebrow">
          <Link to={`/contests/${contest.slug}`} lang={lang(contest.name)}>
            {local(contest.name)}
          </Link>
        </p>
        <h1 id="team-results-title">{t("published.teamTitle", { round: roundName })}</h1>
        <p>
          <Link to={`/teams/${results.teamId}`}>{results.teamName}</Link> — <span className="entry-code">{results.code}</span>
          {trackName ? <> — {trackName}</> : null}
        </p>
        <p className="muted">
          {t("published.publishedOn")}{" "}
          <Deadline iso={results.publishedAt} viewerTimeZone={viewerTimeZone} contestTimeZone={contest.timeZone} />
        </p>
      </header>
      <CorrectionNotice version={results.version} reason={results.correction} />

      <section className="card" aria-labelledby="place-title">
        <h2 id="place-title">{t("published.placeTitle")}</h2>
        <p>
          <strong>{place}</strong>
        </p>
        <dl className="facts">
          <dt>{t("published.score")}</dt>
          <dd>
            {entry.score === null ? t("published.notScored") : oneDecimal(entry.score, language)}{" "}
            <span className="muted">({t("published.method", { method: t(`results.method.${results.method}`) })})</span>
          </dd>
          {advancement ? (
            <>
              <dt>{t("published.nextRound")}</dt>
              <dd>{advancement}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {view.criteria.length ? (
        <section className="card" aria-labelledby="criteria-title">
          <h2 id="criteria-title">{t("published.criteriaTitle")}</h2>
          <CriteriaTable criteria={view.criteria} trackName={trackName} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="feedback-title">
        <h2 id="feedback-title">{t("published.feedbackTitle")}</h2>
        {view.comments.length ? (
          <>
            <p className="muted">{t("published.feedbackNote")}</p>
            <div className="stack">
              {view.comments.map((comment, i) => (
                <div key={i}>
                  <blockquote className="review-text">{comment}</blockquote>
                </div>
              ))}
            </div>
          </>
        ) : (
          <p className="muted">{t("published.feedbackNone")}</p>
        )}
      </section>

      {view.awards.length ? (
        <section className="card" aria-labelledby="awards-title">
          <h2 id="awards-title">{t("published.awardsTitle")}</h2>
          <ul>
            {view.awards.map((award) => (
              <li key={award.awardId}>
                <strong lang={lang(award.name)}>{local(award.name)}</strong>
                {award.citation ? (
                  <>
                    {" "}
                    — <q>{award.citation}</q>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {results.certificates.length ? (
        <section className="card" aria-labelledby="certificates-title">
          <h2 id="certificates-title">{t("published.certificatesTitle")}</h2>
          <CertificateList certificates={results.certificates} teamName={results.teamName} />
        </section>
      ) : null}
    </article>
  );
}
