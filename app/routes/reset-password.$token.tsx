// The link in the reset email: choose a new password. Single use, expires after an hour; every
// other session of the account ends.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields } from "#app/components/auth/NewPasswordFields";
import { Button } from "#app/components/ui/Button";
import { FormErrors } from "#app/components/ui/Field";
import { resetPasswordSchema } from "#app/forms/identity";
import { serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { inspectResetToken, resetPassword } from "#app/services/account.server";
import { errorText } from "#app/utils/errors";
import { replyInvalid, replyWithError, signedInCookies } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const result = await inspectResetToken(serviceContext(request, context, null), params.token ?? "");
  if (!result.ok) return data({ email: null, problem: result.error.code }, { status: 400 });
  return { email: result.value.email, problem: null };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: ["password", "confirmPassword"] });
  const result = await resetPassword(serviceContext(request, context, null), params.token ?? "", submission.value.password);
  if (!result.ok) return replyWithError(submission, result.error, { hideFields: ["password", "confirmPassword"] });
  return redirectWithToast(
    "/",
    { kind: "success", key: "auth:reset.done" },
    await signedInCookies(result.value, result.value.user.preferred_language),
  );
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { email, problem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  return (
    <section className="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth:reset.title")}</h1>
      {problem ? (
        <>
          <p className="alert alert-error" role="alert">
            {errorText(t, problem)}
          </p>
          <p>
            <Link to="/forgot-password">{t("auth:reset.askAgain")}</Link>
          </p>
        </>
      ) : (
        <FormProvider context={form.context}>
          <Form method="post" reloadDocument {...getFormProps(form)}>
            <p>{t("auth:reset.intro", { email })}</p>
            <FormErrors id={form.errorId} errors={form.errors} />
            <NewPasswordFields password={fields.password} confirm={fields.confirmPassword} />
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("auth:reset.submit")}
            </Button>
          </Form>
        </FormProvider>
      )}
    </section>
  );
}
