// A contest's tracks: add one, rename one, remove one that has no entries.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Button } from "#app/components/ui/Button";
import { CheckboxField, FormErrors } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { trackSchema } from "#app/forms/contest";
import { redirectWithToast } from "#app/infra/toast.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { addTrack, deleteTrack, updateTrack, type TrackView } from "#app/services/tracks.server";
import { errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const { tracks } = await loadStructure(ctx, contest.id);
  return { contest, tracks };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const formData = await request.formData();
  if (formData.get("intent") === "update") {
    const trackId = parseId(String(formData.get("trackId") ?? ""));
    const submission = parseWithZod(formData, { schema: trackSchema });
    if (submission.status !== "success") return replyInvalid(submission, { extra: { trackId } });
    const result = await updateTrack(ctx, contest.id, trackId, submission.value);
    if (!result.ok) return replyWithError(submission, result.error, { extra: { trackId } });
    return redirectWithToast(`/manage/${contest.id}/tracks`, { kind: "success", key: "manage.saved" });
  }
  if (formData.get("intent") === "delete") {
    const result = await deleteTrack(ctx, contest.id, parseId(String(formData.get("trackId") ?? "")));
    if (!result.ok) return data({ deleteError: result.error.code }, { status: 400 });
    return redirectWithToast(`/manage/${contest.id}/tracks`, { kind: "success", key: "manage.trackDeleted" });
  }
  const submission = parseWithZod(formData, { schema: trackSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await addTrack(ctx, contest.id, submission.value);
  if (!result.ok) return replyWithError(submission, result.error);
  return redirectWithToast(`/manage/${contest.id}/tracks`, { kind: "success", key: "manage.trackAdded" });
}

export default function Tracks() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, tracks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "add-track",
    lastResult: actionData && "result" in actionData && !("trackId" in actionData) ? actionData.result : undefined,
    constraint: getZodConstraint(trackSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trackSchema }),
  });
  const deleteError = actionData && "deleteError" in actionData ? actionData.deleteError : null;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("manage.tracks")} />
      {deleteError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, deleteError)}
        </p>
      ) : null}
      <div className="card">
        <ul className="plain-list">
          {tracks.map((track) => (
            <li key={track.id} className="row">
              <span lang={pickedLanguage(track.name, language)}>{pickLocalized(track.name, language)}</span>
              {track.womenLedOnly ? <span className="badge">{t("manage.womenLedOnly")}</span> : null}
              <TrackEditor
                track={track}
                lastResult={
                  actionData && "trackId" in actionData && actionData.trackId === track.id ? actionData.result : undefined
                }
              />
              <Form method="post" className="push-right">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="trackId" value={track.id} />
                <Button
                  type="submit"
                  variant="link"
                  aria-label={t("manage.deleteTrackNamed", { name: pickLocalized(track.name, language) })}
                >
                  {t("manage.delete")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      </div>
      <div className="card narrow">
        <h2>{t("manage.addTrack")}</h2>
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <LocalizedFields meta={fields.name} label={t("manage.trackName")} />
            <LocalizedFields meta={fields.description} label={t("manage.description")} multiline />
            <CheckboxField meta={fields.womenLedOnly} label={t("manage.womenLedOnly")} hint={t("manage.womenLedOnlyHint")} />
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("manage.addTrack")}
            </Button>
          </Form>
        </FormProvider>
      </div>
    </section>
  );
}

function TrackEditor({ track, lastResult }: { track: TrackView; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: `track-${track.id}`,
    lastResult,
    constraint: getZodConstraint(trackSchema),
    shouldValidate: "onBlur",
    defaultValue: { name: track.name, description: track.description ?? {}, womenLedOnly: track.womenLedOnly ? "on" : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trackSchema }),
  });
  return (
    <details className="track-editor" open={Boolean(lastResult)}>
      <summary aria-label={t("manage.editTrackNamed", { name: pickLocalized(track.name, i18n.language as Language) })}>
        {t("manage.edit")}
      </summary>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="trackId" value={track.id} />
          <LocalizedFields meta={fields.name} label={t("manage.trackName")} />
          <LocalizedFields meta={fields.description} label={t("manage.description")} multiline />
          <CheckboxField meta={fields.womenLedOnly} label={t("manage.womenLedOnly")} />
          <Button type="submit" variant="secondary">
            {t("manage.save")}
          </Button>
        </Form>
      </FormProvider>
    </details>
  );
}
