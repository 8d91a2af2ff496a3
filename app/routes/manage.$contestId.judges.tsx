// Organisers: the contest's judges. Invite one, or many from a CSV file (nobody when a line is
// wrong); see who signed the agreement, their conflicts and load; revoke invitations, withdraw judges.
import { FormProvider, getFormProps, getInputProps, useForm, useField, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup } from "#app/components/judging/CheckboxGroup";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { ErrorList, FormErrors, SelectField, TextField, type FieldRef } from "#app/components/ui/Field";
import { countryName, countryOptions } from "#app/domain/countries";
import { languageName, MATERIAL_LANGUAGES } from "#app/domain/judging";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { JUDGE_CSV_MAX_KB, judgeCsvSchema, judgeInviteSchema } from "#app/forms/judges";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { withdrawJudge } from "#app/services/assignments.server";
import { contestJudges, inviteJudgesFromCsv, type ContestJudges } from "#app/services/judges-admin.server";
import { inviteJudges, revokeJudgeInvitation } from "#app/services/judges.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const [judges, language] = await Promise.all([
    contestJudges(ctx, contest.id),
    getRequestLanguage(request, auth.user.preferred_language),
  ]);
  if (!judges.ok) throw new Response(judges.error.code, { status: judges.error.code === "not_found" ? 404 : 403 });
  return { contest, ...judges.value, countries: countryOptions(language), viewerTimeZone: auth.user.time_zone };
}

type CsvReply = { intent: "csv"; result: SubmissionResult<string[]>; lines?: Array<{ line: number; message: string }> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const back = `/manage/${contest.id}/judges`;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let formData: FormData;
    try {
      formData = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: JUDGE_CSV_MAX_KB * 1024 }));
    } catch (error) {
      // Anything else the parser throws on is a body no browser sends (a part without a name...).
      const tooLarge = error instanceof MaxPartSizeExceededError;
      const result: SubmissionResult<string[]> = {
        status: "error",
        error: {
          csv: [tooLarge ? encodeError({ code: "csv_too_large", params: { max: JUDGE_CSV_MAX_KB } }) : "formInput.unreadable"],
        },
      };
      return data<CsvReply>({ intent: "csv", result }, { status: tooLarge ? 413 : 400 });
    }
    const submission = parseWithZod(formData, { schema: judgeCsvSchema });
    if (submission.status !== "success") return replyInvalid(submission, { hideFields: ["csv"], extra: { intent: "csv" } });
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await submission.value.csv.arrayBuffer());
    } catch {
      return replyWithError(
        submission,
        { code: "csv_not_utf8", field: "csv" },
        { hideFields: ["csv"], extra: { intent: "csv" } },
      );
    }
    const result = await inviteJudgesFromCsv(ctx, contest.id, text);
    if (!result.ok) {
      const lines = result.problems.map((p) => ({ line: p.line, message: encodeError({ code: p.code, params: p.params }) }));
      const reply = replyWithError(submission, result.error, { hideFields: ["csv"], extra: { intent: "csv" as const, lines } });
      return reply;
    }
    const { invited, skipped } = result.value;
    return redirectWithToast(back, {
      kind: "success",
      key: skipped ? "judging.judges.invitedManySkipped" : "judging.judges.invitedMany",
      params: { count: invited, skipped },
    });
  }

  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "invite": {
      const submission = parseWithZod(formData, { schema: judgeInviteSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const { email, name, organisation, country, trackIds, languages } = submission.value;
      const result = await inviteJudges(ctx, contest.id, [
        { email, name: name ?? null, organisation: organisation ?? null, country: country ?? null, trackIds, languages },
      ]);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return result.value.skipped
        ? redirectWithToast(back, { kind: "info", key: "judging.judges.alreadyJudge", params: { email } })
        : redirectWithToast(back, { kind: "success", key: "judging.judges.invitedOne", params: { email } });
    }
    case "revoke": {
      const result = await revokeJudgeInvitation(ctx, contest.id, parseId(String(formData.get("invitationId") ?? "")));
      if (!result.ok) return data({ intent, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: "judging.judges.revoked" });
    }
    case "withdraw": {
      const result = await withdrawJudge(ctx, contest.id, parseId(String(formData.get("judgeId") ?? "")));
      if (!result.ok) return data({ intent, message: encodeError(result.error) }, { status: 400 });
      const added = result.value.rounds.reduce((sum, r) => sum + r.added, 0);
      return redirectWithToast(back, { kind: "success", key: "judging.judges.withdrawn", params: { count: added } });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function Judges() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const message = actionData && "message" in actionData ? actionData.message : null;
  const resultFor = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent && "result" in actionData
      ? actionData.result
      : undefined;
  const csvLines = actionData && "lines" in actionData ? actionData.lines : undefined;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={page.contest} page={t("judging.judges.title")} />
      {message ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, message)}
        </p>
      ) : null}
      <JudgeList judges={page.judges} tracks={page.tracks} />
      <PendingInvitations invitations={page.invitations} viewerTimeZone={page.viewerTimeZone} />
      <InviteOne tracks={page.tracks} countries={page.countries} lastResult={resultFor("invite")} />
      <InviteFromCsv lastResult={resultFor("csv")} lines={csvLines} />
    </section>
  );
}

