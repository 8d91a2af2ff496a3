// A group of checkboxes sharing one name (e.g. the tracks a judge knows), wired to Conform: one
// legend, an optional hint, and the group's errors tied to every box.
import { getCollectionProps, useField } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList, type FieldRef } from "#app/components/ui/Field";

export function CheckboxGroup({
  meta: given,
  legend,
  hint,
  options,
  columns = "narrow",
}: {
  meta: FieldRef;
  legend: ReactNode;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string; lang?: string }>;
  /** Short labels (languages) sit in narrow columns; long ones (track names) in wide ones. */
  columns?: "narrow" | "wide";
}) {
  const [meta] = useField<string[] | string | undefined>(given.name);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const boxes = getCollectionProps(meta, {
    type: "checkbox",
    options: options.map((o) => o.value),
  });
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={meta.id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className={columns === "wide" ? "grid-2" : "grid-4"}>
        {boxes.map(({ key, ...props }, i) => (
          <div className="field field-checkbox" key={key}>
            <input {...props} aria-describedby={undefined} />
            <label htmlFor={props.id} lang={options[i]!.lang}>
              {options[i]!.label}
            </label>
          </div>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
