// What organisers (route, progress, close, reopen, note) and the mentor a request is routed to
// (progress, close, note) can do with one support request. Each form names its request for screen
// readers and carries the version it saw, so a stale form is refused instead of overwriting.
import { FormProvider, getFormProps, getSelectProps, useField, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { ErrorList, FormErrors, TextAreaField, TextField } from "#app/components/ui/Field";
import { closeSchema, noteSchema, PARTNER_MAX, routeMentorSchema, routePartnerSchema } from "#app/forms/support";
import type { MentorOption, SupportRequestView } from "#app/services/support.server";
import { errorText } from "#app/utils/errors";
import { useRequestName } from "./RequestCard";

/** What a support page's action answers when it does not redirect. */
export type SupportActionData =
  | { intent: string; requestId: number | null; result: SubmissionResult<string[]> }
  | { intent: string; requestId: number | null; message: string };

type Result = SubmissionResult<string[]> | undefined;

function useBusy(intent: string, requestId: number) {
  const navigation = useNavigation();
  return (
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    navigation.formData?.get("requestId") === String(requestId)
  );
}

function Hidden({ intent, request, withVersion }: { intent: string; request: SupportRequestView; withVersion: boolean }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="requestId" value={request.id} />
      {withVersion ? <input type="hidden" name="version" value={request.version} /> : null}
    </>
  );
}

function MentorSelect({
  name,
  label,
  teamMentors,
  otherMentors,
}: {
  name: string;
  label: string;
  teamMentors: readonly MentorOption[];
  otherMentors: readonly MentorOption[];
}) {
  const { t } = useTranslation();
  const [meta] = useField<string | undefined>(name);
  const props = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={props.key}>
        <option value="">{t("support.chooseMentor")}</option>
        {teamMentors.length ? (
          <optgroup label={t("support.teamMentors")}>
            {teamMentors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </optgroup>
        ) : null}
        {otherMentors.length ? (
          <optgroup label={t("support.otherMentors")}>
            {otherMentors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function RouteMentorForm({
  request,
  teamMentors,
  otherMentors,
  lastResult,
}: {
  request: SupportRequestView;
  teamMentors: readonly MentorOption[];
  otherMentors: readonly MentorOption[];
  lastResult: Result;
}) {
  const { t } = useTranslation();
  const name = useRequestName()(request);
  const [form, fields] = useForm({
    id: `route-mentor-${request.id}`,
    lastResult,
    constraint: getZodConstraint(routeMentorSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: routeMentorSchema }),
  });
  const busy = useBusy("route-mentor", request.id);
  if (teamMentors.length + otherMentors.length === 0) return <p className="field-hint">{t("support.noMentors")}</p>;
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Hidden intent="route-mentor" request={request} withVersion />
        <MentorSelect
          name={fields.mentorId.name}
          label={t("support.mentorLabel")}
          teamMentors={teamMentors}
          otherMentors={otherMentors}
        />
        <Button type="submit" variant="secondary" busy={busy}>
          {t("support.routeMentorSubmit")}
          <span className="visually-hidden">: {name}</span>
        </Button>
      </Form>
    </FormProvider>
  );
}

function RoutePartnerForm({ request, lastResult }: { request: SupportRequestView; lastResult: Result }) {
  const { t } = useTranslation();
  const name = useRequestName()(request);
  const [form, fields] = useForm({
    id: `route-partner-${request.id}`,
    lastResult,
    constraint: getZodConstraint(routePartnerSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: routePartnerSchema }),
  });
  const busy = useBusy("route-partner", request.id);
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Hidden intent="route-partner" request={request} withVersion />
        <TextField
          meta={fields.partner}
          label={t("support.partnerLabel")}
          hint={t("support.partnerHint", { max: PARTNER_MAX })}
        />
        <Button type="submit" variant="secondary" busy={busy}>
          {t("support.routePartnerSubmit")}
          <span className="visually-hidden">: {name}</span>
        </Button>
      </Form>
    </FormProvider>
  );
}

function CloseForm({ request, lastResult, hint }: { request: SupportRequestView; lastResult: Result; hint: string }) {
  const { t } = useTranslation();
  const name = useRequestName()(request);
  const [form, fields] = useForm({
    id: `close-${request.id}`,
    lastResult,
    constraint: getZodConstraint(closeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closeSchema }),
  });
  const busy = useBusy("close", request.id);
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Hidden intent="close" request={request} withVersion />
        <TextAreaField meta={fields.resolution} label={t("support.resolution")} hint={hint} rows={4} />
        <Button type="submit" busy={busy}>
          {t("support.closeSubmit")}
          <span className="visually-hidden">: {name}</span>
        </Button>
      </Form>
    </FormProvider>
  );
}

