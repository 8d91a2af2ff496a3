// Labelled form controls wired to Conform: the label, the hint and the errors are tied to the
// control with ids, so screen readers announce them.
import { getInputProps, getSelectProps, useField, type FieldMetadata } from "@conform-to/react";
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

type InputType = "text" | "email" | "password" | "url" | "number" | "date" | "hidden" | "search" | "tel";

export function TextField({
  meta: given,
  label,
  hint,
  type = "text",
  autoComplete,
}: {
  meta: FieldMetadata<string | number | undefined>;
  label: ReactNode;
  hint?: ReactNode;
  type?: InputType;
  autoComplete?: string;
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
      <input {...props} key={props.key} autoComplete={autoComplete} />
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
  meta: FieldMetadata<string | undefined>;
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
