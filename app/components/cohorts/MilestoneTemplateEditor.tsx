// The milestone template of a new cohort: rows with a name in every language, which the organiser
// renames, removes or adds to (up to a limit). Every team of the cohort starts with these milestones.
// The add and remove buttons are Conform intents: they work without JavaScript through the server.
import { getInputProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import { ErrorList } from "#app/components/ui/Field";
import { MAX_TEMPLATE_MILESTONES } from "#app/domain/cohorts";
import type { LocalizedText } from "#app/domain/localized";

type Row = { key?: string; name: LocalizedText };

export function MilestoneTemplateEditor<F extends Record<string, unknown>>({
  form,
  milestones,
}: {
  form: FormMetadata<F, string[]>;
  milestones: FieldMetadata<Row[] | undefined, F, string[]>;
}) {
  const { t } = useTranslation();
  // Conform's list helpers are typed by conditional types that a generic parameter cannot resolve.
  const rows = (milestones as unknown as { getFieldList: () => Array<FieldMetadata<Row, F, string[]>> }).getFieldList();
  return (
    <fieldset id={milestones.id} className="milestone-template">
      <legend>{t("cohorts.templateLegend")}</legend>
      <p className="field-hint">{t("cohorts.templateHint", { max: MAX_TEMPLATE_MILESTONES })}</p>
      {rows.length === 0 ? <p className="muted">{t("cohorts.templateEmpty")}</p> : null}
      <ol className="plain-list">
        {rows.map((row, index) => {
          const fields = row.getFieldset();
          return (
            <li key={row.key} className="stack">
              <input {...getInputProps(fields.key, { type: "hidden" })} key={fields.key.key} />
              <LocalizedFields meta={fields.name} label={t("cohorts.milestoneNumber", { number: index + 1 })} />
              <p>
                <button className="btn btn-link" {...form.remove.getButtonProps({ name: milestones.name, index })}>
                  {t("cohorts.removeMilestone", { number: index + 1 })}
                </button>
              </p>
            </li>
          );
        })}
      </ol>
      <ErrorList id={milestones.errorId} errors={milestones.errors} />
      {rows.length < MAX_TEMPLATE_MILESTONES ? (
        <button className="btn btn-secondary" {...form.insert.getButtonProps({ name: milestones.name })}>
          {t("cohorts.addMilestone")}
        </button>
      ) : null}
    </fieldset>
  );
}
