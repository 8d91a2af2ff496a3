// Change the password. Every session ends; this browser gets a new one.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SettingsNav } from "#app/components/settings/SettingsNav";
import { NewPasswordFields } from "#app/components/auth/NewPasswordFields";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { changePasswordSchema } from "#app/forms/identity";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { serializeSessionCookie } from "#app/infra/session.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { changePassword } from "#app/services/account.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

const HIDDEN = ["currentPassword", "password", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: HIDDEN });
  const result = await changePassword(serviceContext(request, context, auth), submission.value);
  if (!result.ok) return replyWithError(submission, result.error, { hideFields: HIDDEN });
  return redirectWithToast("/settings/password", { kind: "success", key: "settings.passwordChanged" }, [
    await serializeSessionCookie(result.value.token, new Date(result.value.session.created_at)),
  ]);
}

export default function PasswordSettings() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <section className="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">{t("settings.title")}</h1>
      <SettingsNav />
      <div className="card narrow">
        <h2>{t("settings.passwordTab")}</h2>
        <p className="muted">{t("settings.passwordIntro")}</p>
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField
              meta={fields.currentPassword}
              label={t("auth:fields.currentPassword")}
              type="password"
              autoComplete="current-password"
            />
            <NewPasswordFields password={fields.password} confirm={fields.confirmPassword} />
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("settings.changePassword")}
            </Button>
          </Form>
        </FormProvider>
      </div>
    </section>
  );
}
