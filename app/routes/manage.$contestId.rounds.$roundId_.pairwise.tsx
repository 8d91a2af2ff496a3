// The organiser's view of a pairwise round: the Crowd-BT ranking with each entry's uncertainty, how
// sure the model is of each of the top places and about how many more comparisons would settle them,
// each judge's learned reliability, and the rubric ranking of the same entries beside it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { pairwiseRanking } from "#app/services/pairwise.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { ScrollTable } from "#app/components/ui/ScrollTable";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const result = await pairwiseRanking(ctx, contest.id, roundId);
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "forbidden" ? 403 : 404 });
  return { contest, ranking: result.value };
}

const percent = (p: number, language: string) =>
  new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(p);
const fixed = (x: number, language: string, digits = 2) =>
  new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

export default function PairwiseRankingPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, ranking } = useLoaderData<typeof loader>();
  const roundName = ranking.round.name ? pickLocalized(ranking.round.name, language) : `#${ranking.round.id}`;
  const rubric = ranking.rubric;
  const rubricRound =
    rubric?.kind === "round" ? (rubric.roundName ? pickLocalized(rubric.roundName, language) : `#${rubric.roundId}`) : null;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("pairwise.ranking.title", { round: roundName })} />
      <p>
        <Link to={`/manage/${contest.id}/rounds/${ranking.round.id}`}>{t("pairwise.ranking.back")}</Link>
      </p>
      {ranking.round.mode !== "pairwise" ? <p className="alert alert-info">{t("pairwise.ranking.notPairwise")}</p> : null}
      <p>{t("pairwise.ranking.comparisons", { count: ranking.comparisons })}</p>
      <p className="hint">{t("pairwise.ranking.perTrack")}</p>
      {ranking.tracks.length === 0 ? <p>{t("pairwise.ranking.none")}</p> : null}

      {ranking.tracks.map((track) => {
        const trackName = track.name ? pickLocalized(track.name, language) : `#${track.trackId}`;
        const codeOf = new Map(track.entries.map((e) => [e.entryId, e.code]));
        return (
          <div key={track.trackId} className="card stack">
            <h2 lang={track.name ? pickedLanguage(track.name, language) : undefined}>{trackName}</h2>
            <h3>{t("pairwise.ranking.settleTitle")}</h3>
            {track.settle.length === 0 ? (
              <p>{t("pairwise.ranking.none")}</p>
            ) : (
              <ul className="plain-list">
                {track.settle.map((s) => (
                  <li key={s.place}>
                    {t("pairwise.ranking.settlePlace", {
                      place: s.place,
                      higher: codeOf.get(s.higherId) ?? "",
                      lower: codeOf.get(s.lowerId) ?? "",
                      probability: percent(s.probability, language),
                    })}{" "}
                    {s.probability >= 0.95
                      ? t("pairwise.ranking.settled")
                      : s.moreComparisons === null
                        ? t("pairwise.ranking.unsettled")
                        : t("pairwise.ranking.moreComparisons", { count: s.moreComparisons, place: s.place })}
                  </li>
                ))}
              </ul>
            )}
            <p className="hint">{t("pairwise.ranking.settleHint")}</p>
            {track.rubric && rubric ? (
              <p>
                {rubricRound
                  ? t("pairwise.ranking.rubricCompared", { round: rubricRound, count: track.rubric.entries })
                  : t("pairwise.ranking.heatsCompared", { count: track.rubric.entries })}{" "}
                {track.rubric.tau === null
                  ? t("pairwise.ranking.tauNone")
                  : t("pairwise.ranking.tau", { tau: fixed(track.rubric.tau, language) })}
              </p>
            ) : (
              <p>{t("pairwise.ranking.noRubric")}</p>
            )}
            <ScrollTable label={t("pairwise.ranking.trackRanking", { track: trackName })}>
              <table>
                <caption className="visually-hidden">{t("pairwise.ranking.trackRanking", { track: trackName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("pairwise.ranking.place")}</th>
                    <th scope="col">{t("pairwise.ranking.entry")}</th>
                    <th scope="col">{t("pairwise.ranking.strength")}</th>
                    <th scope="col">{t("pairwise.ranking.uncertainty")}</th>
                    <th scope="col">{t("pairwise.ranking.entryComparisons")}</th>
                    <th scope="col">{t("pairwise.ranking.rubricScore")}</th>
                    <th scope="col">{t("pairwise.ranking.rubricPlace")}</th>
                  </tr>
                </thead>
                <tbody>
                  {track.entries.map((e) => (
                    <tr key={e.entryId}>
                      <td>{e.place}</td>
                      <th scope="row">
                        <span translate="no">{e.code}</span> {e.teamName}
                      </th>
                      <td>{fixed(e.mu, language)}</td>
                      <td>± {fixed(e.sigma, language)}</td>
                      <td>{e.comparisons}</td>
                      <td>{e.rubricScore === null ? "—" : fixed(e.rubricScore, language, 1)}</td>
                      <td>{e.rubricPlace ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        );
      })}

      <div className="card">
        <h2>{t("pairwise.ranking.judgesTitle")}</h2>
        <p className="hint">{t("pairwise.ranking.reliabilityHint")}</p>
        {ranking.judges.length === 0 ? (
          <p>{t("pairwise.ranking.none")}</p>
        ) : (
          <ScrollTable label={t("pairwise.ranking.judgesTitle")}>
            <table>
              <caption className="visually-hidden">{t("pairwise.ranking.judgesTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("pairwise.ranking.judge")}</th>
                  <th scope="col">{t("pairwise.ranking.judgeComparisons")}</th>
                  <th scope="col">{t("pairwise.ranking.cannotTell")}</th>
                  <th scope="col">{t("pairwise.ranking.reliability")}</th>
                </tr>
              </thead>
              <tbody>
                {ranking.judges.map((j) => (
                  <tr key={j.id}>
                    <th scope="row">{j.name}</th>
                    <td>{j.comparisons}</td>
                    <td>{j.cannotTell}</td>
                    <td>{percent(j.reliability, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </div>
    </section>
  );
}
