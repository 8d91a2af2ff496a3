// The organisers' queue of one cohort's support requests: filter by status and kind, route each to a
// mentor or a partner, follow it, close it with a resolution, reopen it, and keep the team posted.
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { RequestActions, type SupportActionData } from "#app/components/support/RequestActions";
import { RequestCard } from "#app/components/support/RequestCard";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import {
  closeSchema,
  noteSchema,
  queueFilterSchema,
  routeMentorSchema,
  routePartnerSchema,
  SUPPORT_KINDS,
  SUPPORT_STATUSES,
  versionSchema,
} from "#app/forms/support";
import { redirectWithToast } from "#app/infra/toast.server";
import {
  addUpdate,
  closeRequest,
  markInProgress,
  reopenRequest,
  routeToMentor,
  routeToPartner,
  supportQueue,
} from "#app/services/support.server";
import { encodeError } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest, auth } = await requireManagedContest(request, context, params);
  const url = new URL(request.url);
  const filter = queueFilterSchema.parse({
    status: url.searchParams.get("status") || undefined,
    kind: url.searchParams.get("kind") || undefined,
  });
  const result = await supportQueue(ctx, contest.id, parseId(params.cohortId), filter);
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "forbidden" ? 403 : 404 });
  return { contest, queue: result.value, viewerTimeZone: auth.user.time_zone };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const cohortId = parseId(params.cohortId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const requestId = parseId(String(formData.get("requestId") ?? ""));
  const back = `/manage/${contest.id}/cohorts/${cohortId}/support`;
  const extra = { intent, requestId };
  // Stay on the filtered list the organiser was looking at (a form without action posts to the current URL).
  const query = new URLSearchParams();
  for (const key of ["status", "kind"]) {
    const value = new URL(request.url).searchParams.get(key);
    if (value) query.set(key, value);
  }
  const to = query.size ? `${back}?${query}` : back;

  switch (intent) {
    case "route-mentor": {
      const submission = parseWithZod(formData, { schema: routeMentorSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await routeToMentor(ctx, requestId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra });
      return redirectWithToast(to, { kind: "success", key: "support.routed" });
    }
    case "route-partner": {
      const submission = parseWithZod(formData, { schema: routePartnerSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await routeToPartner(ctx, requestId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra });
      return redirectWithToast(to, { kind: "success", key: "support.routed" });
    }
    case "close": {
      const submission = parseWithZod(formData, { schema: closeSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await closeRequest(ctx, requestId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra });
      return redirectWithToast(to, { kind: "success", key: "support.closed" });
    }
    case "note": {
      const submission = parseWithZod(formData, { schema: noteSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await addUpdate(ctx, requestId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra });
      return redirectWithToast(to, { kind: "success", key: "support.noted" });
    }
    case "in-progress":
    case "reopen": {
      const parsed = versionSchema.safeParse({ version: formData.get("version") ?? undefined });
      if (!parsed.success) return data({ ...extra, message: "changed_by_someone_else" }, { status: 400 });
      const result =
        intent === "reopen"
          ? await reopenRequest(ctx, requestId, parsed.data)
          : await markInProgress(ctx, requestId, parsed.data);
      if (!result.ok)
        return data(
          { ...extra, message: encodeError(result.error) },
          { status: result.error.code === "changed_by_someone_else" ? 409 : 400 },
        );
      return redirectWithToast(to, { kind: "success", key: intent === "reopen" ? "support.reopened" : "support.started" });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function SupportQueuePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, queue, viewerTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as SupportActionData | undefined;
  const cohortName = pickLocalized(queue.cohortName, language);
  const base = `/manage/${contest.id}/cohorts/${queue.cohortId}/support`;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("support.queueTitle", { cohort: cohortName })} />
      <p>
        <Link to={`/manage/${contest.id}/cohorts/${queue.cohortId}`}>{t("support.backToCohort")}</Link>
      </p>
      <p className="lead">{t("support.queueIntro")}</p>

      <dl className="facts" aria-label={t("support.countsLabel")}>
        {SUPPORT_STATUSES.map((s) => (
          <Fragment key={s}>
            <dt>{t(`support.status.${s}`)}</dt>
            <dd>{queue.counts[s]}</dd>
          </Fragment>
        ))}
      </dl>

      <Form method="get" action={base} className="progress-filters">
        <div className="field">
          <label htmlFor="filter-status">{t("support.filterStatus")}</label>
          <select id="filter-status" name="status" defaultValue={queue.filter.status ?? ""}>
            <option value="">{t("support.anyStatus")}</option>
            {SUPPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`support.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t("support.filterKind")}</label>
          <select id="filter-kind" name="kind" defaultValue={queue.filter.kind ?? ""}>
            <option value="">{t("support.anyKind")}</option>
            {SUPPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`support.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-form">
          <Button type="submit" variant="secondary">
            {t("support.filter")}
          </Button>
        </div>
      </Form>

      <section className="stack" aria-labelledby="requests-title">
        <h2 id="requests-title">{t("support.requestsTitle")}</h2>
        {queue.items.length === 0 ? (
          <p className="muted">{queue.total === 0 ? t("support.noneInCohort") : t("support.noneMatching")}</p>
        ) : null}
        {queue.items.map((item) => (
          <RequestCard
            key={item.id}
            request={item}
            viewerTimeZone={viewerTimeZone}
            showTeam
            extraFacts={
              <>
                <dt>{t("support.teamPage")}</dt>
                <dd>
                  <Link to={`/incubation/${item.cohortTeamId}/support`}>
                    {t("support.openTeamPage", { team: item.teamName })}
                  </Link>
                </dd>
              </>
            }
          >
            <RequestActions
              // Fresh forms after each change of the request.
              key={`${item.version}-${item.updates.length}`}
              request={item}
              mode="organiser"
              teamMentors={item.teamMentors}
              otherMentors={item.otherMentors}
              actionData={actionData && actionData.requestId === item.id ? actionData : undefined}
            />
          </RequestCard>
        ))}
      </section>
    </section>
  );
}
