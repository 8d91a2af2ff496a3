// The organiser's results of a round: every aggregation method side by side, ranked per track by the
// chosen one, with the reason for each place. For organisers only; the one change made here is
// asking one more judge about an entry whose reviews disagree. Each track shows its first 50 places;
// one track at a time pages on (`?track=&page=`), and `?flagged=1` keeps only disagreeing entries.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { ResultsTable } from "#app/components/results/ResultsTable";
import { ASK_JUDGE_INTENT } from "#app/components/results/AskAnotherJudge";
import { TieBreakerNotice } from "#app/components/results/TieBreakerNotice";
import { ResultsExportLinks } from "#app/components/results/ResultsExportLinks";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { DEFAULT_RESULT_METHOD, isResultMethod, RESULT_METHODS, type ResultMethod } from "#app/domain/aggregation";
import { pageOf } from "#app/domain/paging";
import { assignJudgeSchema } from "#app/forms/judges";
import { redirectWithToast } from "#app/infra/toast.server";
import { moderationView, requestModeration } from "#app/services/moderation.server";
import { chooseRoundMethod, roundResults } from "#app/services/results.server";
import { encodeError } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

/** Places shown per track and page: a track of 12,000 entries is read a page at a time. */
export const RESULTS_PAGE_SIZE = 50;

// Read leniently: a bad value means "every track", "the first page", "not only flagged".
const querySchema = z.object({
  method: z.string().optional().catch(undefined),
  track: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  flagged: z.literal("1").optional().catch(undefined),
});

type ResultsQuery = { method: ResultMethod; track: number | null; page: number; flagged: boolean };

function resultsHref(base: string, query: ResultsQuery) {
  const params = new URLSearchParams({ method: query.method });
  if (query.track !== null) params.set("track", String(query.track));
  if (query.flagged) params.set("flagged", "1");
  if (query.page > 1) params.set("page", String(query.page));
  return `${base}?${params.toString()}`;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const url = new URL(request.url);
  const asked = querySchema.parse(Object.fromEntries(url.searchParams));
  // Without a choice on screen, the page shows the round's own method.
  const results = await roundResults(
    ctx,
    contest.id,
    roundId,
    asked.method && isResultMethod(asked.method) ? { method: asked.method } : {},
  );
  if (!results.ok) {
    throw new Response(results.error.code, { status: results.error.code === "forbidden" ? 403 : 404 });
  }
  const { tracks: allTracks, ...rest } = results.value;
  const track = allTracks.some((tr) => tr.trackId === asked.track) ? asked.track! : null;
  const flagged = asked.flagged === "1";
  const tracks = allTracks
    .filter((tr) => track === null || tr.trackId === track)
    .map((tr) => {
      const listed = flagged ? tr.entries.filter((e) => e.disagreement) : tr.entries;
      const shown = pageOf(listed, track === null ? 1 : (asked.page ?? 1), RESULTS_PAGE_SIZE);
      const { entries: _all, ...head } = tr;
      return {
        ...head,
        entries: shown.rows,
        page: shown.page,
        pages: shown.pages,
        listed: shown.total,
        ranked: tr.entries.length,
        flaggedCount: tr.entries.filter((e) => e.disagreement).length,
      };
    });
  const onScreen = tracks.flatMap((tr) => tr.entries.filter((e) => e.disagreement).map((e) => e.entryId));
  const moderation = await moderationView(ctx, contest.id, roundId, onScreen);
  const query: ResultsQuery = { method: rest.method, track, page: tracks[0]?.page ?? 1, flagged };
  return {
    contest,
    results: { ...rest, tracks, trackCount: allTracks.length },
    query,
    moderation: moderation.ok ? moderation.value : null,
  };
}

