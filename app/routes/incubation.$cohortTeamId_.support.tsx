// A cohort team's support requests: its members ask for help and follow each request; its mentors
// and the organisers read them here. To anyone else the team does not exist.
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RequestCard } from "#app/components/support/RequestCard";
import { SupportRequestForm } from "#app/components/support/SupportRequestForm";
import { countryOptions } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { supportRequestSchema } from "#app/forms/support";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { createSupportRequest, teamSupport } from "#app/services/support.server";
import { parseId } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await teamSupport(serviceContext(request, context, auth), parseId(params.cohortTeamId));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  return {
    support: result.value,
    countries: result.value.canRequest ? countryOptions(language) : [],
    viewerTimeZone: auth.user.time_zone,
    title: getFixedT(language)("support.teamTitle", { team: result.value.teamName }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const cohortTeamId = parseId(params.cohortTeamId);
  const formData = await request.formData();
  if (formData.get("intent") !== "create") throw new Response("Unknown intent", { status: 400 });
  const submission = parseWithZod(formData, { schema: supportRequestSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await createSupportRequest(ctx, cohortTeamId, submission.value);
  if (!result.ok) {
    if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
    return replyWithError(submission, result.error);
  }
  return redirectWithToast(`/incubation/${cohortTeamId}/support`, { kind: "success", key: "support.created" });
}

export default function TeamSupportPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { support, countries, viewerTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="stack" aria-labelledby="page-title">
      <header className="stack">
        <p className="eyebrow">
          <span className="entry-code">{support.code}</span>{" "}
          <span lang={pickedLanguage(support.cohortName, language)}>{pickLocalized(support.cohortName, language)}</span>
        </p>
        <h1 id="page-title">{t("support.teamTitle", { team: support.teamName })}</h1>
        <p>
          <Link to={`/incubation/${support.cohortTeamId}`}>{t("support.backToTeam")}</Link>
          {support.organiser ? (
            <>
              {" · "}
              <Link to={`/manage/${support.contestId}/cohorts/${support.cohortId}/support`}>{t("support.queueLink")}</Link>
            </>
          ) : null}
        </p>
      </header>

      {support.canRequest ? (
        <>
          <p className="lead">{t("support.teamIntro")}</p>
          <section className="card stack" aria-labelledby="new-request-title">
            <h2 id="new-request-title">{t("support.newTitle")}</h2>
            <SupportRequestForm
              // A fresh form after each request sent.
              key={support.requests.length}
              countries={countries}
              lastResult={actionData?.result}
            />
          </section>
        </>
      ) : (
        <p className="alert alert-info">{t("support.readOnly")}</p>
      )}

      <section className="stack" aria-labelledby="requests-title">
        <h2 id="requests-title">{t("support.requestsTitle")}</h2>
        {support.requests.length === 0 ? <p className="muted">{t("support.none")}</p> : null}
        {support.requests.map((request) => (
          <RequestCard key={request.id} request={request} viewerTimeZone={viewerTimeZone} showTeam={false} />
        ))}
      </section>
    </section>
  );
}
