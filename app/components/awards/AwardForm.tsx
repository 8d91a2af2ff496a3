// Naming an award, new or existing: its name and optional description in every language, with the
// shared multilingual inputs.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import type { LocalizedText } from "#app/domain/localized";
import { awardSchema } from "#app/forms/awards";

export function AwardForm({
  formId,
  intent,
  award,
  lastResult,
  submitLabel,
}: {
  formId: string;
  intent: "create" | "update";
  award: { id: number; name: LocalizedText; description: LocalizedText | null } | null;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    constraint: getZodConstraint(awardSchema),
    shouldValidate: "onBlur",
    // Clear an error while the user fixes it, so the layout does not jump under their click on submit.
    shouldRevalidate: "onInput",
    defaultValue: award ? { name: award.name, description: award.description ?? {} } : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: awardSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        {award ? <input type="hidden" name="awardId" value={award.id} /> : null}
        <LocalizedFields meta={fields.name} label={t("awards.name")} hint={t("awards.nameHint")} />
        <LocalizedFields meta={fields.description} label={t("awards.description")} hint={t("awards.descriptionHint")} multiline />
        <Button type="submit" variant={award ? "secondary" : "primary"} busy={busy}>
          {submitLabel}
        </Button>
      </Form>
    </FormProvider>
  );
}
