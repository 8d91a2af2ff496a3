// Labelled form controls wired to Conform: the label, the hint and the errors are tied to the
// control with ids, so screen readers announce them.
import { getInputProps, getSelectProps, getTextareaProps, useField } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "#app/utils/errors";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{errorText(t, e)}</li>
      ))}
    </ul>
  );
}

/** Any Conform field: the controls subscribe to it by name inside the form's FormProvider. */
export interface FieldRef {
  name: string;
}

type InputType = "text" | "email" | "password" | "url" | "number" | "date" | "datetime-local" | "hidden" | "search" | "tel";

export function TextField({
  meta: given,
  label,
  hint,
  type = "text",
  autoComplete,
  lang,
  step,
}: {
  meta: FieldRef;
  label: ReactNode;
  hint?: ReactNode;
  type?: InputType;
  autoComplete?: string;
  lang?: string;
  /** For number inputs: "any" lets decimals through the browser's own check. */
  step?: string;
}) {
  // Subscribe here (inside the form's FormProvider): metadata handed down as a prop alone does
  // not re-render this component when the form reports errors on submit.
  const [meta] = useField<string | number | undefined>(given.name);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} lang={lang} step={step} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta: given,
  label,
  options,
  hint,
  autoComplete,
}: {
  meta: FieldRef;
  label: ReactNode;
  options: ReadonlyArray<{ value: string; label: string; lang?: string }>;
  hint?: ReactNode;
  autoComplete?: string;
}) {
  const [meta] = useField<string | undefined>(given.name);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getSelectProps(meta, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <select {...props} key={props.key} autoComplete={autoComplete}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Errors about the whole form (e.g. "too many attempts"), announced when they appear. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e}>{errorText(t, e)}</p>
      ))}
    </div>
  );
}

export function TextAreaField({
  meta: given,
  label,
  hint,
  rows = 5,
  lang,
}: {
  meta: FieldRef;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
  lang?: string;
}) {
  const [meta] = useField<string | undefined>(given.name);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getTextareaProps(meta, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} lang={lang} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxField({ meta: given, label, hint }: { meta: FieldRef; label: ReactNode; hint?: ReactNode }) {
  const [meta] = useField<boolean | string | undefined>(given.name);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type: "checkbox", ariaDescribedBy: hintId, value: "on" });
  return (
    <div className="field field-checkbox">
      <input {...props} key={props.key} />
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
