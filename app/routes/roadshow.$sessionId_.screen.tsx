// The venue's big screen: the finalist on stage, the phase and a large timer, how many of the
// panel have scored (never the scores), then the result once revealed. Organisers only; it
// follows the desk live through the session's event stream.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatResult, PhaseName, PhaseTimer } from "#app/components/roadshow/Live";
import { secondsLeft } from "#app/domain/aggregation";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { roadshowState } from "#app/services/roadshow.server";
import { useLiveRevalidate } from "#app/utils/live-revalidate";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const sessionId = parseId(params.sessionId);
  const ctx = serviceContext(request, context, auth);
  const state = await roadshowState(ctx, sessionId);
  if (!state.ok || state.value.role !== "organiser") throw new Response("Not found", { status: 404 });
  const { current, panel, format, status, roundName } = state.value;
  return {
    sessionId,
    status,
    roundName,
    format,
    current: current
      ? {
          id: current.id,
          code: current.code,
          team: current.team,
          phase: current.phase,
          phaseStartedAt: current.phaseStartedAt,
          // The result only once revealed; the scores themselves never reach this screen.
          result: current.phase === "closed" ? (current.result ?? null) : null,
        }
      : null,
    scored: panel.filter((p) => p.scored).length,
    panelSize: panel.length,
    secondsLeft: current ? secondsLeft(current.phase, current.phaseStartedAt, format, ctx.now) : null,
  };
}

export default function RoadshowScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { sessionId, status, roundName, format, current, scored, panelSize, secondsLeft: left } = useLoaderData<typeof loader>();
  useLiveRevalidate(`/roadshow/${sessionId}/events`);
  return (
    <section className="roadshow-screen" aria-labelledby="screen-title">
      <p className="roadshow-screen-round">{pickLocalized(roundName, language)}</p>
      {current ? (
        <>
          <h1 id="screen-title" className="roadshow-screen-team">
            {current.team ?? current.code}
          </h1>
          <p className="roadshow-screen-phase">
            <PhaseName phase={current.phase} />
          </p>
          <PhaseTimer slot={current} format={format} initial={left} big />
          {current.phase === "closed" ? (
            <p className="roadshow-screen-result" role="status">
              {t("roadshow.result", { value: formatResult(current.result) })}
            </p>
          ) : current.phase !== "waiting" ? (
            <p className="roadshow-screen-scored" role="status">
              {t("roadshow.screen.scored", { scored, total: panelSize })}
            </p>
          ) : null}
        </>
      ) : (
        <h1 id="screen-title" className="roadshow-screen-team">
          {status === "finished" ? t("roadshow.desk.finished") : t("roadshow.screen.welcome")}
        </h1>
      )}
    </section>
  );
}
