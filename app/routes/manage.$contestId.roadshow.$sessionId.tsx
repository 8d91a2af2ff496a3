// The organiser's control desk for a live roadshow: the running order with each finalist's phase
// and result, the current finalist with its timer and who of the panel has scored, and the one or
// two steps that may come next. Updated live from the session's event stream.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { formatResult, PhaseName, PhaseTimer } from "#app/components/roadshow/Live";
import { Button } from "#app/components/ui/Button";
import { canStart, secondsLeft, TRIM_FROM, type PhaseAction } from "#app/domain/aggregation";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { controlRoadshow, roadshowState, scoreSheet } from "#app/services/roadshow.server";
import { encodeError, errorText } from "#app/utils/errors";
import { useLiveRevalidate } from "#app/utils/live-revalidate";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

const stepSchema = z.enum(["start", "pitch", "qa", "scoring", "close", "next", "finish"]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const sessionId = parseId(params.sessionId);
  const state = await roadshowState(ctx, sessionId);
  if (!state.ok || state.value.role !== "organiser" || state.value.contestId !== contest.id)
    throw new Response("Not found", { status: 404 });
  const live = state.value;
  const current = live.current;
  // Which totals a trimmed mean left out, for the announcement.
  const sheet = current?.phase === "closed" ? await scoreSheet(ctx, contest.id, sessionId, current.id) : null;
  return {
    contest,
    live,
    dropped: sheet?.ok ? sheet.value.result.dropped : [],
    secondsLeft: current ? secondsLeft(current.phase, current.phaseStartedAt, live.format, ctx.now) : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const sessionId = parseId(params.sessionId);
  const step = stepSchema.safeParse((await request.formData()).get("step"));
  if (!step.success) throw new Response("Bad request", { status: 400 });
  const result = await controlRoadshow(ctx, contest.id, sessionId, step.data);
  if (!result.ok) return data({ error: encodeError(result.error) }, { status: result.error.code === "not_found" ? 404 : 409 });
  return redirect(`/manage/${contest.id}/roadshow/${sessionId}`);
}

type Live = Awaited<ReturnType<typeof loader>>["live"];

/** The steps the desk offers now, in the order a show usually takes them. */
function nextSteps(live: Live): Array<z.infer<typeof stepSchema>> {
  if (live.status === "planned") return ["start"];
  if (live.status !== "live" || !live.current) return [];
  const current = live.current;
  const phases: PhaseAction[] = ["pitch", "qa", "scoring", "close"];
  const steps: Array<z.infer<typeof stepSchema>> = phases.filter((a) => canStart(a, current.phase));
  if (current.phase === "closed") {
    if (live.slots.some((s) => s.position > current.position)) steps.push("next");
    steps.push("finish");
  }
  return steps;
}

export default function RoadshowDesk() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, live, dropped, secondsLeft: left } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  useLiveRevalidate(`/roadshow/${live.sessionId}/events`);
  const current = live.current;
  const scored = live.panel.filter((p) => p.scored).length;
  const steps = nextSteps(live);
  const base = `/manage/${contest.id}/roadshow/${live.sessionId}`;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("roadshow.desk.title", { round: pickLocalized(live.roundName, language) })} />
      <p className="actions">
        <span className={`badge roadshow-status-${live.status}`}>{t(`roadshow.status.${live.status}`)}</span>
        <span>
          {t("roadshow.desk.methodLine", { method: t(`roadshow.method.${live.method}`) })}
          {live.format.pitchMinutes !== null
            ? ` · ${t("roadshow.desk.formatLine", { pitch: live.format.pitchMinutes, qa: live.format.qaMinutes ?? 0 })}`
            : ""}
        </span>
        <a href={`/roadshow/${live.sessionId}/screen`}>{t("roadshow.desk.screenLink")}</a>
      </p>

      <div className="card stack roadshow-current" aria-labelledby="current-title">
        <h2 id="current-title">{t("roadshow.desk.current")}</h2>
        {current ? (
          <>
            <p className="roadshow-finalist">
              <span className="entry-code">{current.code}</span> {current.team ?? ""} <PhaseName phase={current.phase} />
            </p>
            <PhaseTimer slot={current} format={live.format} initial={left} />
            <h3>{t("roadshow.desk.panel", { scored, total: live.panel.length })}</h3>
            <ul className="plain-list roadshow-panel">
              {live.panel.map((p) => (
                <li key={p.judgeId}>
                  <span aria-hidden="true" className={p.scored ? "save-ok" : "muted"}>
                    {p.scored ? "✓" : "…"}
                  </span>{" "}
                  {p.name}{" "}
                  <span className="visually-hidden">{p.scored ? t("roadshow.desk.scored") : t("roadshow.desk.notScored")}</span>
                </li>
              ))}
            </ul>
            {current.phase === "closed" ? (
              <div className="alert alert-success roadshow-result" role="status">
                <p>
                  <strong>{t("roadshow.result", { value: formatResult(current.result ?? null) })}</strong>
                </p>
                <p>
                  {t("roadshow.counted", { count: current.judgesCounted ?? 0 })}
                  {dropped.length ? ` ${t("roadshow.dropped", { values: dropped.map(formatResult).join(", ") })}` : ""}
                  {live.method === "trimmed_mean" && !dropped.length ? ` ${t("roadshow.notTrimmed", { min: TRIM_FROM })}` : ""}
                </p>
                <p>
                  <a href={`${base}/sheet/${current.id}`}>{t("roadshow.sheet.link")}</a>
                </p>
              </div>
            ) : null}
          </>
        ) : (
          <p>{live.status === "finished" ? t("roadshow.desk.finished") : t("roadshow.desk.notStarted")}</p>
        )}
        {actionData?.error ? (
          <p className="alert alert-error" role="alert">
            {errorText(t, actionData.error)}
          </p>
        ) : null}
        {steps.length ? (
          <Form method="post" className="actions">
            {steps.map((step, i) => (
              <Button
                key={step}
                type="submit"
                name="step"
                value={step}
                variant={i === 0 ? "primary" : "secondary"}
                disabled={navigation.state === "submitting"}
              >
                {t(`roadshow.step.${step}`)}
              </Button>
            ))}
          </Form>
        ) : null}
      </div>

      <div className="card stack">
        <h2>{t("roadshow.desk.order")}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("roadshow.finalist")}</th>
                <th scope="col">{t("roadshow.phaseHeading")}</th>
                <th scope="col">{t("roadshow.resultHeading")}</th>
                <th scope="col">{t("roadshow.sheet.heading")}</th>
              </tr>
            </thead>
            <tbody>
              {live.slots.map((s) => (
                <tr key={s.id} aria-current={s.id === current?.id ? "step" : undefined}>
                  <td>{s.position}</td>
                  <th scope="row">
                    <span className="entry-code">{s.code}</span> {s.team ?? ""}
                  </th>
                  <td>
                    <PhaseName phase={s.phase} />
                  </td>
                  <td>
                    {s.phase === "closed"
                      ? `${formatResult(s.result ?? null)} (${t("roadshow.counted", { count: s.judgesCounted ?? 0 })})`
                      : "—"}
                  </td>
                  <td>
                    {s.phase === "closed" ? (
                      <a href={`${base}/sheet/${s.id}`} aria-label={t("roadshow.sheet.linkFor", { code: s.code })}>
                        {t("roadshow.sheet.link")}
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
