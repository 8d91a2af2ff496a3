// Support requests routed to the signed-in mentor, in every contest: the team, its contacts and the
// details; the mentor keeps the team posted with updates, marks a request in progress and closes it
// with a resolution (organisers can reopen it).
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RequestActions, type SupportActionData } from "#app/components/support/RequestActions";
import { RequestCard } from "#app/components/support/RequestCard";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { closeSchema, noteSchema, versionSchema } from "#app/forms/support";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { addUpdate, closeRequest, markInProgress, mentorSupport, type MentorSupportItem } from "#app/services/support.server";
import { encodeError } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await mentorSupport(serviceContext(request, context, auth));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  return { items: result.value, viewerTimeZone: auth.user.time_zone, title: getFixedT(language)("support.mentorTitle") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const requestId = parseId(String(formData.get("requestId") ?? ""));
  const extra = { intent, requestId };
  const back = "/mentoring/support";
  switch (intent) {
    case "close": {
      const submission = parseWithZod(formData, { schema: closeSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await closeRequest(ctx, requestId, submission.value);
      if (result.ok) return redirectWithToast(back, { kind: "success", key: "support.closed" });
      if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
      return replyWithError(submission, result.error, { extra });
    }
    case "note": {
      const submission = parseWithZod(formData, { schema: noteSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await addUpdate(ctx, requestId, submission.value);
      if (result.ok) return redirectWithToast(back, { kind: "success", key: "support.noted" });
      if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
      return replyWithError(submission, result.error, { extra });
    }
    case "in-progress": {
      const parsed = versionSchema.safeParse({ version: formData.get("version") ?? undefined });
      if (!parsed.success) return data({ ...extra, message: "changed_by_someone_else" }, { status: 400 });
      const result = await markInProgress(ctx, requestId, parsed.data);
      if (result.ok) return redirectWithToast(back, { kind: "success", key: "support.started" });
      if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
      return data(
        { ...extra, message: encodeError(result.error) },
        { status: result.error.code === "changed_by_someone_else" ? 409 : 400 },
      );
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

function MentorRequest({
  item,
  viewerTimeZone,
  actionData,
}: {
  item: MentorSupportItem;
  viewerTimeZone: string;
  actionData: SupportActionData | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <RequestCard
      request={item}
      viewerTimeZone={viewerTimeZone}
      showTeam
      extraFacts={
        <>
          <dt>{t("support.contest")}</dt>
          <dd>
            <span lang={pickedLanguage(item.contestName, language)}>{pickLocalized(item.contestName, language)}</span>
            {" · "}
            <span lang={pickedLanguage(item.cohortName, language)}>{pickLocalized(item.cohortName, language)}</span>
          </dd>
          <dt>{t("support.contacts")}</dt>
          <dd>
            <ul className="plain-list">
              {item.contacts.map((c) => (
                <li key={c.email}>
                  {c.name}
                  {c.lead ? <span className="badge">{t("support.lead")}</span> : null} <a href={`mailto:${c.email}`}>{c.email}</a>
                </li>
              ))}
            </ul>
          </dd>
        </>
      }
    >
      <RequestActions key={`${item.version}-${item.updates.length}`} request={item} mode="mentor" actionData={actionData} />
    </RequestCard>
  );
}

export default function MentorSupportPage() {
  const { t } = useTranslation();
  const { items, viewerTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as SupportActionData | undefined;
  const open = items.filter((i) => i.status !== "closed");
  const closed = items.filter((i) => i.status === "closed");
  const render = (item: MentorSupportItem) => (
    <MentorRequest
      key={item.id}
      item={item}
      viewerTimeZone={viewerTimeZone}
      actionData={actionData && actionData.requestId === item.id ? actionData : undefined}
    />
  );
  return (
    <section className="stack" aria-labelledby="page-title">
      <header className="stack">
        <h1 id="page-title">{t("support.mentorTitle")}</h1>
        <p>
          <Link to="/mentoring">{t("support.backToMentoring")}</Link>
        </p>
        <p className="lead">{t("support.mentorIntro")}</p>
      </header>
      <section className="stack" aria-labelledby="open-title">
        <h2 id="open-title">{t("support.toDo")}</h2>
        {open.length === 0 ? <p className="muted">{t("support.mentorNone")}</p> : open.map(render)}
      </section>
      {closed.length ? (
        <section className="stack" aria-labelledby="closed-title">
          <h2 id="closed-title">{t("support.closedTitle")}</h2>
          {closed.map(render)}
        </section>
      ) : null}
    </section>
  );
}
