// Granting one award: a select of the round's entries by code and team name, and an optional citation.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { grantSchema } from "#app/forms/awards";

export interface Participant {
  entryId: number;
  code: string;
  teamName: string;
}

export function GrantForm({
  awardId,
  awardName,
  participants,
  lastResult,
}: {
  awardId: number;
  awardName: string;
  /** Entries that may still receive this award. */
  participants: readonly Participant[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `grant-${awardId}`,
    lastResult,
    constraint: getZodConstraint(grantSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantSchema }),
  });
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="grant" />
        <input type="hidden" name="awardId" value={awardId} />
        <SelectField
          meta={fields.entryId}
          label={t("awards.grantTo", { award: awardName })}
          options={[
            { value: "", label: t("awards.chooseEntry") },
            ...participants.map((p) => ({
              value: String(p.entryId),
              label: t("awards.entryOption", { code: p.code, team: p.teamName }),
            })),
          ]}
        />
        <TextField meta={fields.citation} label={t("awards.citation")} hint={t("awards.citationHint")} />
        <Button type="submit" variant="secondary">
          {t("awards.grant")}
        </Button>
      </Form>
    </FormProvider>
  );
}