/**
 * Two changes are made here: choosing the method the round decides by (intent "decide"), and asking
 * one more judge about a flagged entry (intent "askJudge"); both come back to the same view.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const url = new URL(request.url);
  if (intent === "decide") {
    const method = String(formData.get("method") ?? "");
    if (!isResultMethod(method)) throw new Response("Unknown method", { status: 400 });
    const chosen = await chooseRoundMethod(ctx, contest.id, roundId, method);
    if (!chosen.ok) throw new Response(chosen.error.code, { status: chosen.error.code === "forbidden" ? 403 : 404 });
    return redirectWithToast(`${url.pathname}?method=${method}`, { kind: "success", key: "results.decided" });
  }
  if (intent !== ASK_JUDGE_INTENT) throw new Response("Unknown intent", { status: 400 });
  const entryId = Number(formData.get("entryId")) || null;
  const parsed = assignJudgeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ intent, entryId, message: "invalid_choice" }, { status: 400 });
  const result = await requestModeration(ctx, contest.id, roundId, parsed.data);
  if (!result.ok) {
    const status = result.error.code === "forbidden" ? 403 : result.error.code === "not_found" ? 404 : 400;
    return data({ intent, entryId, message: encodeError(result.error) }, { status });
  }
  return redirectWithToast(`${url.pathname}${url.search}`, {
    kind: "success",
    key: "moderation.requested",
    params: { judge: result.value.judgeName, code: result.value.code },
  });
}

export default function RoundResultsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, results, moderation, query } = useLoaderData<typeof loader>();
  const base = `/manage/${contest.id}/rounds/${results.roundId}/results`;
  const reply = useActionData<typeof action>();
  const moderationError = reply?.entryId ? { entryId: reply.entryId, message: reply.message } : null;
  const roundName = results.roundName ? pickLocalized(results.roundName, language) : String(results.roundId);
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("results.title", { round: roundName })} />
      <p>
        <a href={`/manage/${contest.id}/rounds/${results.roundId}`}>{t("results.back")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${results.roundId}/advancement`}>{t("advancement.link")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${results.roundId}/awards`}>{t("awards.link")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${results.roundId}/publish`}>{t("publication.link")}</a>
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
        {query.track !== null ? <input type="hidden" name="track" value={query.track} /> : null}
        <div className="field field-checkbox">
          <input id="results-flagged" type="checkbox" name="flagged" value="1" defaultChecked={query.flagged} />
          <label htmlFor="results-flagged">{t("results.flaggedOnly")}</label>
        </div>
        <Button type="submit" variant="secondary">
          {t("results.show")}
        </Button>
      </Form>
      {query.track !== null && results.trackCount > 1 ? (
        <p>
          <Link to={resultsHref(base, { ...query, track: null, page: 1 })}>{t("results.everyTrack")}</Link>
        </p>
      ) : null}
      <div className="inline-form">
        <p role="status">{t("results.decidesBy", { method: t(`results.method.${results.roundMethod}`) })}</p>
        {results.method !== results.roundMethod ? (
          <Form method="post">
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="method" value={results.method} />
            <Button type="submit" variant="secondary">
              {t("results.decide", { method: t(`results.method.${results.method}`) })}
            </Button>
          </Form>
        ) : null}
      </div>
      <TieBreakerNotice
        tieBreakers={results.tieBreakers}
        skippedKeys={results.unknownTieBreakerKeys}
        criteria={results.criteria}
      />
      <ResultsExportLinks contestId={contest.id} roundId={results.roundId} method={results.method} />

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
            <p className="muted">
              {query.flagged
                ? t("results.flaggedCount", { count: track.listed, ranked: track.ranked })
                : t("results.entryCount", { count: track.ranked, flagged: track.flaggedCount })}
            </p>
            <ResultsTable
              entries={track.entries}
              method={results.method}
              methods={RESULT_METHODS}
              criteria={results.criteria}
              caption={t("results.caption", { track: trackName })}
              moderation={moderation ? { ...moderation, error: moderationError } : undefined}
            />
            {query.track === null && track.pages > 1 ? (
              <p>
                <Link to={resultsHref(base, { ...query, track: track.trackId, page: 2 })}>
                  {t("results.morePlaces", { track: trackName, count: track.listed })}
                </Link>
              </p>
            ) : null}
            {query.track !== null && track.pages > 1 ? (
              <nav aria-label={t("results.pages", { track: trackName })} className="pager">
                {track.page > 1 ? (
                  <Link to={resultsHref(base, { ...query, page: track.page - 1 })}>{t("results.previous")}</Link>
                ) : null}
                <span>{t("results.pageOf", { page: track.page, pages: track.pages })}</span>
                {track.page < track.pages ? (
                  <Link to={resultsHref(base, { ...query, page: track.page + 1 })}>{t("results.next")}</Link>
                ) : null}
              </nav>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
