// The judge's phone at the live final: the finalist on stage, the phase, and a compact score form.
// The form shows while the finalist is on stage (pitch, questions, scoring), so a judge may score
// during the questions; it is gone once the result is revealed. Scores go out through an outbox
// that survives flaky Wi-Fi and reloads (useScoreOutbox); without JavaScript the form posts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PhaseName, PhaseTimer } from "#app/components/roadshow/Live";
import { PhoneScoreForm } from "#app/components/roadshow/PhoneScoreForm";
import { useScoreOutbox } from "#app/components/roadshow/useScoreOutbox";
import { secondsLeft } from "#app/domain/aggregation";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { roadshowState } from "#app/services/roadshow.server";
import { reviewPage } from "#app/services/reviews.server";
import { errorText } from "#app/utils/errors";
import { useLiveRevalidate } from "#app/utils/live-revalidate";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const sessionId = parseId(params.sessionId);
  const ctx = serviceContext(request, context, auth);
  const state = await roadshowState(ctx, sessionId);
  if (!state.ok) throw new Response("Not found", { status: 404 });
  const live = state.value;
  if (live.role === "organiser") throw redirect(`/manage/${live.contestId}/roadshow/${sessionId}`);
  const review = live.myAssignmentId ? await reviewPage(ctx, live.myAssignmentId) : null;
  return {
    live,
    review:
      review?.ok === true
        ? {
            window: review.value.round.window,
            version: review.value.review.version,
            criteria: review.value.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, scale: c.scale })),
          }
        : null,
    // For a post without JavaScript: a double post is then acknowledged, not refused.
    submitKey: globalThis.crypto.randomUUID(),
    secondsLeft: live.current ? secondsLeft(live.current.phase, live.current.phaseStartedAt, live.format, ctx.now) : null,
  };
}

export default function RoadshowPhone() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { live, review, submitKey, secondsLeft: left } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useLiveRevalidate(`/roadshow/${live.sessionId}/events`);
  const scoreUrl = `/roadshow/${live.sessionId}/score`;
  const outbox = useScoreOutbox(live.sessionId, scoreUrl, () => revalidator.revalidate());
  const current = live.current;
  const onStage = current && (current.phase === "pitch" || current.phase === "qa" || current.phase === "scoring");
  const pending = outbox.state.kind === "sending" || outbox.state.kind === "waiting";
  return (
    <section className="stack roadshow-phone" aria-labelledby="phone-title">
      <p className="eyebrow">{pickLocalized(live.roundName, language)}</p>
      <h1 id="phone-title">{current ? (current.team ?? current.code) : t("roadshow.screen.welcome")}</h1>
      {current ? (
        <>
          <p className="actions">
            <span className="entry-code">{current.code}</span> <PhaseName phase={current.phase} />
          </p>
          <PhaseTimer slot={current} format={live.format} initial={left} />
        </>
      ) : (
        <p>{live.status === "finished" ? t("roadshow.desk.finished") : t("roadshow.desk.notStarted")}</p>
      )}
      <div role="status" aria-live="polite" className="roadshow-send">
        {outbox.state.kind === "sending" ? <p>{t("roadshow.phone.sending")}</p> : null}
        {outbox.state.kind === "sent" ? <p className="save-ok">{t("roadshow.phone.sentShort")}</p> : null}
        {outbox.state.kind === "waiting" ? <p className="save-warn">{t("roadshow.phone.notSent")}</p> : null}
        {outbox.state.kind === "refused" ? <p className="save-error">{errorText(t, outbox.state.error)}</p> : null}
      </div>
      {current && live.myAssignmentId === null ? <p className="muted">{t("roadshow.phone.notOnPanel")}</p> : null}
      {current && live.myStatus === "submitted" ? <p className="alert alert-success">{t("roadshow.phone.scored")}</p> : null}
      {current && live.myAssignmentId !== null && live.myStatus !== "submitted" && !onStage ? (
        <p className="muted">{current.phase === "closed" ? t("roadshow.phone.closed") : t("roadshow.phone.wait")}</p>
      ) : null}
      {onStage && review && live.myAssignmentId !== null && live.myStatus !== "submitted" ? (
        review.window === "open" ? (
          <PhoneScoreForm
            key={live.myAssignmentId}
            action={scoreUrl}
            assignmentId={live.myAssignmentId}
            version={review.version}
            submitKey={submitKey}
            criteria={review.criteria}
            busy={pending}
            initial={outbox.pendingFields}
            onSubmit={outbox.submit}
          />
        ) : (
          <p className="alert alert-info">{t("roadshow.phone.windowClosed")}</p>
        )
      ) : null}
    </section>
  );
}
