// Ask for a password-reset link. The answer is the same whether or not the account exists.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { forgotPasswordSchema } from "#app/forms/identity";
import { serviceContext } from "#app/infra/auth.server";
import { requestPasswordReset } from "#app/services/account.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await requestPasswordReset(serviceContext(request, context, null), submission.value.email);
  if (!result.ok) return replyWithError(submission, result.error);
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(forgotPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : null;
  return (
    <section className="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("auth:forgot.title")}</h1>
      {sentTo ? (
        <p className="alert alert-success" role="status">
          {t("auth:forgot.sent", { email: sentTo })}
        </p>
      ) : (
        <p className="lead">{t("auth:forgot.intro")}</p>
      )}
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.email} label={t("auth:fields.email")} type="email" autoComplete="email" />
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("auth:forgot.submit")}
          </Button>
        </Form>
      </FormProvider>
      <p>
        <Link to="/login">{t("auth:signIn.title")}</Link>
      </p>
    </section>
  );
}
