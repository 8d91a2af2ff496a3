// The organiser's results of a round: every aggregation method side by side, ranked per track by the
// chosen one, with the reason for each place. Read-only and for organisers only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { ResultsTable } from "#app/components/results/ResultsTable";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { DEFAULT_RESULT_METHOD, isResultMethod, RESULT_METHODS } from "#app/domain/aggregation";
import { roundResults } from "#app/services/results.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const asked = new URL(request.url).searchParams.get("method") ?? "";
  const method = isResultMethod(asked) ? asked : DEFAULT_RESULT_METHOD;
  const results = await roundResults(ctx, contest.id, roundId, { method });
  if (!results.ok) {
    throw new Response(results.error.code, { status: results.error.code === "forbidden" ? 403 : 404 });
  }
  return { contest, results: results.value };
}

export default function RoundResultsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, results } = useLoaderData<typeof loader>();
  const roundName = results.roundName ? pickLocalized(results.roundName, language) : String(results.roundId);
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("results.title", { round: roundName })} />
      <p>
        <a href={`/manage/${contest.id}/rounds/${results.roundId}`}>{t("results.back")}</a>
      </p>
      <p className="field-hint">{t("results.intro")}</p>

      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="results-method">{t("results.methodLabel")}</label>
          <select id="results-method" name="method" defaultValue={results.method} key={results.method}>
            {RESULT_METHODS.map((m) => (
              <option key={m} value={m}>
                {m === DEFAULT_RESULT_METHOD
                  ? t("results.recommended", { method: t(`results.method.${m}`) })
                  : t(`results.method.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("results.show")}
        </Button>
      </Form>
      <p className="field-hint">{t("results.tieBreakers")}</p>

      {results.tracks.length === 0 ? <p className="muted">{t("results.noEntries")}</p> : null}
      {results.tracks.map((track) => {
        const trackName = track.name ? pickLocalized(track.name, language) : String(track.trackId);
        return (
          <div key={track.trackId} className="card stack">
            <h2>{trackName}</h2>
            {track.parts > 1 ? (
              <p className="alert alert-info" role="note">
                {t("results.parts", { count: track.parts })}
              </p>
            ) : null}
            <ResultsTable
              entries={track.entries}
              method={results.method}
              methods={RESULT_METHODS}
              criteria={results.criteria}
              caption={t("results.caption", { track: trackName })}
            />
          </div>
        );
      })}
    </section>
  );
}
