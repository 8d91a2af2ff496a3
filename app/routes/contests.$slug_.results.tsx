// A contest's public results: per published round, the awards with their winners and the teams
// that went on. Before anything is published the page says when to come back.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PublicResults } from "#app/components/published/PublicResults";
import { pickLocalized } from "#app/domain/localized";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { readTimeZoneCookie } from "#app/infra/cookies.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { publicResults } from "#app/services/publication.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const result = await publicResults(serviceContext(request, context, auth), params.slug ?? "");
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth?.user.preferred_language);
  return {
    ...result.value,
    title: getFixedT(language)("published.metaTitle", { contest: pickLocalized(result.value.contest.name, language) }),
    viewerTimeZone: auth?.user.time_zone ?? readTimeZoneCookie(request) ?? "UTC",
  };
}

export default function ContestResultsPage() {
  const { contest, rounds, viewerTimeZone } = useLoaderData<typeof loader>();
  return <PublicResults contest={contest} rounds={rounds} viewerTimeZone={viewerTimeZone} />;
}
