// A contest's public impact summary: what its incubation cohorts achieved, in aggregates over at
// least five teams each. Public for a publicly visible contest with at least one cohort.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PublicImpactView } from "#app/components/impact/PublicImpactView";
import { pickLocalized } from "#app/domain/localized";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { publicImpact } from "#app/services/impact.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const result = await publicImpact(serviceContext(request, context, auth), params.slug ?? "");
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth?.user.preferred_language);
  return {
    impact: result.value,
    title: getFixedT(language)("impact.public.metaTitle", { contest: pickLocalized(result.value.contest.name, language) }),
  };
}

export default function ContestImpactPage() {
  const { impact } = useLoaderData<typeof loader>();
  return <PublicImpactView impact={impact} />;
}
