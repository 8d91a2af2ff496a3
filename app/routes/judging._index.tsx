// The judge's home: every assigned entry, grouped by contest and round, with its review's status,
// the round's review deadline and the judge's progress. A contest whose agreement is not yet signed
// links to its onboarding page instead (no entry is visible before that).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import { ReviewStatusBadge } from "#app/components/review/StatusBadge";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { judgeHome } from "#app/services/reviews.server";
import { liveRoadshowsForJudge } from "#app/services/roadshow.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const result = await judgeHome(ctx);
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return { ...result.value, live: await liveRoadshowsForJudge(ctx), timeZone: auth.user.time_zone };
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
  const { contests, assignments, live, timeZone } = useLoaderData<typeof loader>();
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
      {assignments.length === 0 && unsigned.length === 0 ? <p className="muted">{t("review.nothingAssigned")}</p> : null}
      {withWork.map((contest) => (
        <section key={contest.id} className="stack" aria-labelledby={`contest-${contest.id}`}>
          <h2 id={`contest-${contest.id}`}>{pickLocalized(contest.name, language)}</h2>
          {byRound(assignments.filter((a) => a.contestId === contest.id)).map((round) => {
            const done = round.items.filter((a) => a.status === "submitted").length;
            const progressId = `progress-${round.roundId}`;
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
                <ul className="assignment-list">
                  {round.items.map((a) => (
                    <li key={a.id}>
                      <Link to={`/reviews/${a.id}`} className="entry-code">
                        {a.code}
                      </Link>
                      <span>{pickLocalized(a.track, language)}</span>
                      {a.teamName ? <span className="muted">{a.teamName}</span> : null}
                      <ReviewStatusBadge status={a.status} />
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
