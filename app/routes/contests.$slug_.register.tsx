// Register a team for a contest (or edit its registration): the team, a track, the contest's own
// questions, and the acceptance of the terms and the originality declaration.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedBlock } from "#app/components/LocalizedBlock";
import { QuestionField } from "#app/components/QuestionField";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { registrationSchema } from "#app/forms/team";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { getContestPage } from "#app/services/public-contests.server";
import { registerTeam, registrationForm } from "#app/services/registration.server";
import { encodeError, errorText } from "#app/utils/errors";
import { formErrorMap } from "#app/utils/form";

async function load(request: Request, context: LoaderFunctionArgs["context"], slug: string) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const page = await getContestPage(ctx, slug);
  if (!page.ok) throw new Response("Not found", { status: 404 });
  const form = await registrationForm(ctx, page.value.contest.id);
  if (!form.ok) throw new Response("Not found", { status: 404 });
  return { auth, ctx, form: form.value };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, form } = await load(request, context, params.slug ?? "");
  return { form, timeZone: auth.user.time_zone };
}

type Errors = Record<string, string[]>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, form } = await load(request, context, params.slug ?? "");
  const formData = await request.formData();
  const parsed = registrationSchema.safeParse(Object.fromEntries(formData), { errorMap: formErrorMap });
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
    return data({ errors }, { status: 400 });
  }
  const result = await registerTeam(ctx, form.contest.id, {
    teamId: parsed.data.teamId,
    trackId: parsed.data.trackId,
    answers: formData,
  });
  if (!result.ok) {
    const errors: Errors = { ...("answerErrors" in result.error ? result.error.answerErrors : {}) };
    if (result.error.code !== "answers_invalid") (errors[result.error.field ?? ""] ??= []).push(encodeError(result.error));
    return data({ errors }, { status: result.error.code === "answers_invalid" ? 400 : 409 });
  }
  return redirectWithToast(`/teams/${parsed.data.teamId}`, {
    kind: "success",
    key: result.value.edited ? "register.updated" : "register.done",
    params: { code: result.value.code },
  });
}

export default function Register() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { form, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const errors: Errors = actionData?.errors ?? {};
  const leadTeams = form.teams.filter((team) => team.role === "lead");
  const chosen = leadTeams.find((team) => String(team.id) === searchParams.get("team")) ?? leadTeams[0];
  const existingAnswers: Record<string, unknown> =
    chosen?.entryStatus === "registered" && chosen.answersJson ? JSON.parse(chosen.answersJson) : {};
  const formErrors = errors[""];
  return (
    <section className="card" aria-labelledby="register-title">
      <p className="eyebrow">{pickLocalized(form.contest.name, language)}</p>
      <h1 id="register-title">{t("register.title")}</h1>
      {form.contest.registrationClosesAt ? (
        <p>
          {t("register.closes")} <Time iso={form.contest.registrationClosesAt} timeZone={timeZone} />
        </p>
      ) : null}
      {!form.open ? (
        <p className="alert alert-error" role="alert">
          {t("errors:registration_closed")}
        </p>
      ) : leadTeams.length === 0 ? (
        <div className="alert alert-info">
          <p>{t("register.noTeam")}</p>
          <p>
            <Link to="/teams/new">{t("home.createTeam")}</Link>
          </p>
        </div>
      ) : (
        <Form method="post" noValidate={false}>
          {formErrors?.length ? (
            <div className="alert alert-error" role="alert">
              {formErrors.map((e) => (
                <p key={e}>{errorText(t, e)}</p>
              ))}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="register-team">{t("register.team")}</label>
            <select
              id="register-team"
              name="teamId"
              defaultValue={chosen?.id}
              aria-invalid={errors.teamId ? true : undefined}
              aria-describedby={errors.teamId ? "register-team-error" : undefined}
            >
              {leadTeams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                  {team.entryStatus === "registered" ? ` — ${t("register.alreadyRegistered")}` : ""}
                </option>
              ))}
            </select>
            <ErrorList id="register-team-error" errors={errors.teamId} />
          </div>
          <fieldset
            aria-invalid={errors.trackId ? true : undefined}
            aria-describedby={errors.trackId ? "register-track-error" : undefined}
          >
            <legend>{t("register.track")}</legend>
            {form.tracks.map((track) => (
              <div className="field field-checkbox" key={track.id}>
                <input
                  type="radio"
                  id={`track-${track.id}`}
                  name="trackId"
                  value={track.id}
                  required
                  defaultChecked={chosen?.entryStatus === "registered" && chosen.trackId === track.id}
                />
                <label htmlFor={`track-${track.id}`}>
                  {pickLocalized(track.name, language)}
                  {track.womenLedOnly ? <span className="badge">{t("manage.womenLedOnly")}</span> : null}
                </label>
              </div>
            ))}
            <ErrorList id="register-track-error" errors={errors.trackId} />
          </fieldset>
          {form.questions.length ? (
            <fieldset>
              <legend>{t("register.questions")}</legend>
              {form.questions.map((q) => (
                <QuestionField
                  key={q.key}
                  definition={q}
                  name={`q_${q.key}`}
                  defaultValue={existingAnswers[q.key]}
                  errors={errors[`q_${q.key}`]}
                  language={language}
                />
              ))}
            </fieldset>
          ) : null}
          {form.contest.terms ? (
            <details>
              <summary>{t("register.readTerms", { version: form.contest.termsVersion })}</summary>
              <LocalizedBlock text={form.contest.terms} language={language} />
            </details>
          ) : null}
          <div className="field field-checkbox">
            <input
              type="checkbox"
              id="accept-terms"
              name="acceptTerms"
              value="on"
              required
              aria-invalid={errors.acceptTerms ? true : undefined}
              aria-describedby={errors.acceptTerms ? "accept-terms-error" : undefined}
            />
            <label htmlFor="accept-terms">{t("register.acceptTerms")}</label>
            <ErrorList id="accept-terms-error" errors={errors.acceptTerms} />
          </div>
          {form.contest.declaration ? <LocalizedBlock text={form.contest.declaration} language={language} /> : null}
          <div className="field field-checkbox">
            <input
              type="checkbox"
              id="accept-declaration"
              name="acceptDeclaration"
              value="on"
              required
              aria-invalid={errors.acceptDeclaration ? true : undefined}
              aria-describedby={errors.acceptDeclaration ? "accept-declaration-error" : undefined}
            />
            <label htmlFor="accept-declaration">{t("register.acceptDeclaration")}</label>
            <ErrorList id="accept-declaration-error" errors={errors.acceptDeclaration} />
          </div>
          <Button type="submit" busy={navigation.state === "submitting"}>
            {chosen?.entryStatus === "registered" ? t("register.saveChanges") : t("register.submit")}
          </Button>
        </Form>
      )}
    </section>
  );
}
