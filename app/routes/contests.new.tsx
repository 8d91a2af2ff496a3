// Start a new contest: its name, its address and its time zone. It begins as a draft.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import { listTimeZones } from "#app/domain/time";
import { createContestSchema } from "#app/forms/contest";
import { requirePermission, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { createContest } from "#app/services/contests.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";
import { rotatedSessionCookie } from "#app/utils/session-rotation.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { type: "contest.create" });
  return { timeZones: listTimeZones() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, { type: "contest.create" });
  const submission = parseWithZod(await request.formData(), { schema: createContestSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const ctx = serviceContext(request, context, auth);
  const result = await createContest(ctx, submission.value);
  if (!result.ok) return replyWithError(submission, result.error);
  // The creator becomes the contest's organiser: a new session goes with the new role.
  return redirectWithToast(`/manage/${result.value.id}`, { kind: "success", key: "manage.created" }, [
    await rotatedSessionCookie(ctx, auth),
  ]);
}

export default function NewContest() {
  const { t } = useTranslation();
  const { timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-contest",
    lastResult: actionData?.result,
    constraint: getZodConstraint(createContestSchema),
    shouldValidate: "onBlur",
    defaultValue: { timeZone: "Asia/Shanghai" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createContestSchema }),
  });
  return (
    <section className="card narrow" aria-labelledby="new-contest-title">
      <h1 id="new-contest-title">{t("manage.newTitle")}</h1>
      <p className="lead">{t("manage.newIntro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <LocalizedFields meta={fields.name} label={t("manage.contestName")} />
          <TextField meta={fields.slug} label={t("manage.slug")} hint={t("manage.slugHint")} autoComplete="off" />
          <SelectField
            meta={fields.timeZone}
            label={t("manage.timeZone")}
            hint={t("manage.timeZoneHint")}
            options={timeZones.map((z) => ({ value: z, label: z }))}
          />
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("manage.create")}
          </Button>
        </Form>
      </FormProvider>
    </section>
  );
}
