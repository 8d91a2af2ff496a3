// A team's own results of a published round (the address in the "results published" email).
// Members only: another team's entry does not exist; before publication the page says so.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TeamResults } from "#app/components/published/TeamResults";
import { pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { entryResults } from "#app/services/publication.server";
import { parseId } from "#app/utils/manage.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await entryResults(serviceContext(request, context, auth), parseId(params.entryId), parseId(params.roundId));
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const t = getFixedT(language);
  // The team's own entry: "not yet" is an answer, not a missing page.
  if (!result.ok && result.error.code === "not_published")
    return { results: null, title: t("published.notPublishedTitle"), viewerTimeZone: auth.user.time_zone };
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const round = result.value.roundName ? pickLocalized(result.value.roundName, language) : t("published.roundFallback");
  return {
    results: result.value,
    title: t("published.teamTitle", { round }),
    viewerTimeZone: auth.user.time_zone,
  };
}

export default function EntryResultsPage() {
  const { t } = useTranslation();
  const { results, viewerTimeZone } = useLoaderData<typeof loader>();
  if (!results)
    return (
      <section className="stack narrow" aria-labelledby="not-published-title">
        <h1 id="not-published-title">{t("published.notPublishedTitle")}</h1>
        <p>{t("published.notPublished")}</p>
        <p>
          <Link to="/">{t("published.backHome")}</Link>
        </p>
      </section>
    );
  return <TeamResults results={results} viewerTimeZone={viewerTimeZone} />;
}
