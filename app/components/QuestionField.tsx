// One registration question as a labelled form control. Plain, uncontrolled HTML so it works in any
// form, with or without JavaScript: the registration form passes `q_<key>` names, the preview too.
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { DEFAULT_MAX_LENGTH, URL_MAX_LENGTH, type QuestionDefinition } from "#app/domain/questions";

const asString = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : "";

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];

const isTicked = (value: unknown) => value === true || value === "on" || value === "true";

function Text({ text, language }: { text: LocalizedText; language: Language }) {
  return <span lang={pickedLanguage(text, language)}>{pickLocalized(text, language)}</span>;
}

export function QuestionField({
  definition,
  name,
  defaultValue,
  errors,
  language,
}: {
  definition: QuestionDefinition;
  name: string;
  defaultValue?: unknown;
  errors?: string[];
  language: Language;
}) {
  const { t } = useTranslation();
  const id = `${name}-${useId()}`;
  const hintId = definition.help ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-errors` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const invalid = errorId ? true : undefined;
  const required = definition.required;

  const labelText: ReactNode = (
    <>
      <Text text={definition.label} language={language} />
      {required ? <span className="required-mark"> ({t("questions.requiredMark")})</span> : null}
    </>
  );
  const hint = definition.help ? (
    <p className="field-hint" id={hintId}>
      <Text text={definition.help} language={language} />
    </p>
  ) : null;
  const errorList = <ErrorList id={errorId} errors={errors} />;
  // The attributes every single control shares: the state a screen reader announces.
  const common = {
    id,
    name,
    required,
    "aria-required": required || undefined,
    "aria-invalid": invalid,
    "aria-describedby": describedBy,
  };

  switch (definition.kind) {
    case "single_choice":
    case "multiple_choice": {
      const multiple = definition.kind === "multiple_choice";
      const chosen = asList(defaultValue);
      return (
        // A radio group can say it is required and invalid; a group of checkboxes says so in words.
        <fieldset
          className="question-choices"
          role={multiple ? undefined : "radiogroup"}
          aria-required={!multiple && required ? true : undefined}
          aria-invalid={!multiple ? invalid : undefined}
          aria-describedby={describedBy}
        >
          <legend>{labelText}</legend>
          {hint}
          {(definition.options ?? []).map((option, index) => {
            const optionId = `${id}-${index}`;
            return (
              <div className="row field-checkbox" key={option.value}>
                <input
                  type={multiple ? "checkbox" : "radio"}
                  id={optionId}
                  name={name}
                  value={option.value}
                  defaultChecked={chosen.includes(option.value)}
                  // One required radio makes the browser ask for a choice in the whole group.
                  required={!multiple && required && index === 0 ? true : undefined}
                  aria-invalid={multiple ? invalid : undefined}
                />
                <label htmlFor={optionId}>
                  <Text text={option.label} language={language} />
                </label>
              </div>
            );
          })}
          {errorList}
        </fieldset>
      );
    }
    case "checkbox":
      return (
        <div className="field field-checkbox">
          <input {...common} type="checkbox" value="on" defaultChecked={isTicked(defaultValue)} />
          <label htmlFor={id}>{labelText}</label>
          {hint}
          {errorList}
        </div>
      );
    default: {
      let control: ReactNode;
      if (definition.kind === "long_text") {
        control = (
          <textarea
            {...common}
            rows={5}
            maxLength={definition.maxLength ?? DEFAULT_MAX_LENGTH.long_text}
            defaultValue={asString(defaultValue)}
          />
        );
      } else if (definition.kind === "number") {
        control = (
          <input
            {...common}
            type="number"
            step="any"
            inputMode="decimal"
            min={definition.min}
            max={definition.max}
            defaultValue={asString(defaultValue)}
          />
        );
      } else if (definition.kind === "date") {
        control = (
          <input
            {...common}
            type="date"
            min={definition.minDate}
            max={definition.maxDate}
            defaultValue={asString(defaultValue)}
          />
        );
      } else if (definition.kind === "url") {
        control = (
          <input
            {...common}
            type="url"
            inputMode="url"
            placeholder="https://"
            maxLength={URL_MAX_LENGTH}
            defaultValue={asString(defaultValue)}
          />
        );
      } else {
        control = (
          <input
            {...common}
            type="text"
            maxLength={definition.maxLength ?? DEFAULT_MAX_LENGTH.short_text}
            defaultValue={asString(defaultValue)}
          />
        );
      }
      return (
        <div className="field">
          <label htmlFor={id}>{labelText}</label>
          {hint}
          {control}
          {errorList}
        </div>
      );
    }
  }
}
