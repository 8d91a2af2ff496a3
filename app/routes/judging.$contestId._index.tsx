// A judge's page for one contest: first the confidentiality agreement, then (once signed) the
// registered teams to declare conflicts of interest against, then the entries to review.
import { FormProvider, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementText } from "#app/components/judging/AgreementText";
import { Button } from "#app/components/ui/Button";
import { CheckboxField, FormErrors } from "#app/components/ui/Field";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { agreementSchema, conflictsSchema } from "#app/forms/judges";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { declareConflicts, judgeOnboarding, signAgreement } from "#app/services/judges.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

async function judgeContext(request: Request, context: LoaderFunctionArgs["context"], contestId: string | undefined) {
  const auth = await requireUser(request);
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  return { ctx: serviceContext(request, context, auth), contestId: parseId(contestId), language };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contestId, language } = await judgeContext(request, context, params.contestId);
  const result = await judgeOnboarding(ctx, contestId, language);
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return result.value;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contestId, language } = await judgeContext(request, context, params.contestId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `/judging/${contestId}`;
  switch (intent) {
    case "sign": {
      const submission = parseWithZod(formData, { schema: agreementSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await signAgreement(ctx, contestId, { version: submission.value.version, language });
      if (result.ok) return redirectWithToast(back, { kind: "success", key: "judging.onboarding.signed" });
      if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
      return replyWithError(submission, result.error, { extra: { intent } });
    }
    case "conflicts": {
      const parsed = conflictsSchema.safeParse({ entryIds: formData.getAll("entryIds") });
      if (!parsed.success) return data({ intent, message: "invalid_choice" }, { status: 400 });
      const result = await declareConflicts(ctx, contestId, parsed.data.entryIds);
      if (result.ok) return redirectWithToast(back, { kind: "success", key: "judging.onboarding.conflictsSaved" });
      return data({ intent, message: encodeError(result.error) }, { status: result.error.code === "not_found" ? 404 : 400 });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function JudgeOnboarding() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const message = actionData && "message" in actionData ? actionData.message : null;
  return (
    <section className="stack" aria-labelledby="page-title">
      <header>
        <p className="eyebrow">{t("judging.onboarding.eyebrow")}</p>
        <h1 id="page-title" lang={pickedLanguage(page.contest.name, language)}>
          {pickLocalized(page.contest.name, language)}
        </h1>
        <p className="lead">{t("judging.onboarding.intro")}</p>
      </header>
      {page.withdrawn ? <p className="alert alert-info">{t("judging.onboarding.withdrawn")}</p> : null}

      <section className="card" aria-labelledby="agreement-title">
        <h2 id="agreement-title">{t("judging.onboarding.agreementTitle")}</h2>
        <AgreementText text={page.agreement.text} version={page.agreement.version} />
        {page.signed ? (
          <p className="alert alert-success">{t("judging.onboarding.signedNote", { version: page.agreement.version })}</p>
        ) : page.withdrawn ? null : (
          <SignAgreement
            version={page.agreement.version}
            lastResult={actionData && "result" in actionData ? actionData.result : undefined}
          />
        )}
      </section>

      <section className="card" aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t("judging.onboarding.conflictsTitle")}</h2>
        <p>{t("judging.onboarding.conflictsWhat")}</p>
        <p>{t("judging.onboarding.conflictsEffect")}</p>
        {message ? (
          <p className="alert alert-error" role="alert">
            {errorText(t, message)}
          </p>
        ) : null}
        {!page.signed ? (
          <p className="alert alert-info">{t("judging.onboarding.signFirst")}</p>
        ) : page.teams.length === 0 ? (
          <p>{t("judging.onboarding.noTeams")}</p>
        ) : page.withdrawn ? null : (
          <ConflictForm teams={page.teams} />
        )}
      </section>

      {/* The judge home (assigned entries, their status, the review deadline) belongs here. */}
      <section className="card" aria-labelledby="assigned-title">
        <h2 id="assigned-title">{t("judging.onboarding.assignedTitle")}</h2>
        <p>{page.signed ? t("judging.onboarding.assignedLater") : t("judging.onboarding.assignedAfterSigning")}</p>
      </section>
    </section>
  );
}

function SignAgreement({ version, lastResult }: { version: number; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `agreement-${version}`,
    lastResult,
    constraint: getZodConstraint(agreementSchema),
    defaultValue: { version: String(version) },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agreementSchema }),
  });
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="sign" />
        <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
        <CheckboxField meta={fields.accept} label={t("judging.onboarding.accept")} />
        <Button type="submit" busy={navigation.state === "submitting"}>
          {t("judging.onboarding.sign")}
        </Button>
      </Form>
    </FormProvider>
  );
}

type Team = ReturnType<typeof useLoaderData<typeof loader>>["teams"][number];

function ConflictForm({ teams }: { teams: Team[] }) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="conflicts" />
      <fieldset>
        <legend>{t("judging.onboarding.teamsLegend", { total: teams.length })}</legend>
        <ul className="plain-list">
          {teams.map((team) => {
            const id = `conflict-${team.entryId}`;
            const detected = team.detected.length > 0;
            const facts = [team.organisation, countryName(team.country, i18n.language)].filter(Boolean).join(" · ");
            return (
              <li key={team.entryId} className="field field-checkbox conflict-team">
                <input
                  type="checkbox"
                  id={id}
                  name={detected ? undefined : "entryIds"}
                  value={team.entryId}
                  defaultChecked={team.declared || detected}
                  disabled={detected}
                  aria-describedby={`${id}-facts`}
                />
                {/* A declaration stays even while a detected conflict covers the same team. */}
                {detected && team.declared ? <input type="hidden" name="entryIds" value={team.entryId} /> : null}
                <label htmlFor={id}>{team.name}</label>
                <p className="field-hint" id={`${id}-facts`}>
                  {facts}
                  {detected
                    ? ` — ${t("judging.onboarding.detected", {
                        reasons: team.detected.map((r) => t(`judging.onboarding.reason.${r}`)).join(", "),
                      })}`
                    : ""}
                </p>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <Button type="submit" busy={navigation.state === "submitting"}>
        {t("judging.onboarding.saveConflicts")}
      </Button>
    </Form>
  );
}
