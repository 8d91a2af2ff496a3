// Home: what Trellis is for a visitor; for a signed-in user, their roles and teams.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { countryName } from "#app/domain/countries";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { myPlaces } from "#app/services/dashboard.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (!auth) return { user: null, places: null };
  const places = await myPlaces(serviceContext(request, context, auth));
  return {
    user: { name: auth.user.name, email: auth.user.email, verified: auth.actor.emailVerified, isAdmin: auth.actor.isAdmin },
    places,
  };
}

export default function Home() {
  const { user, places } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
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
            <li key={`${r.contestId}-${r.role}`}>{t(`home.role.${r.role}`, { contest: r.contestName })}</li>
          ))}
          {places.teams.map((team) => (
            <li key={team.teamId}>
              {t(`home.team.${team.role}`, { team: team.teamName })}{" "}
              <span className="muted">({countryName(team.country, i18n.language)})</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
