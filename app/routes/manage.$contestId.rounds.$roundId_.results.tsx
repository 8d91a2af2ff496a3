// The organiser's results of a round: every aggregation method side by side, ranked per track by the
// chosen one, with the reason for each place. For organisers only; the one change made here is
// asking one more judge about an entry whose reviews disagree.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { ResultsTable } from "#app/components/results/ResultsTable";
import { ASK_JUDGE_INTENT } from "#app/components/results/AskAnotherJudge";
import { TieBreakerNotice } from "#app/components/results/TieBreakerNotice";
import { ResultsExportLinks } from "#app/components/results/ResultsExportLinks";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { DEFAULT_RESULT_METHOD, isResultMethod, RESULT_METHODS } from "#app/domain/aggregation";
import { assignJudgeSchema } from "#app/forms/judges";
import { redirectWithToast } from "#app/infra/toast.server";
import { moderationView, requestModeration } from "#app/services/moderation.server";
import { chooseRoundMethod, roundResults } from "#app/services/results.server";
import { encodeError } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const asked = new URL(request.url).searchParams.get("method") ?? "";
  // Without a choice on screen, the page shows the round's own method.
  const results = await roundResults(ctx, contest.id, roundId, isResultMethod(asked) ? { method: asked } : {});
  if (!results.ok) {
    throw new Response(results.error.code, { status: results.error.code === "forbidden" ? 403 : 404 });
  }
  const flagged = results.value.tracks.flatMap((tr) => tr.entries.filter((e) => e.disagreement).map((e) => e.entryId));
  const moderation = await moderationView(ctx, contest.id, roundId, flagged);
  return { contest, results: results.value, moderation: moderation.ok ? moderation.value : null };
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
  const { contest, results, moderation } = useLoaderData<typeof loader>();
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
        <Button type="submit" variant="secondary">
          {t("results.show")}
        </Button>
      </Form>
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
            <ResultsTable
              entries={track.entries}
              method={results.method}
              methods={RESULT_METHODS}
              criteria={results.criteria}
              caption={t("results.caption", { track: trackName })}
              moderation={moderation ? { ...moderation, error: moderationError } : undefined}
            />
          </div>
        );
      })}
    </section>
  );
}
