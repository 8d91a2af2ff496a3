// A team asks for support: the kind of help, the country (needed for market entry), and the details.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextAreaField } from "#app/components/ui/Field";
import { DETAILS_MAX, DETAILS_MIN, SUPPORT_KINDS, supportRequestSchema } from "#app/forms/support";

export function SupportRequestForm({
  countries,
  lastResult,
}: {
  /** Country options in the viewer's language, computed on the server (the order depends on ICU data). */
  countries: ReadonlyArray<{ code: string; name: string }>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "support-request",
    lastResult,
    constraint: getZodConstraint(supportRequestSchema),
    // Checked on submit, then as the user fixes each field: an error appearing on blur would move the
    // button under the user's click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: supportRequestSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <SelectField
          meta={fields.kind}
          label={t("support.kindLabel")}
          options={[
            { value: "", label: t("support.chooseKind") },
            ...SUPPORT_KINDS.map((kind) => ({ value: kind, label: t(`support.kind.${kind}`) })),
          ]}
        />
        <SelectField
          meta={fields.country}
          label={t("support.countryLabel")}
          hint={t("support.countryHint")}
          options={[{ value: "", label: t("support.noCountry") }, ...countries.map((c) => ({ value: c.code, label: c.name }))]}
        />
        <TextAreaField
          meta={fields.details}
          label={t("support.detailsLabel")}
          hint={t("support.detailsHint", { min: DETAILS_MIN, max: DETAILS_MAX })}
          rows={6}
        />
        <div>
          <Button type="submit" busy={busy}>
            {t("support.submit")}
          </Button>
        </div>
      </Form>
    </FormProvider>
  );
}
