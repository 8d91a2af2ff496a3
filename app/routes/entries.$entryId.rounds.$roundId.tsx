// A team hands in a round's materials: a file input per document, a text box per answer, a link
// field for the video. The server checks everything again; after the deadline the page is read-only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getStorage } from "#app/infra/storage/index.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { sendReceipt, submissionPage, submitAnswer, uploadFile } from "#app/services/submissions.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";

/** The largest file any material may allow; each material's own limit is checked by the service. */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await submissionPage(serviceContext(request, context, auth), parseId(params.entryId), parseId(params.roundId));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return { page: result.value, timeZone: auth.user.time_zone };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const entryId = parseId(params.entryId);
  const roundId = parseId(params.roundId);
  let formData: FormData;
  try {
    formData = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data(
        { requirementId: null, message: encodeError({ code: "file_too_large", params: { max: 200 } }) },
        { status: 413 },
      );
    throw error;
  }
  const ctx = serviceContext(request, context, auth);
  const back = `/entries/${entryId}/rounds/${roundId}`;
  if (formData.get("intent") === "receipt") {
    const sent = await sendReceipt(ctx, entryId, roundId);
    if (!sent.ok) return data({ requirementId: null, message: encodeError(sent.error) }, { status: 400 });
    return redirectWithToast(back, { kind: "success", key: "submit.receiptSent" });
  }
  const requirementId = parseId(String(formData.get("requirementId") ?? ""));
  const file = formData.get("file");
  const result =
    file instanceof File
      ? await uploadFile(ctx, getStorage(), {
          entryId,
          roundId,
          requirementId,
          fileName: file.name,
          data: new Uint8Array(await file.arrayBuffer()),
        })
      : await submitAnswer(ctx, { entryId, roundId, requirementId, value: String(formData.get("value") ?? "") });
  if (!result.ok)
    return data(
      { requirementId, message: encodeError(result.error) },
      { status: result.error.code === "submission_closed" ? 409 : 400 },
    );
  return redirectWithToast(back, { kind: "success", key: "submit.saved", params: { version: result.value.version } });
}

export default function SubmissionPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const open = page.window === "open" && !page.withdrawn;
  return (
    <section className="stack" aria-labelledby="submit-title">
      <header>
        <p className="eyebrow">
          <Link to={`/contests/${page.contest.slug}`}>{pickLocalized(page.contest.name, language)}</Link>
        </p>
        <h1 id="submit-title">{t("submit.title", { round: pickLocalized(page.roundName, language) })}</h1>
        {page.deadline ? (
          <p>
            {t("submit.deadline")}{" "}
            <Deadline iso={page.deadline} viewerTimeZone={timeZone} contestTimeZone={page.contest.timeZone} />
            {page.extended ? <span className="badge">{t("submit.extended")}</span> : null}
          </p>
        ) : null}
      </header>
      {!open ? (
        <p className="alert alert-info" role="status">
          {page.withdrawn ? t("errors:entry_withdrawn") : page.window === "closed" ? t("submit.closed") : t("submit.notYetOpen")}
        </p>
      ) : null}
      {page.materials.length === 0 ? <p>{t("submit.nothingAsked")}</p> : null}
      {page.materials.map((m) => {
        const latest = m.versions[0];
        const errorId = `material-${m.id}-error`;
        const message = actionData && actionData.requirementId === m.id ? [actionData.message] : undefined;
        const isFile = m.kind === "pitch_deck" || m.kind === "business_plan";
        return (
          <article key={m.id} className="card" aria-labelledby={`material-${m.id}`}>
            <h2 id={`material-${m.id}`}>
              {pickLocalized(m.label, language)}{" "}
              <span className="muted small">({m.required ? t("manage.required") : t("manage.optional")})</span>
            </h2>
            <p className="muted small">
              {t(`materialKind.${m.kind}`)}
              {m.maxSizeMb ? ` · ${t("manage.maxSize", { mb: m.maxSizeMb })}` : ""}
              {m.maxPages ? ` · ${t("manage.maxPages", { count: m.maxPages })}` : ""}
              {m.maxChars ? ` · ${t("manage.maxChars", { count: m.maxChars })}` : ""}
            </p>
            <p>
              {latest ? (
                <>
                  <strong>{t("submit.current", { version: latest.version })}</strong>{" "}
                  {latest.kind === "file" ? (
                    <a href={`/files/${latest.id}`}>{latest.fileName}</a>
                  ) : latest.kind === "link" ? (
                    <a href={latest.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank">
                      {latest.url}
                    </a>
                  ) : (
                    <span className="prose">{latest.text}</span>
                  )}{" "}
                  <span className="muted small">
                    — <Time iso={latest.createdAt} timeZone={timeZone} />
                    {latest.uploadedBy ? `, ${latest.uploadedBy}` : ""}
                    {latest.sha256 ? ` · SHA-256 ${latest.sha256.slice(0, 12)}…` : ""}
                  </span>
                </>
              ) : (
                <span className="badge">{t("submit.missing")}</span>
              )}
            </p>
            {open ? (
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="requirementId" value={m.id} />
                <div className="field">
                  <label htmlFor={`input-${m.id}`}>
                    {isFile ? t("submit.chooseFile") : m.kind === "video_link" ? t("submit.link") : t("submit.answer")}
                  </label>
                  {isFile ? (
                    <input
                      id={`input-${m.id}`}
                      type="file"
                      name="file"
                      required
                      accept={m.kind === "pitch_deck" ? "application/pdf,.pdf" : "application/pdf,.pdf,.docx"}
                      aria-invalid={message ? true : undefined}
                      aria-describedby={message ? errorId : undefined}
                    />
                  ) : m.kind === "video_link" ? (
                    <input
                      id={`input-${m.id}`}
                      type="url"
                      name="value"
                      required
                      defaultValue={latest?.url ?? ""}
                      aria-invalid={message ? true : undefined}
                      aria-describedby={message ? errorId : undefined}
                    />
                  ) : (
                    <textarea
                      id={`input-${m.id}`}
                      name="value"
                      required
                      rows={5}
                      maxLength={m.maxChars ?? undefined}
                      defaultValue={latest?.text ?? ""}
                      aria-invalid={message ? true : undefined}
                      aria-describedby={message ? errorId : undefined}
                    />
                  )}
                  <ErrorList id={errorId} errors={message} />
                </div>
                <Button
                  type="submit"
                  variant="secondary"
                  busy={navigation.state === "submitting" && navigation.formData?.get("requirementId") === String(m.id)}
                >
                  {latest ? t("submit.replace") : t("submit.send")}
                </Button>
              </Form>
            ) : null}
            {m.versions.length > 1 ? (
              <details>
                <summary>{t("submit.history", { count: m.versions.length })}</summary>
                <ol reversed>
                  {m.versions.map((v) => (
                    <li key={v.id}>
                      {v.kind === "file" ? <a href={`/files/${v.id}`}>{v.fileName}</a> : (v.url ?? t("submit.textVersion"))} —{" "}
                      <Time iso={v.createdAt} timeZone={timeZone} />
                      {v.sha256 ? <code className="small"> {v.sha256}</code> : null}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
          </article>
        );
      })}
      {actionData && actionData.requirementId === null ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, actionData.message)}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card">
        <input type="hidden" name="intent" value="receipt" />
        <p className="muted">{t("submit.receiptHint")}</p>
        <Button type="submit" variant="secondary">
          {t("submit.receipt")}
        </Button>
      </Form>
      <p>
        <Link to={`/teams/${page.teamId}`}>{t("submit.backToTeam")}</Link>
      </p>
    </section>
  );
}
