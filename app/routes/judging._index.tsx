// The judge's home: every assigned entry, grouped by contest and round, with its review's status,
// the round's review deadline and the judge's progress. A contest whose agreement is not yet signed
// links to its onboarding page instead (no entry is visible before that).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import { CalibrationFirst, CalibrationStandingText } from "#app/components/review/CalibrationNotice";
import { ReviewStatusBadge } from "#app/components/review/StatusBadge";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { judgeHome } from "#app/services/reviews.server";
import { liveRoadshowsForJudge } from "#app/services/roadshow.server";
import { openPairwiseRoundsForJudge } from "#app/services/pairwise.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const result = await judgeHome(ctx);
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const [live, pairwise] = await Promise.all([liveRoadshowsForJudge(ctx), openPairwiseRoundsForJudge(ctx)]);
  return { ...result.value, live, pairwise, timeZone: auth.user.time_zone };
}

type Home = Awaited<ReturnType<typeof loader>>;
type Assignment = Home["assignments"][number];

/** Assignments of one contest, by round, in the order the service gives (round position, entry code). */
function byRound(assignments: Assignment[]) {
  const rounds: Array<{ roundId: number; name: Assignment["roundName"]; closesAt: string | null; items: Assignment[] }> = [];
  for (const a of assignments) {
    let round = rounds.find((r) => r.roundId === a.roundId);
    if (!round) rounds.push((round = { roundId: a.roundId, name: a.roundName, closesAt: a.reviewClosesAt, items: [] }));
    round.items.push(a);
  }
  return rounds;
}

export default function JudgingHome() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contests, assignments, calibrations, live, pairwise, timeZone } = useLoaderData<typeof loader>();
  const unsigned = contests.filter((c) => !c.signed && !c.withdrawn);
  const withWork = contests.filter((c) => assignments.some((a) => a.contestId === c.id));
  return (
    <section className="stack" aria-labelledby="judging-title">
      <h1 id="judging-title">{t("review.homeTitle")}</h1>
      {live.map((s) => (
        <p key={s.sessionId} className="alert alert-info">
          {t("roadshow.judgeHome")} <Link to={`/roadshow/${s.sessionId}`}>{t("roadshow.judgeHomeLink")}</Link>
        </p>
      ))}
      {unsigned.map((c) => (
        <div key={c.id} className="alert alert-info">
          <p>{t("review.signFirst", { contest: pickLocalized(c.name, language) })}</p>
          <p>
            <Link to={`/judging/${c.id}`}>{t("review.signLink")}</Link>
          </p>
        </div>
      ))}
      {pairwise.map((p) => (
        <article key={p.roundId} className="card stack" aria-labelledby={`pairwise-${p.roundId}`}>
          <h2 id={`pairwise-${p.roundId}`}>
            {pickLocalized(p.contestName, language)}: {pickLocalized(p.roundName, language)}
          </h2>
          <p>{t("pairwise.judge.homeIntro")}</p>
          {p.closesAt ? (
            <p>
              {t("review.deadline")} <Deadline iso={p.closesAt} viewerTimeZone={timeZone} contestTimeZone={p.contestTimeZone} />
            </p>
          ) : null}
          <p>
            <Link to={`/judging/${p.contestId}/pairwise/${p.roundId}`}>{t("pairwise.judge.homeLink")}</Link>
          </p>
        </article>
      ))}
      {assignments.length === 0 && unsigned.length === 0 && pairwise.length === 0 ? (
        <p className="muted">{t("review.nothingAssigned")}</p>
      ) : null}
      {withWork.map((contest) => (
        <section key={contest.id} className="stack" aria-labelledby={`contest-${contest.id}`}>
          <h2 id={`contest-${contest.id}`}>{pickLocalized(contest.name, language)}</h2>
          {byRound(assignments.filter((a) => a.contestId === contest.id)).map((round) => {
            const done = round.items.filter((a) => a.status === "submitted").length;
            const progressId = `progress-${round.roundId}`;
            const calibrating = calibrations.filter((c) => c.roundId === round.roundId);
            return (
              <article key={round.roundId} className="card stack" aria-labelledby={`round-${round.roundId}`}>
                <h3 id={`round-${round.roundId}`}>{pickLocalized(round.name, language)}</h3>
                {round.closesAt ? (
                  <p>
                    {t("review.deadline")}{" "}
                    <Deadline iso={round.closesAt} viewerTimeZone={timeZone} contestTimeZone={contest.timeZone} />
                  </p>
                ) : null}
                <div className="progress-line">
                  <label htmlFor={progressId}>{t("review.progress", { done, count: round.items.length })}</label>
                  <progress id={progressId} value={done} max={round.items.length}>
                    {done}/{round.items.length}
                  </progress>
                </div>
                {calibrating.map((c) => (
                  <section key={c.assignmentId} className="stack" aria-labelledby={`calibration-${c.assignmentId}`}>
                    <h4 id={`calibration-${c.assignmentId}`}>{t("calibration.judge.homeTitle", { code: c.code })}</h4>
                    {c.status === "submitted" ? (
                      <CalibrationStandingText standing={c.standing} />
                    ) : (
                      <CalibrationFirst assignmentId={c.assignmentId} code={c.code} />
                    )}
                  </section>
                ))}
                <ul className="assignment-list">
                  {round.items.map((a) => (
                    <li key={a.id}>
                      {a.calibration?.kind === "waits" ? (
                        <span className="entry-code">{a.code}</span>
                      ) : (
                        <Link to={`/reviews/${a.id}`} className="entry-code">
                          {a.code}
                        </Link>
                      )}
                      <span>{pickLocalized(a.track, language)}</span>
                      {a.teamName ? <span className="muted">{a.teamName}</span> : null}
                      {a.calibration?.kind === "entry" ? <span className="badge">{t("calibration.judge.badge")}</span> : null}
                      <ReviewStatusBadge status={a.status} />
                      {a.calibration?.kind === "waits" ? (
                        <CalibrationFirst assignmentId={a.calibration.assignmentId} code={a.calibration.code} />
                      ) : null}
                    </li>
                  ))}
                </ul>
              </article>
            );
          })}
        </section>
      ))}
    </section>
  );
}
