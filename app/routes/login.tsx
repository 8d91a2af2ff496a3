// Sign in with email and password; limited per account and per address.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { safeRedirectPath } from "#app/domain/redirect";
import { signInSchema } from "#app/forms/identity";
import { getAuth, requireAnonymous, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { signIn, signOut } from "#app/services/identity.server";
import { replyInvalid, replyWithError, signedInCookies } from "#app/utils/route.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signInSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: ["password"] });
  const ctx = serviceContext(request, context, null);
  const result = await signIn(ctx, submission.value);
  if (!result.ok) return replyWithError(submission, result.error, { hideFields: ["password"] });
  // A new session on every sign-in; an old one in this browser ends.
  const previous = await getAuth(request);
  if (previous) await signOut(ctx, previous.session.id);
  const { user } = result.value;
  return redirectWithToast(
    safeRedirectPath(submission.value.redirectTo, "/"),
    { kind: "success", key: "auth:signIn.welcomeBack", params: { name: user.name } },
    await signedInCookies(result.value, user.preferred_language),
  );
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(signInSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <section className="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth:signIn.title")}</h1>
      <FormProvider context={form.context}>
        <Form method="post" reloadDocument {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <TextField meta={fields.email} label={t("auth:fields.email")} type="email" autoComplete="username" />
          <TextField meta={fields.password} label={t("auth:fields.password")} type="password" autoComplete="current-password" />
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("auth:signIn.submit")}
          </Button>
        </Form>
      </FormProvider>
      <p>
        <Link to="/forgot-password">{t("auth:signIn.forgot")}</Link>
      </p>
      <p className="muted">
        {t("auth:signIn.noAccount")} <Link to="/signup">{t("auth:signUp.title")}</Link>
      </p>
    </section>
  );
}
