// One period's check-in of a cohort team. The team fills it in (draft, submit, edit until the
// period closes) and attaches files; its mentors and the organisers read what was submitted and set
// the mentor's status with a note. Anyone else, or a period the cohort does not have: not found.
import { parseWithZod } from "#app/utils/form";
import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Attachments } from "#app/components/checkins/Attachments";
import { CheckinStatusText, DateOnlyText, OverdueBadge, PeriodStateText } from "#app/components/checkins/Badges";
import { CheckinForm } from "#app/components/checkins/CheckinForm";
import { CheckinSummary } from "#app/components/checkins/CheckinSummary";
import { currencySelectOptions } from "#app/utils/currency-options.server";
import { MentorAssessment, MentorReviewForm } from "#app/components/checkins/MentorReview";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { periodLabel } from "#app/domain/periods";
import { ATTACHMENT_MAX_MB, checkinSchema, mentorReviewSchema } from "#app/forms/checkins";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { getStorage } from "#app/infra/storage/index.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { addCheckinAttachment, removeCheckinAttachment } from "#app/services/checkin-attachments.server";
import { checkinPage, reviewCheckin, saveCheckin } from "#app/services/checkins.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export type CheckinActionData = { intent: string; result?: SubmissionResult<string[]>; message?: string };

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await checkinPage(serviceContext(request, context, auth), parseId(params.cohortTeamId), params.period ?? "");
  if (!result.ok) throw notFound();
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const page = result.value;
  return {
    page,
    periodName: periodLabel(page.period.key, language),
    currencies: page.canEdit ? currencySelectOptions(language) : [],
    timeZone: auth.user.time_zone,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const cohortTeamId = parseId(params.cohortTeamId);
  const period = params.period ?? "";
  const back = `/incubation/${cohortTeamId}/checkins/${period}`;
  const refused = (intent: string, error: { code: string; params?: Record<string, string | number> }, status = 400) => {
    if (error.code === "not_found") throw notFound();
    return data<CheckinActionData>({ intent, message: encodeError(error) }, { status });
  };

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let formData: FormData;
    try {
      // One byte over the limit is enough to know the file is too large.
      formData = await parseMultipartFormData(
        request,
        createMemoryUploadHandler({ maxPartSize: ATTACHMENT_MAX_MB * 1024 * 1024 + 1 }),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError)
        return refused("upload", { code: "file_too_large", params: { max: ATTACHMENT_MAX_MB } }, 413);
      // Anything else the parser throws on is a body no browser sends (a part without a name...).
      return refused("upload", { code: "formInput.unreadable" });
    }
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return refused("upload", { code: "file_empty" });
    const result = await addCheckinAttachment(ctx, getStorage(), cohortTeamId, period, {
      fileName: file.name,
      data: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return refused("upload", result.error, result.error.code === "file_too_large" ? 413 : 400);
    return redirectWithToast(back, { kind: "success", key: "checkins.toast.attached" });
  }

  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "save":
    case "submit": {
      const extra = { intent: "checkin" };
      const submission = parseWithZod(formData, { schema: checkinSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await saveCheckin(ctx, cohortTeamId, period, submission.value);
      if (!result.ok) {
        if (result.error.code === "not_found") throw notFound();
        return replyWithError(submission, result.error, { extra });
      }
      return redirectWithToast(back, {
        kind: "success",
        key: result.value.status === "submitted" ? "checkins.toast.submitted" : "checkins.toast.saved",
      });
    }
    case "review": {
      const extra = { intent };
      const submission = parseWithZod(formData, { schema: mentorReviewSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await reviewCheckin(ctx, cohortTeamId, period, submission.value);
      if (!result.ok) {
        if (result.error.code === "not_found") throw notFound();
        return replyWithError(submission, result.error, { extra });
      }
      return redirectWithToast(back, { kind: "success", key: "checkins.toast.reviewed" });
    }
    case "remove-attachment": {
      const attachmentId = parseId(String(formData.get("attachmentId") ?? ""));
      const result = await removeCheckinAttachment(ctx, cohortTeamId, period, attachmentId);
      if (!result.ok) return refused("upload", result.error);
      return redirectWithToast(back, { kind: "success", key: "checkins.toast.removed" });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function CheckinPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, periodName, currencies, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as CheckinActionData | undefined;
  const { team, period, checkin } = page;
  const isTeam = team.roles.includes("team");
  const reply = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <section className="stack" aria-labelledby="page-title">
      <header className="stack">
        <p className="eyebrow">
          <Link to={`/incubation/${team.id}/checkins`}>{t("checkins.backToList")}</Link> · {team.name} ·{" "}
          {pickLocalized(team.cohortName, language)}
        </p>
        <h1 id="page-title">{t("checkins.periodTitle", { period: periodName })}</h1>
        <dl className="facts">
          <dt>{t("checkins.period")}</dt>
          <dd>
            <DateOnlyText value={period.start} /> – <DateOnlyText value={period.end} />
          </dd>
          <dt>{t("checkins.dueOn")}</dt>
          <dd>
            <DateOnlyText value={period.dueOn} /> <span className="muted small">{t("checkins.contestDates")}</span>
          </dd>
          <dt>{t("checkins.closesOn")}</dt>
          <dd>
            <DateOnlyText value={period.closesOn} />
          </dd>
          <dt>{t("checkins.stateLabel")}</dt>
          <dd>
            <PeriodStateText state={period.state} period={period} />
          </dd>
          <dt>{t("checkins.statusLabel")}</dt>
          <dd>
            <CheckinStatusText status={page.status} submittedAt={checkin?.submittedAt ?? null} timeZone={timeZone} />
            {page.overdue ? <OverdueBadge /> : null}
          </dd>
        </dl>
      </header>

      {isTeam && page.editRefusal && page.editRefusal !== "forbidden" ? (
        <p className="alert alert-info" role="status">
          {errorText(t, page.editRefusal)}
        </p>
      ) : null}

      {checkin?.status === "submitted" ? (
        <section className="card stack" aria-labelledby="mentor-title">
          <h2 id="mentor-title">{t("checkins.mentor.title")}</h2>
          <MentorAssessment
            status={checkin.mentorStatus}
            note={checkin.mentorNote}
            mentorName={checkin.mentorName}
            mentorAt={checkin.mentorAt}
            timeZone={timeZone}
          />
          {page.canReview ? (
            <MentorReviewForm
              key={checkin.mentorAt ?? "none"}
              status={checkin.mentorStatus}
              note={checkin.mentorNote}
              lastResult={reply("review")?.result}
            />
          ) : null}
        </section>
      ) : null}

      {page.canEdit ? (
        <CheckinForm
          key={page.version}
          checkin={checkin}
          version={page.version}
          submitted={page.status === "submitted"}
          milestones={page.milestones}
          currencies={currencies}
          reportingCurrency={team.reportingCurrency}
          lastResult={reply("checkin")?.result}
        />
      ) : checkin ? (
        <CheckinSummary checkin={checkin} milestones={page.milestones} />
      ) : (
        <p className="muted">{isTeam ? t("checkins.nothingFiled") : t("checkins.notSubmittedYet")}</p>
      )}

      {page.canEdit || page.attachments.length ? (
        <Attachments
          cohortTeamId={team.id}
          attachments={page.attachments}
          editable={page.canEdit}
          message={reply("upload")?.message}
        />
      ) : null}
    </section>
  );
}