function JudgeList({ judges, tracks }: { judges: ContestJudges["judges"]; tracks: ContestJudges["tracks"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const trackOf = new Map(tracks.map((tr) => [tr.id, tr.name]));
  return (
    <div className="card">
      <h2 id="judges-title">{t("judging.judges.listTitle")}</h2>
      {judges.length === 0 ? (
        <p>{t("judging.judges.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="judges-table">
            <caption className="visually-hidden">{t("judging.judges.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("judging.judges.columns.name")}</th>
                <th scope="col">{t("judging.judges.columns.country")}</th>
                <th scope="col">{t("judging.judges.columns.tracks")}</th>
                <th scope="col">{t("judging.judges.columns.languages")}</th>
                <th scope="col">{t("judging.judges.columns.agreement")}</th>
                <th scope="col">{t("judging.judges.columns.conflicts")}</th>
                <th scope="col">{t("judging.judges.columns.load")}</th>
                <th scope="col">{t("judging.judges.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {judges.map((j) => (
                <tr key={j.userId}>
                  <th scope="row">
                    {j.name}
                    <span className="muted small">
                      <br />
                      {j.email}
                      {j.organisation ? (
                        <>
                          <br />
                          {j.organisation}
                        </>
                      ) : null}
                    </span>
                  </th>
                  <td>{j.country ? countryName(j.country, language) : "—"}</td>
                  <td>
                    {j.trackIds.length === 0
                      ? t("judging.judges.anyTrack")
                      : j.trackIds.map((id, i) => {
                          const name = trackOf.get(id);
                          return (
                            <span key={id} lang={name ? pickedLanguage(name, language) : undefined}>
                              {i > 0 ? ", " : ""}
                              {name ? pickLocalized(name, language) : id}
                            </span>
                          );
                        })}
                  </td>
                  <td>{j.languages.length ? j.languages.map((l) => languageName(l, language)).join(", ") : "—"}</td>
                  <td>
                    <span className={j.signed ? "status status-done" : "status status-missing"}>
                      {j.signed ? t("judging.judges.signed") : t("judging.judges.notSigned")}
                    </span>
                  </td>
                  <td>{t("judging.judges.conflictsCell", { declared: j.conflicts.declared, detected: j.conflicts.detected })}</td>
                  <td>{t("judging.judges.loadCell", { submitted: j.submitted, assigned: j.assigned })}</td>
                  <td>
                    {t(`judging.judges.status.${j.status}`)}
                    {j.status === "active" ? <WithdrawJudge judgeId={j.userId} name={j.name} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Withdrawing takes reviews away, so it asks first: a disclosure with the consequences and the real button. */
function WithdrawJudge({ judgeId, name }: { judgeId: number; name: string }) {
  const { t } = useTranslation();
  return (
    <details className="confirm">
      <summary aria-label={t("judging.judges.withdrawNamed", { name })}>{t("judging.judges.withdraw")}</summary>
      <Form method="post">
        <p className="small">{t("judging.judges.withdrawWarning", { name })}</p>
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="judgeId" value={judgeId} />
        <Button type="submit" variant="danger">
          {t("judging.judges.withdrawConfirm", { name })}
        </Button>
      </Form>
    </details>
  );
}

function PendingInvitations({
  invitations,
  viewerTimeZone,
}: {
  invitations: ContestJudges["invitations"];
  viewerTimeZone: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="card">
      <h2>{t("judging.judges.pendingTitle")}</h2>
      {invitations.length === 0 ? (
        <p>{t("judging.judges.pendingNone")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("judging.judges.pendingTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("judging.judges.email")}</th>
                <th scope="col">{t("judging.judges.name")}</th>
                <th scope="col">{t("judging.judges.columns.country")}</th>
                <th scope="col">{t("judging.judges.expires")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("judging.judges.columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr key={inv.id}>
                  <th scope="row">{inv.email}</th>
                  <td>
                    {inv.name ?? "—"}
                    {inv.organisation ? <span className="muted small"> · {inv.organisation}</span> : null}
                  </td>
                  <td>{inv.country ? countryName(inv.country, i18n.language) : "—"}</td>
                  <td>
                    <Time iso={inv.expiresAt} timeZone={viewerTimeZone} />
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <Button type="submit" variant="link" aria-label={t("judging.judges.revokeNamed", { email: inv.email })}>
                        {t("judging.judges.revoke")}
                      </Button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function InviteOne({
  tracks,
  countries,
  lastResult,
}: {
  tracks: ContestJudges["tracks"];
  countries: Array<{ code: string; name: string }>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "invite-judge",
    lastResult,
    constraint: getZodConstraint(judgeInviteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: judgeInviteSchema }),
  });
  return (
    <div className="card">
      <h2>{t("judging.judges.inviteTitle")}</h2>
      <p className="field-hint">{t("judging.judges.inviteIntro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <div className="narrow-form">
            <TextField meta={fields.email} type="email" label={t("judging.judges.email")} autoComplete="off" />
            <TextField
              meta={fields.name}
              label={t("judging.judges.name")}
              hint={t("judging.judges.nameHint")}
              autoComplete="off"
            />
            <TextField
              meta={fields.organisation}
              label={t("judging.judges.organisation")}
              hint={t("judging.judges.organisationHint")}
              autoComplete="off"
            />
            <SelectField
              meta={fields.country}
              label={t("judging.judges.country")}
              options={[
                { value: "", label: t("judging.judges.noCountry") },
                ...countries.map((c) => ({ value: c.code, label: c.name })),
              ]}
            />
          </div>
          {tracks.length ? (
            <CheckboxGroup
              meta={fields.trackIds}
              legend={t("judging.judges.tracks")}
              hint={t("judging.judges.tracksHint")}
              columns="wide"
              options={tracks.map((tr) => ({
                value: String(tr.id),
                label: pickLocalized(tr.name, language),
                lang: pickedLanguage(tr.name, language),
              }))}
            />
          ) : null}
          <CheckboxGroup
            meta={fields.languages}
            legend={t("judging.judges.languages")}
            hint={t("judging.judges.languagesHint")}
            options={MATERIAL_LANGUAGES.map((code) => ({ value: code, label: languageName(code, language) }))}
          />
          <Button type="submit" busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "invite"}>
            {t("judging.judges.invite")}
          </Button>
        </Form>
      </FormProvider>
    </div>
  );
}

const CSV_COLUMNS = ["email", "name", "organisation", "country", "tracks", "languages"] as const;

function InviteFromCsv({
  lastResult,
  lines,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  lines: Array<{ line: number; message: string }> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "invite-csv",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: judgeCsvSchema }),
  });
  return (
    <div className="card">
      <h2>{t("judging.judges.bulkTitle")}</h2>
      <p>{t("judging.judges.bulkIntro")}</p>
      <div className="table-scroll">
        <table>
          <caption>{t("judging.judges.columnsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("judging.judges.column")}</th>
              <th scope="col">{t("judging.judges.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {CSV_COLUMNS.map((c) => (
              <tr key={c}>
                <th scope="row">
                  <code>{c}</code>
                </th>
                <td>{t(`judging.judges.col.${c}`, { codes: MATERIAL_LANGUAGES.join(", ") })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("judging.judges.example")}</p>
      <pre className="mail-body">
        {[
          "email,name,organisation,country,tracks,languages",
          "lan.nguyen@example.vn,Nguyen Thi Lan,Saigon Ventures,VN,1;2,vi;en",
          "somchai@example.co.th,Somchai Wongsakul,,TH,,th;en",
        ].join("\n")}
      </pre>
      {lines?.length ? (
        <div className="alert alert-error" role="alert">
          <p>{t("judging.judges.csvProblems")}</p>
          <ul>
            {lines.map((l) => (
              <li key={`${l.line}-${l.message}`}>
                {t("judging.judges.csvLine", { line: l.line, message: errorText(t, l.message) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormProvider context={form.context}>
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          {lines?.length ? null : <FormErrors id={form.errorId} errors={form.errors} />}
          <input type="hidden" name="intent" value="csv" />
          <FileField
            meta={fields.csv}
            label={t("judging.judges.csvFile")}
            hint={t("judging.judges.csvHint", { max: JUDGE_CSV_MAX_KB })}
          />
          <Button
            type="submit"
            variant="secondary"
            busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "csv"}
          >
            {t("judging.judges.upload")}
          </Button>
        </Form>
      </FormProvider>
    </div>
  );
}

function FileField({ meta: given, label, hint }: { meta: FieldRef; label: string; hint: string }) {
  const [meta] = useField<File | undefined>(given.name);
  const hintId = `${meta.id}-hint`;
  const { key, ...props } = getInputProps(meta, { type: "file", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <p className="field-hint" id={hintId}>
        {hint}
      </p>
      <input {...props} key={key} accept=".csv,text/csv" />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
