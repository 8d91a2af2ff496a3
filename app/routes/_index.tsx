// Home: what Trellis is for a visitor; for a signed-in user, their roles and teams.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { ContestList } from "#app/components/ContestList";
import { can } from "#app/domain/permissions";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { readTimeZoneCookie } from "#app/infra/cookies.server";
import { listMyContests } from "#app/services/contests.server";
import { myPlaces } from "#app/services/dashboard.server";
import { listPublicContests } from "#app/services/public-contests.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const ctx = serviceContext(request, context, auth);
  const contests = await listPublicContests(ctx);
  const viewerTimeZone = auth?.user.time_zone ?? readTimeZoneCookie(request) ?? "UTC";
  if (!auth) return { user: null, places: null, contests, managed: [], canCreate: false, viewerTimeZone };
  const [places, managed] = await Promise.all([myPlaces(ctx), listMyContests(ctx)]);
  return {
    user: { name: auth.user.name, email: auth.user.email, verified: auth.actor.emailVerified, isAdmin: auth.actor.isAdmin },
    places,
    contests,
    managed,
    canCreate: can(auth.actor, { type: "contest.create" }),
    viewerTimeZone,
  };
}

export default function Home() {
  const { user, places, contests, managed, canCreate, viewerTimeZone } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (!user || !places) {
    return (
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.heroTitle")}</h1>
        <p className="lead">{t("home.heroLead")}</p>
        <ul className="feature-list">
          <li>{t("home.featureTeams")}</li>
          <li>{t("home.featureJudges")}</li>
          <li>{t("home.featureOrganisers")}</li>
          <li>{t("home.featureLanguages")}</li>
        </ul>
        <p className="actions">
          <Link className="btn btn-primary" to="/signup">
            {t("layout.signUp")}
          </Link>
          <Link className="btn btn-secondary" to="/login">
            {t("layout.signIn")}
          </Link>
        </p>
        <ContestList contests={contests} viewerTimeZone={viewerTimeZone} />
      </section>
    );
  }
  const empty = !user.isAdmin && places.contestRoles.length === 0 && places.teams.length === 0;
  return (
    <section aria-labelledby="home-title" className="stack">
      <h1 id="home-title">{t("home.welcome", { name: user.name })}</h1>
      {!user.verified ? (
        <div className="alert alert-info">
          <p>{t("home.verifyBanner", { email: user.email })}</p>
          <Form method="post" action="/verify-email/resend">
            <Button type="submit" variant="secondary">
              {t("home.resend")}
            </Button>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <h2>{t("home.yourRoles")}</h2>
        {empty ? <p>{t("home.noRoles")}</p> : null}
        <ul className="role-list">
          {user.isAdmin ? <li>{t("home.roleAdmin")}</li> : null}
          {places.contestRoles.map((r) => (
            <li key={`${r.contestId}-${r.role}`}>
              {t(`home.role.${r.role}`, { contest: r.contestName })}
              {r.role === "judge" ? (
                <>
                  {" "}
                  <Link to={`/judging/${r.contestId}`}>{t("judging.open")}</Link>
                </>
              ) : null}
              {r.role === "mentor" ? (
                <>
                  {" "}
                  <Link to="/mentoring">{t("mentoring.open")}</Link>
                </>
              ) : null}
            </li>
          ))}
          {places.teams.map((team) => (
            <li key={team.teamId}>
              <Link to={`/teams/${team.teamId}`}>{t(`home.team.${team.role}`, { team: team.teamName })}</Link>{" "}
              <span className="muted">({countryName(team.country, i18n.language)})</span>
            </li>
          ))}
        </ul>
        <p>
          <Link className="btn btn-secondary" to="/teams/new">
            {t("home.createTeam")}
          </Link>
        </p>
      </div>
      {managed.length || canCreate ? (
        <div className="card">
          <h2>{t("home.yourContests")}</h2>
          <ul>
            {managed.map((c) => (
              <li key={c.id}>
                <Link to={`/manage/${c.id}`} lang={pickedLanguage(c.name, language)}>
                  {pickLocalized(c.name, language)}
                </Link>{" "}
                <span className={`state state-${c.state}`}>{t(`contestState.${c.state}`)}</span>
              </li>
            ))}
          </ul>
          {canCreate ? (
            <p>
              <Link className="btn btn-secondary" to="/contests/new">
                {t("home.createContest")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <ContestList contests={contests} viewerTimeZone={viewerTimeZone} />
    </section>
  );
}
