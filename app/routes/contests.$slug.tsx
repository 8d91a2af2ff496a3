// A contest's public page, in the viewer's language: what it is, its tracks, who may enter, the
// timeline of rounds (each deadline in the viewer's time zone and the contest's), prizes and FAQ.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import { LocalizedBlock } from "#app/components/LocalizedBlock";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { readTimeZoneCookie } from "#app/infra/cookies.server";
import { hasPublicImpact } from "#app/services/impact.server";
import { getContestPage } from "#app/services/public-contests.server";
import { publicHeatLinks } from "#app/services/heats.server";
import { votingLinkVisible } from "#app/services/votes.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.page.contest.name.en} — Trellis` : "Trellis" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const ctx = serviceContext(request, context, auth);
  const result = await getContestPage(ctx, params.slug ?? "");
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return {
    page: result.value,
    viewerTimeZone: auth?.user.time_zone ?? readTimeZoneCookie(request) ?? "UTC",
    impact: await hasPublicImpact(ctx, result.value.contest),
    voting: await votingLinkVisible(ctx, result.value.contest.id),
    heatLinks: await publicHeatLinks(ctx, result.value.contest.id),
  };
}

export default function ContestPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, viewerTimeZone, impact, voting, heatLinks } = useLoaderData<typeof loader>();
  const { contest, tracks, rounds } = page;
  const deadline = (iso: string | null) =>
    iso ? <Deadline iso={iso} viewerTimeZone={viewerTimeZone} contestTimeZone={contest.timeZone} /> : t("manage.notSet");
  return (
    <article className="stack" aria-labelledby="contest-title">
      <header className="stack">
        <p className="eyebrow">
          <span className={`state state-${contest.state}`}>{t(`contestState.${contest.state}`)}</span>
        </p>
        <h1 id="contest-title" lang={pickedLanguage(contest.name, language)}>
          {pickLocalized(contest.name, language)}
        </h1>
        {heatLinks.final ? (
          <p>
            {t("heats.public.heatOf")}{" "}
            <Link to={`/contests/${heatLinks.final.slug}`} lang={pickedLanguage(heatLinks.final.name, language)}>
              {pickLocalized(heatLinks.final.name, language)}
            </Link>
          </p>
        ) : null}
        {page.canManage ? (
          <p>
            <Link to={`/manage/${contest.id}`}>{t("contest.manageLink")}</Link>
          </p>
        ) : null}
        {page.resultsPublished ? (
          <p>
            <Link className="btn btn-primary" to={`/contests/${contest.slug}/results`}>
              {t("published.resultsLink")}
            </Link>
          </p>
        ) : null}
        {voting ? (
          <p>
            <Link to={`/contests/${contest.slug}/vote`}>{t("votes.contestLink")}</Link>
          </p>
        ) : null}
        {impact ? (
          <p>
            <Link to={`/contests/${contest.slug}/impact`}>{t("impact.public.link")}</Link>
          </p>
        ) : null}
      </header>
      {contest.description ? <LocalizedBlock text={contest.description} language={language} /> : null}

      {heatLinks.heats.length ? (
        <section className="card" aria-labelledby="heats-title">
          <h2 id="heats-title">{t("heats.public.title")}</h2>
          <p>{t("heats.public.intro")}</p>
          <ul>
            {heatLinks.heats.map((h) => (
              <li key={h.slug}>
                <Link to={`/contests/${h.slug}`} lang={pickedLanguage(h.name, language)}>
                  {pickLocalized(h.name, language)}
                </Link>{" "}
                <span className="muted">({h.timeZone})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="register-title">
        <h2 id="register-title">{t("contest.registration")}</h2>
        {page.registrationOpen ? (
          <p>
            <Link className="btn btn-primary" to={`/contests/${contest.slug}/register`}>
              {t("contest.registerCta")}
            </Link>
          </p>
        ) : (
          <p className="muted">{t("contest.registerClosed")}</p>
        )}
        <dl className="facts">
          <dt>{t("manage.registrationOpens")}</dt>
          <dd>{deadline(contest.registrationOpensAt)}</dd>
          <dt>{t("manage.registrationCloses")}</dt>
          <dd>{deadline(contest.registrationClosesAt)}</dd>
          <dt>{t("manage.teamSize")}</dt>
          <dd>{t("manage.teamSizeRange", { min: contest.teamMin, max: contest.teamMax })}</dd>
          <dt>{t("contest.eligibility")}</dt>
          <dd>{contest.eligibleCountries.map((c) => countryName(c, language)).join(", ")}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="tracks-title">
        <h2 id="tracks-title">{t("manage.tracks")}</h2>
        <ul>
          {tracks.map((track) => (
            <li key={track.id}>
              <strong lang={pickedLanguage(track.name, language)}>{pickLocalized(track.name, language)}</strong>
              {track.womenLedOnly ? <span className="badge">{t("manage.womenLedOnly")}</span> : null}
              {track.description ? <span> — {pickLocalized(track.description, language)}</span> : null}
            </li>
          ))}
        </ul>
      </section>

      {rounds.length ? (
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("contest.timeline")}</h2>
          <ol className="timeline">
            {rounds.map((round) => (
              <li key={round.id}>
                <h3 lang={pickedLanguage(round.name, language)}>{pickLocalized(round.name, language)}</h3>
                <dl className="facts">
                  <dt>{t("manage.submissionOpens")}</dt>
                  <dd>{deadline(round.submissionOpensAt)}</dd>
                  <dt>{t("contest.submissionDeadline")}</dt>
                  <dd>{deadline(round.submissionClosesAt)}</dd>
                  {round.materials.length ? (
                    <>
                      <dt>{t("manage.materials")}</dt>
                      <dd>
                        {round.materials
                          .map((m) => `${pickLocalized(m.label, language)}${m.required ? "" : ` (${t("manage.optional")})`}`)
                          .join(", ")}
                      </dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {contest.prizes ? (
        <section className="card" aria-labelledby="prizes-title">
          <h2 id="prizes-title">{t("manage.prizes")}</h2>
          <LocalizedBlock text={contest.prizes} language={language} />
        </section>
      ) : null}
      {contest.faq ? (
        <section className="card" aria-labelledby="faq-title">
          <h2 id="faq-title">{t("manage.faq")}</h2>
          <LocalizedBlock text={contest.faq} language={language} />
        </section>
      ) : null}
      {contest.contactEmail ? (
        <p>
          {t("contest.contact")} <a href={`mailto:${contest.contactEmail}`}>{contest.contactEmail}</a>
        </p>
      ) : null}
    </article>
  );
}
