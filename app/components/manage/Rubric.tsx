// A rubric shown as a table, and the editor for its criteria (name, weight, scale).
import {
  FormProvider,
  getFormProps,
  getInputProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import type { RubricDefinition } from "#app/domain/rubric";
import { rubricEditSchema } from "#app/forms/rubric";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import { ScrollTable } from "#app/components/ui/ScrollTable";

export function RubricTable({ rubric }: { rubric: { name: LocalizedText; version: number; definition: RubricDefinition } }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const total = rubric.definition.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <ScrollTable label={pickLocalized(rubric.name, language)}>
      <table>
        <caption>
          {pickLocalized(rubric.name, language)} — {t("manage.rubricVersion", { version: rubric.version })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("manage.criterion")}</th>
            <th scope="col">{t("manage.weight")}</th>
            <th scope="col">{t("manage.scale")}</th>
            <th scope="col">{t("manage.levels")}</th>
          </tr>
        </thead>
        <tbody>
          {rubric.definition.criteria.map((c) => (
            <tr key={c.key}>
              <th scope="row">
                <span lang={pickedLanguage(c.name, language)}>{pickLocalized(c.name, language)}</span>
                {c.description ? <p className="muted small">{pickLocalized(c.description, language)}</p> : null}
              </th>
              <td>{c.weight}%</td>
              <td>{t("manage.scaleRange", { min: c.scale.min, max: c.scale.max, step: c.scale.step })}</td>
              <td>
                {c.levels.length ? (
                  <ul className="plain-list small">
                    {c.levels.map((l) => (
                      <li key={`${l.min}-${l.max}`}>
                        <strong>
                          {l.min}–{l.max}
                        </strong>
                        : {pickLocalized(l.text, language)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("manage.total")}</th>
            <td>{total}%</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </ScrollTable>
  );
}

type RubricValues = {
  criteria: Array<{
    key: string;
    name: LocalizedText;
    description: Partial<LocalizedText>;
    weight: number;
    scaleMin: number;
    scaleMax: number;
    scaleStep: number;
    levels: Array<{ min: number; max: number; text: LocalizedText }>;
  }>;
};

/** The level descriptors of one criterion: score ranges with a description in every language. */
function LevelsEditor<F extends Record<string, unknown>, L extends Array<Record<string, unknown>> | undefined>({
  form,
  levels,
  criterionNumber,
}: {
  form: FormMetadata<F, string[]>;
  levels: FieldMetadata<L, F, string[]>;
  criterionNumber: number;
}) {
  const { t } = useTranslation();
  // Conform's list helpers are typed by conditional types that a generic parameter cannot resolve.
  const list = (
    levels as unknown as {
      getFieldList: () => Array<FieldMetadata<{ min: number; max: number; text: LocalizedText }, F, string[]>>;
    }
  ).getFieldList();
  return (
    <fieldset className="levels">
      <legend>{t("manage.levelsOf", { number: criterionNumber })}</legend>
      {list.length === 0 ? <p className="field-hint">{t("manage.noLevels")}</p> : null}
      {list.map((level, index) => {
        const l = level.getFieldset();
        return (
          <div key={level.key} className="level">
            <div className="grid-4">
              <TextField meta={l.min} type="number" step="any" label={t("manage.levelFrom")} />
              <TextField meta={l.max} type="number" step="any" label={t("manage.levelTo")} />
            </div>
            <LocalizedFields meta={l.text} label={t("manage.levelText")} />
            <button className="btn btn-link" {...form.remove.getButtonProps({ name: levels.name, index })}>
              {t("manage.removeLevel", { number: index + 1, criterion: criterionNumber })}
            </button>
          </div>
        );
      })}
      <button className="btn btn-secondary" {...form.insert.getButtonProps({ name: levels.name })}>
        {t("manage.addLevel")}
      </button>
    </fieldset>
  );
}

export function RubricEditor({
  roundId,
  values,
  lastResult,
}: {
  roundId: number;
  values: RubricValues;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `rubric-${roundId}`,
    lastResult,
    constraint: getZodConstraint(rubricEditSchema),
    shouldValidate: "onBlur",
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rubricEditSchema }),
  });
  const criteria = fields.criteria.getFieldList();
  return (
    <details className="rubric-editor" open={Boolean(lastResult)}>
      <summary>{t("manage.editRubric")}</summary>
      <p className="field-hint">{t("manage.editRubricHint")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="edit-rubric" />
          {criteria.map((criterion, index) => {
            const c = criterion.getFieldset();
            return (
              <fieldset key={criterion.key} className="criterion">
                <legend>{t("manage.criterionNumber", { number: index + 1 })}</legend>
                <input {...getInputProps(c.key, { type: "hidden" })} key={c.key.key} />
                <LocalizedFields meta={c.name} label={t("manage.criterionName")} />
                <LocalizedFields meta={c.description} label={t("manage.description")} multiline />
                <div className="grid-4">
                  <TextField meta={c.weight} type="number" label={t("manage.weight")} />
                  <TextField meta={c.scaleMin} type="number" step="any" label={t("manage.scaleMin")} />
                  <TextField meta={c.scaleMax} type="number" step="any" label={t("manage.scaleMax")} />
                  <TextField meta={c.scaleStep} type="number" step="any" label={t("manage.scaleStep")} />
                </div>
                <LevelsEditor form={form} levels={c.levels} criterionNumber={index + 1} />
                <button className="btn btn-link" {...form.remove.getButtonProps({ name: fields.criteria.name, index })}>
                  {t("manage.removeCriterion", { number: index + 1 })}
                </button>
              </fieldset>
            );
          })}
          <div className="actions">
            <button
              className="btn btn-secondary"
              {...form.insert.getButtonProps({
                name: fields.criteria.name,
                defaultValue: { weight: 10, scaleMin: 1, scaleMax: 10, scaleStep: 1 },
              })}
            >
              {t("manage.addCriterion")}
            </button>
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("manage.saveRubric")}
            </Button>
          </div>
        </Form>
      </FormProvider>
    </details>
  );
}