function NoteForm({ request, lastResult }: { request: SupportRequestView; lastResult: Result }) {
  const { t } = useTranslation();
  const name = useRequestName()(request);
  const [form, fields] = useForm({
    id: `note-${request.id}`,
    lastResult,
    constraint: getZodConstraint(noteSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: noteSchema }),
  });
  const busy = useBusy("note", request.id);
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Hidden intent="note" request={request} withVersion={false} />
        <TextAreaField meta={fields.note} label={t("support.noteLabel")} hint={t("support.noteHint")} rows={3} />
        <Button type="submit" variant="secondary" busy={busy}>
          {t("support.noteSubmit")}
          <span className="visually-hidden">: {name}</span>
        </Button>
      </Form>
    </FormProvider>
  );
}

/** A one-click change (in progress, reopen): no fields but the version. */
function StepButton({ request, intent, label }: { request: SupportRequestView; intent: string; label: string }) {
  const name = useRequestName()(request);
  const busy = useBusy(intent, request.id);
  return (
    <Form method="post">
      <Hidden intent={intent} request={request} withVersion />
      <Button type="submit" variant="secondary" busy={busy}>
        {label}
        <span className="visually-hidden">: {name}</span>
      </Button>
    </Form>
  );
}

export function RequestActions({
  request,
  mode,
  teamMentors = [],
  otherMentors = [],
  actionData,
}: {
  request: SupportRequestView;
  mode: "organiser" | "mentor";
  teamMentors?: readonly MentorOption[];
  otherMentors?: readonly MentorOption[];
  /** The action's answer, when it was about this request. */
  actionData: SupportActionData | undefined;
}) {
  const { t } = useTranslation();
  const resultFor = (intent: string) =>
    actionData && "result" in actionData && actionData.intent === intent ? actionData.result : undefined;
  const message = actionData && "message" in actionData ? actionData.message : null;
  const closed = request.status === "closed";

  if (closed)
    return (
      <div className="stack">
        {message ? (
          <p className="alert alert-error" role="alert">
            {errorText(t, message)}
          </p>
        ) : null}
        {mode === "organiser" ? (
          <div className="inline-form">
            <StepButton request={request} intent="reopen" label={t("support.reopen")} />
          </div>
        ) : (
          <p className="field-hint">{t("support.closedForMentor")}</p>
        )}
      </div>
    );

  const routeResult = resultFor("route-mentor") ?? resultFor("route-partner");
  return (
    <div className="stack">
      {message ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, message)}
        </p>
      ) : null}
      {request.status === "in_progress" ? null : (
        <div className="inline-form">
          <StepButton request={request} intent="in-progress" label={t("support.markInProgress")} />
        </div>
      )}
      {mode === "organiser" ? (
        <details open={Boolean(routeResult)}>
          <summary>{t(request.routedTo ? "support.reroute" : "support.route")}</summary>
          <div className="stack">
            <RouteMentorForm
              request={request}
              teamMentors={teamMentors}
              otherMentors={otherMentors}
              lastResult={resultFor("route-mentor")}
            />
            <RoutePartnerForm request={request} lastResult={resultFor("route-partner")} />
          </div>
        </details>
      ) : null}
      <details open={Boolean(resultFor("note"))}>
        <summary>{t("support.addUpdate")}</summary>
        <NoteForm request={request} lastResult={resultFor("note")} />
      </details>
      <details open={Boolean(resultFor("close"))}>
        <summary>{t("support.closeTitle")}</summary>
        <CloseForm request={request} lastResult={resultFor("close")} hint={t("support.resolutionHint")} />
      </details>
    </div>
  );
}
