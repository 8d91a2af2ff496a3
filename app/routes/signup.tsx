// Create an account: name, email, password, language, country and time zone.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields } from "#app/components/auth/NewPasswordFields";
import { PlaceFields } from "#app/components/auth/PlaceFields";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { countryOptions } from "#app/domain/countries";
import { listTimeZones } from "#app/domain/time";
import { signUpSchema } from "#app/forms/identity";
import { requireAnonymous, serviceContext } from "#app/infra/auth.server";
import { readTimeZoneCookie } from "#app/infra/cookies.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { signUp } from "#app/services/identity.server";
import { replyInvalid, replyWithError, signedInCookies } from "#app/utils/route.server";

export const meta: MetaFunction = () => [{ title: "Trellis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const language = await getRequestLanguage(request);
  return {
    language,
    countries: countryOptions(language),
    timeZones: listTimeZones(),
    guessedTimeZone: readTimeZoneCookie(request) ?? "UTC",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: signUpSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: ["password", "confirmPassword"] });
  const result = await signUp(serviceContext(request, context, null), submission.value);
  if (!result.ok) return replyWithError(submission, result.error, { hideFields: ["password", "confirmPassword"] });
  const { user } = result.value;
  return redirectWithToast(
    "/",
    { kind: "success", key: "auth:signUp.welcome", params: { email: user.email } },
    await signedInCookies(result.value, user.preferred_language),
  );
}

export default function SignUp() {
  const { t } = useTranslation();
  const { language, countries, timeZones, guessedTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(signUpSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { preferredLanguage: language, timeZone: guessedTimeZone, country: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
  });
  return (
    <section className="card narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("auth:signUp.title")}</h1>
      <p className="lead">{t("auth:signUp.intro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" reloadDocument {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.name} label={t("auth:fields.name")} autoComplete="name" />
          <TextField meta={fields.email} label={t("auth:fields.email")} type="email" autoComplete="email" />
          <NewPasswordFields password={fields.password} confirm={fields.confirmPassword} labelKey="auth:fields.password" />
          <PlaceFields fields={fields} countries={countries} timeZones={timeZones} chooseCountry />
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("auth:signUp.submit")}
          </Button>
        </Form>
      </FormProvider>
      <p className="muted">
        {t("auth:signUp.haveAccount")} <Link to="/login">{t("auth:signIn.title")}</Link>
      </p>
    </section>
  );
}
