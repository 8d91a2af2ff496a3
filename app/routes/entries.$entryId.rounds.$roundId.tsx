// A team hands in a round's materials: a file (with a drop zone and, with JavaScript, upload
// progress) per document, a text box per answer, a link field for the video. The deadline shows
// with the time left. The server checks everything again; after the deadline the page is read-only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import { Time } from "#app/components/Time";
import { Countdown } from "#app/components/submit/Countdown";
import { FileUploadForm } from "#app/components/submit/FileUploadForm";
import { MATERIALS_LANGUAGE_INTENT, MaterialsLanguageForm } from "#app/components/submit/MaterialsLanguageForm";
import { MaterialStatus } from "#app/components/submit/MaterialStatus";
import { HandInLanguageSelect } from "#app/components/submit/HandInLanguageSelect";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { isFileMaterial } from "#app/domain/upload-precheck";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { materialsLanguageForTeam, setMaterialsLanguage } from "#app/services/entry-language.server";
import { sendReceipt, submissionPage } from "#app/services/submissions.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";
import { handIn, handInStatus, readHandInForm } from "#app/utils/submit.server";
import { materialLanguageNames, materialLanguageOptions } from "#app/utils/language-names.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const entryId = parseId(params.entryId);
  const [result, materialsLanguage] = await Promise.all([
    submissionPage(ctx, entryId, parseId(params.roundId)),
    materialsLanguageForTeam(ctx, entryId),
  ]);
  if (!result.ok || !materialsLanguage.ok) throw new Response("Not found", { status: 404 });
  const uiLanguage = await getRequestLanguage(request, auth.user.preferred_language);
  // The server's clock goes with the page so the countdown can correct a browser clock that is off.
  return {
    page: result.value,
    materialsLanguage: materialsLanguage.value,
    languageOptions: materialLanguageOptions(uiLanguage),
    languageNames: materialLanguageNames(uiLanguage),
    timeZone: auth.user.time_zone,
    serverNow: ctx.now.toISOString(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const entryId = parseId(params.entryId);
  const roundId = parseId(params.roundId);
  const form = await readHandInForm(request);
  if (!form.ok)
    return data({ requirementId: form.reply.requirementId, message: form.reply.message }, { status: form.reply.status });
  const ctx = serviceContext(request, context, auth);
  const back = `/entries/${entryId}/rounds/${roundId}`;
  if (form.formData.get("intent") === "receipt") {
    const sent = await sendReceipt(ctx, entryId, roundId);
    if (!sent.ok) return data({ requirementId: null, message: encodeError(sent.error) }, { status: handInStatus(sent.error) });
    return redirectWithToast(back, { kind: "success", key: "submit.receiptSent" });
  }
  if (form.formData.get("intent") === MATERIALS_LANGUAGE_INTENT) {
    const saved = await setMaterialsLanguage(ctx, entryId, form.formData.get("language"));
    if (!saved.ok) {
      if (saved.error.code === "not_found") throw new Response("Not found", { status: 404 });
      const status = saved.error.code === "materials_language_locked" ? 409 : 400;
      return data({ requirementId: null, message: encodeError(saved.error), form: MATERIALS_LANGUAGE_INTENT }, { status });
    }
    return redirectWithToast(back, { kind: "success", key: "materialsLanguage.saved" });
  }
  const result = await handIn(ctx, { entryId, roundId }, form.formData);
  if (!result.ok) return data({ requirementId: result.requirementId, message: result.message }, { status: result.status });
  return redirectWithToast(back, { kind: "success", key: "submit.saved", params: { version: result.version } });
}

export default function SubmissionPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, materialsLanguage, languageOptions, languageNames, timeZone, serverNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const languageError = actionData && "form" in actionData ? actionData.message : undefined;
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  // The deadline passed while the page was open: the forms close at once, and the page asks the
  // server (whose clock decides) for its view.
  const [closedHere, setClosedHere] = useState(false);
  const revalidatedOnClose = useRef(false);
  const onDeadline = useCallback(() => {
    setClosedHere(true);
    if (revalidatedOnClose.current) return;
    revalidatedOnClose.current = true;
    revalidator.revalidate();
  }, [revalidator]);

  const open = page.window === "open" && !page.withdrawn && page.takesPart;
  const pageUrl = `/entries/${page.entryId}/rounds/${page.roundId}`;
  const deadlineText = page.deadline ? (
    <>
      {t("submit.deadline")} <Deadline iso={page.deadline} viewerTimeZone={timeZone} contestTimeZone={page.contest.timeZone} />
      {page.extended ? <span className="badge">{t("submit.extended")}</span> : null}
    </>
  ) : null;
  return (
    <section className="stack" aria-labelledby="submit-title">
      <header>
        <p className="eyebrow">
          <Link to={`/contests/${page.contest.slug}`}>{pickLocalized(page.contest.name, language)}</Link>
        </p>
        <h1 id="submit-title">{t("submit.title", { round: pickLocalized(page.roundName, language) })}</h1>
        {page.deadline && open && !closedHere ? (
          <Countdown deadline={page.deadline} serverNow={serverNow} onClosed={onDeadline}>
            {deadlineText}
          </Countdown>
        ) : deadlineText ? (
          <p>{deadlineText}</p>
        ) : null}
      </header>
      {!open ? (
        <p className="alert alert-info" role="status">
          {page.withdrawn
            ? t("errors:entry_withdrawn")
            : !page.takesPart
              ? t("errors:not_in_round")
              : page.window === "closed"
                ? t("submit.closed")
                : t("submit.notYetOpen")}
        </p>
      ) : closedHere ? (
        <p className="alert alert-info" role="alert">
          {t("handIn.closedNow")}
        </p>
      ) : null}
      <MaterialsLanguageForm
        language={materialsLanguage.language}
        editable={materialsLanguage.editable}
        withdrawn={page.withdrawn}
        error={languageError}
        busy={navigation.state === "submitting" && navigation.formData?.get("intent") === MATERIALS_LANGUAGE_INTENT}
      />
      {page.materials.length === 0 ? <p>{t("submit.nothingAsked")}</p> : null}
      {page.materials.map((m) => {
        const latest = m.versions[0];
        const errorId = `material-${m.id}-error`;
        const message = actionData && actionData.requirementId === m.id ? [actionData.message] : undefined;
        const kind = m.kind;
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
            <MaterialStatus latest={latest} timeZone={timeZone} languageNames={languageNames} />
            {open && isFileMaterial(kind) ? (
              <FileUploadForm
                requirementId={m.id}
                kind={kind}
                maxSizeMb={m.maxSizeMb}
                label={t("submit.chooseFile")}
                pageUrl={pageUrl}
                uploadUrl={`${pageUrl}/upload`}
                hasVersion={Boolean(latest)}
                serverMessage={message?.[0]}
                disabled={closedHere}
                extra={
                  <HandInLanguageSelect
                    requirementId={m.id}
                    value={latest?.language ?? materialsLanguage.language}
                    options={languageOptions}
                  />
                }
              />
            ) : open ? (
              <Form method="post" encType="multipart/form-data">
                <fieldset className="plain-fieldset" disabled={closedHere}>
                  <input type="hidden" name="requirementId" value={m.id} />
                  <div className="field">
                    <label htmlFor={`input-${m.id}`}>{m.kind === "video_link" ? t("submit.link") : t("submit.answer")}</label>
                    {m.kind === "video_link" ? (
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
                  <HandInLanguageSelect
                    requirementId={m.id}
                    value={latest?.language ?? materialsLanguage.language}
                    options={languageOptions}
                  />
                  <Button
                    type="submit"
                    variant="secondary"
                    busy={navigation.state === "submitting" && navigation.formData?.get("requirementId") === String(m.id)}
                  >
                    {latest ? t("submit.replace") : t("submit.send")}
                  </Button>
                </fieldset>
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
      {actionData && actionData.requirementId === null && !languageError ? (
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
        <Link to={`/entries/${page.entryId}/texts`}>{t("entryTexts.link")}</Link>
      </p>
      <p>
        <Link to={`/teams/${page.teamId}`}>{t("submit.backToTeam")}</Link>
      </p>
    </section>
  );
}
