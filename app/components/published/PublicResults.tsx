// The public results of a contest: per published round (latest first) its awards with their winners
// and, per track, the teams that went on to the next round. No scores and no ranks: those are the
// teams' own business.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import type { PublishedRound } from "#app/services/publication.server";
import { CorrectionNotice } from "./CorrectionNotice";

export interface PublicResultsProps {
  contest: { slug: string; name: LocalizedText; timeZone: string };
  rounds: PublishedRound[];
  viewerTimeZone: string;
}

export function PublicResults({ contest, rounds, viewerTimeZone }: PublicResultsProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // The latest round first: a visitor comes for the newest news.
  const newestFirst = [...rounds].reverse();
  return (
    <article className="stack" aria-labelledby="results-title">
      <header>
        <p className="eyebrow">
          <Link to={`/contests/${contest.slug}`} lang={pickedLanguage(contest.name, language)}>
            {pickLocalized(contest.name, language)}
          </Link>
        </p>
        <h1 id="results-title">{t("published.title")}</h1>
      </header>
      {newestFirst.length === 0 ? (
        <p className="card">{t("published.empty")}</p>
      ) : (
        newestFirst.map((round) => (
          <PublicRound key={round.roundId} round={round} contestTimeZone={contest.timeZone} viewerTimeZone={viewerTimeZone} />
        ))
      )}
    </article>
  );
}

function PublicRound({
  round,
  contestTimeZone,
  viewerTimeZone,
}: {
  round: PublishedRound;
  contestTimeZone: string;
  viewerTimeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const local = (text: LocalizedText | null) => (text ? pickLocalized(text, language) : "");
  const lang = (text: LocalizedText | null) => (text ? pickedLanguage(text, language) : undefined);
  const headingId = `round-${round.roundId}-title`;
  const anyAdvanced = round.tracks.some((track) => track.advanced.length > 0);
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <header>
        <h2 id={headingId} lang={lang(round.roundName)}>
          {local(round.roundName) || t("published.roundFallback")}
        </h2>
        <p className="muted">
          {t("published.publishedOn")}{" "}
          <Deadline iso={round.publishedAt} viewerTimeZone={viewerTimeZone} contestTimeZone={contestTimeZone} />
        </p>
      </header>
      <CorrectionNotice version={round.version} reason={round.correction} />

      {round.awards.length ? (
        <section aria-labelledby={`${headingId}-awards`}>
          <h3 id={`${headingId}-awards`}>{t("published.awardsTitle")}</h3>
          <div className="stack">
            {round.awards.map((award) => (
              <div key={award.awardId}>
                <h4 lang={lang(award.name)}>{local(award.name)}</h4>
                {award.description ? (
                  <p className="muted" lang={lang(award.description)}>
                    {local(award.description)}
                  </p>
                ) : null}
                <ul>
                  {award.winners.map((winner, i) => (
                    <li key={`${winner.teamName}-${i}`}>
                      <strong>{winner.teamName}</strong>
                      {winner.trackName ? (
                        <span className="muted">
                          {" "}
                          — <span lang={lang(winner.trackName)}>{local(winner.trackName)}</span>
                        </span>
                      ) : null}
                      {winner.citation ? (
                        <>
                          <br />
                          <q>{winner.citation}</q>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      {anyAdvanced ? (
        <section aria-labelledby={`${headingId}-advanced`}>
          <h3 id={`${headingId}-advanced`}>
            {round.nextRoundName
              ? t("published.advancedTo", { round: local(round.nextRoundName) })
              : t("published.advancedToNext")}
          </h3>
          {round.tracks.map((track) => (
            <div key={track.trackId}>
              <h4 lang={lang(track.name)}>{local(track.name)}</h4>
              {track.advanced.length ? (
                <ul>
                  {track.advanced.map((team) => (
                    <li key={team}>{team}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t("published.noneAdvanced")}</p>
              )}
            </div>
          ))}
        </section>
      ) : null}

      {round.awards.length === 0 && !anyAdvanced ? <p className="muted">{t("published.nothingInRound")}</p> : null}
    </section>
  );
}
