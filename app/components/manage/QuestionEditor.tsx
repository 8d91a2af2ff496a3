// The form that adds a question to a contest's registration form or edits one, showing only the
// fields the chosen kind uses.
import { FormProvider, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "remix-utils/use-hydrated";
import type { z } from "zod";
import { Button } from "#app/components/ui/Button";
import { CheckboxField, ErrorList, FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import { QUESTION_KINDS, type QuestionDefinition, type QuestionKind } from "#app/domain/questions";
import { questionFormSchema, questionFormValues } from "#app/forms/questions";

const NEW_QUESTION = {
  kind: "short_text",
  required: "",
  options: [{}, {}],
};

type Uses = "options" | "bounds" | "maxLength" | "dates";
const USES: Record<Uses, readonly QuestionKind[]> = {
  options: ["single_choice", "multiple_choice"],
  bounds: ["number", "multiple_choice"],
  maxLength: ["short_text", "long_text"],
  dates: ["date"],
};

export function QuestionEditor({
  formId,
  intent,
  question,
  lastResult,
  submitLabel,
}: {
  formId: string;
  intent: "add" | "update";
  question: { id: number; definition: QuestionDefinition } | null;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const defaultValue = question ? questionFormValues(question.definition) : NEW_QUESTION;
  const [form, fields] = useForm<z.output<typeof questionFormSchema>>({
    id: formId,
    lastResult,
    constraint: getZodConstraint(questionFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionFormSchema }),
  });
  const kind = (QUESTION_KINDS as readonly string[]).includes(fields.kind.value ?? "")
    ? (fields.kind.value as QuestionKind)
    : (defaultValue.kind as QuestionKind);
  // Without JavaScript every field shows (with hints saying which kinds read it); with it, only
  // the fields the chosen kind uses, so a hidden one is never sent.
  const shows = (uses: Uses) => !hydrated || USES[uses].includes(kind);
  const options = fields.options.getFieldList();
  const sent = navigation.state === "submitting" ? navigation.formData : undefined;
  const busy = sent?.get("intent") === intent && (!question || sent.get("questionId") === String(question.id));
  const minLabel = !hydrated ? t("questions.min") : kind === "number" ? t("questions.minValue") : t("questions.minChoices");
  const maxLabel = !hydrated ? t("questions.max") : kind === "number" ? t("questions.maxValue") : t("questions.maxChoices");

  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        {question ? (
          <>
            <input type="hidden" name="questionId" value={question.id} />
            <input {...getInputProps(fields.key, { type: "hidden" })} key={fields.key.key} />
            <p className="field-hint">
              {t("questions.keyFixed")} <code>{question.definition.key}</code>
            </p>
          </>
        ) : null}
        <SelectField
          meta={fields.kind}
          label={t("questions.kind")}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`questionKind.${k}`) }))}
        />
        {question ? null : <TextField meta={fields.key} label={t("questions.key")} hint={t("questions.keyHint")} />}
        <LocalizedFields meta={fields.label} label={t("questions.label")} />
        <LocalizedFields meta={fields.help} label={t("questions.help")} multiline />
        <CheckboxField meta={fields.required} label={t("questions.required")} />

        {shows("options") ? (
          <fieldset>
            <legend>{t("questions.options")}</legend>
            <p className="field-hint">{hydrated ? t("questions.optionsHint") : t("questions.optionsHintNoScript")}</p>
            {options.map((option, index) => {
              const o = option.getFieldset();
              return (
                <fieldset key={option.key} className="criterion">
                  <legend>{t("questions.optionNumber", { number: index + 1 })}</legend>
                  <LocalizedFields meta={o.label} label={t("questions.optionLabel")} />
                  <TextField meta={o.value} label={t("questions.optionValue")} hint={t("questions.optionValueHint")} />
                  <button className="btn btn-link" {...form.remove.getButtonProps({ name: fields.options.name, index })}>
                    {t("questions.removeOption", { number: index + 1 })}
                  </button>
                </fieldset>
              );
            })}
            <ErrorList id={fields.options.errorId} errors={fields.options.errors} />
            <button className="btn btn-secondary" {...form.insert.getButtonProps({ name: fields.options.name })}>
              {t("questions.addOption")}
            </button>
          </fieldset>
        ) : null}

        {shows("bounds") ? (
          <div className="grid-2">
            <TextField
              meta={fields.min}
              type="number"
              step="any"
              label={minLabel}
              hint={hydrated ? undefined : t("questions.boundsHint")}
            />
            <TextField
              meta={fields.max}
              type="number"
              step="any"
              label={maxLabel}
              hint={hydrated ? undefined : t("questions.boundsHint")}
            />
          </div>
        ) : null}
        {shows("maxLength") ? (
          <TextField meta={fields.maxLength} type="number" label={t("questions.maxLength")} hint={t("questions.maxLengthHint")} />
        ) : null}
        {shows("dates") ? (
          <div className="grid-2">
            <TextField
              meta={fields.minDate}
              type="date"
              label={t("questions.minDate")}
              hint={hydrated ? undefined : t("questions.datesHint")}
            />
            <TextField
              meta={fields.maxDate}
              type="date"
              label={t("questions.maxDate")}
              hint={hydrated ? undefined : t("questions.datesHint")}
            />
          </div>
        ) : null}

        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </Form>
    </FormProvider>
  );
}
