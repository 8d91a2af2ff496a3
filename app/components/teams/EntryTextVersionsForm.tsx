// The team's form for one text of its entry (pitch, description, an answer, a handed-in text): the
// original, the translations, and a row to add a version in another language. A refused save comes
// back with what was typed and a message beside each field at fault.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import { errorText } from "#app/utils/errors";

export const SAVE_TEXTS_INTENT = "save_texts";

export interface VersionRow {
  language: string;
  text: string;
  remove?: boolean;
}

export interface TextFormData {
  field: string;
  ref: string;
  maxLength: number;
  originalHere: boolean;
  original: { language: string | null; text: string } | null;
  originalFromTeam: boolean;
  translations: VersionRow[];
  editable: boolean;
  basis: string;
}

/** What a refused save sends back for its form: the rows as typed, and codes by field name. */
export interface TextFormReply {
  field: string;
  ref: string;
  values: { original: VersionRow | null; translations: VersionRow[] };
  errors: Record<string, string[]>;
  formError: string | null;
}

function LanguageSelect({
  id,
  name,
  value,
  options,
  errors,
  required,
}: {
  id: string;
  name: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  errors: string[] | undefined;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("entryTexts.language")}</label>
      <select
        id={id}
        name={name}
        defaultValue={value}
        required={required}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
      >
        <option value="">{t("entryTexts.chooseLanguage")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

function TextInput({
  id,
  name,
  value,
  maxLength,
  oneLine,
  errors,
  required,
}: {
  id: string;
  name: string;
  value: string;
  maxLength: number;
  oneLine: boolean;
  errors: string[] | undefined;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const described = [`${id}-hint`, errors ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{t("entryTexts.text")}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t("manage.maxChars", { count: maxLength })}
      </p>
      {oneLine ? (
        <input
          id={id}
          name={name}
          type="text"
          defaultValue={value}
          maxLength={maxLength}
          required={required}
          aria-invalid={errors ? true : undefined}
          aria-describedby={described}
        />
      ) : (
        <textarea
          id={id}
          name={name}
          rows={5}
          defaultValue={value}
          maxLength={maxLength}
          required={required}
          aria-invalid={errors ? true : undefined}
          aria-describedby={described}
        />
      )}
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function EntryTextVersionsForm({
  form,
  idPrefix,
  languageNames,
  languageOptions,
  reply,
  busy,
}: {
  form: TextFormData;
  idPrefix: string;
  languageNames: Record<string, string>;
  languageOptions: ReadonlyArray<{ value: string; label: string }>;
  /** The last refused save, if it was this form's. */
  reply: TextFormReply | null;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const errors = reply?.errors ?? {};
  const errorsOf = (name: string) => (errors[name] ? errors[name]!.map((code) => errorText(t, code)) : undefined);
  const oneLine = form.field === "pitch";
  const nameOf = (code: string | null) => (code ? (languageNames[code] ?? code) : t("entryTexts.unknownLanguage"));
  const original = reply
    ? reply.values.original
    : form.original
      ? { language: form.original.language ?? "", text: form.original.text }
      : null;
  const rows: VersionRow[] = reply ? reply.values.translations : form.translations;
  // One empty row to add a version, after what was typed, unless the last row is already one.
  const last = rows.at(-1);
  const allRows = last && !last.language && !last.text ? rows : [...rows, { language: "", text: "" }];

  if (!form.editable) {
    return (
      <div className="stack">
        {form.original ? (
          <div>
            <p className="small muted">{t("entryTexts.originalIn", { language: nameOf(form.original.language) })}</p>
            <p className="review-text" lang={form.original.language ?? undefined}>
              {form.original.text}
            </p>
          </div>
        ) : (
          <p className="muted">{t("entryTexts.noOriginal")}</p>
        )}
        {form.translations.map((v) => (
          <div key={v.language}>
            <p className="small muted">{t("entryTexts.versionLegend", { language: nameOf(v.language) })}</p>
            <p className="review-text" lang={v.language}>
              {v.text}
            </p>
          </div>
        ))}
        <p className="muted small">{t("entryTexts.locked")}</p>
      </div>
    );
  }

  return (
    <Form method="post" className="stack" preventScrollReset>
      <input type="hidden" name="intent" value={SAVE_TEXTS_INTENT} />
      <input type="hidden" name="field" value={form.field} />
      <input type="hidden" name="ref" value={form.ref} />
      <input type="hidden" name="basis" value={form.basis} />
      {reply?.formError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, reply.formError)}
        </p>
      ) : null}
      {form.originalHere ? (
        <fieldset>
          <legend>{t("entryTexts.originalLegend")}</legend>
          {form.originalFromTeam && !reply ? <p className="field-hint">{t("entryTexts.fromTeam")}</p> : null}
          <LanguageSelect
            id={`${idPrefix}-original-language`}
            name="original.language"
            value={original?.language ?? ""}
            options={languageOptions}
            errors={errorsOf("original.language")}
          />
          <TextInput
            id={`${idPrefix}-original-text`}
            name="original.text"
            value={original?.text ?? ""}
            maxLength={form.maxLength}
            oneLine={oneLine}
            errors={errorsOf("original.text")}
          />
        </fieldset>
      ) : form.original ? (
        <div>
          <p className="small muted">{t("entryTexts.originalIn", { language: nameOf(form.original.language) })}</p>
          <p className="review-text" lang={form.original.language ?? undefined}>
            {form.original.text}
          </p>
          <p className="field-hint">
            {t(form.field === "answer" ? "entryTexts.originalElsewhereAnswer" : "entryTexts.originalElsewhereMaterial")}
          </p>
        </div>
      ) : (
        <p className="muted">{t("entryTexts.noOriginal")}</p>
      )}
      {allRows.map((row, i) => {
        const adding = i >= rows.length || (!row.language && !row.text && i === allRows.length - 1);
        const id = `${idPrefix}-t${i}`;
        return (
          <fieldset key={i}>
            <legend>
              {adding ? t("entryTexts.addVersion") : t("entryTexts.versionLegend", { language: nameOf(row.language || null) })}
            </legend>
            <LanguageSelect
              id={`${id}-language`}
              name={`translations.${i}.language`}
              value={row.language}
              options={languageOptions}
              errors={errorsOf(`translations.${i}.language`)}
            />
            <TextInput
              id={`${id}-text`}
              name={`translations.${i}.text`}
              value={row.text}
              maxLength={form.maxLength}
              oneLine={oneLine}
              errors={errorsOf(`translations.${i}.text`)}
            />
            {adding ? null : (
              <div className="field field-checkbox">
                <input id={`${id}-remove`} type="checkbox" name={`translations.${i}.remove`} defaultChecked={row.remove} />
                <label htmlFor={`${id}-remove`}>{t("entryTexts.remove")}</label>
              </div>
            )}
          </fieldset>
        );
      })}
      <div>
        <Button type="submit" busy={busy}>
          {t("entryTexts.save")}
        </Button>
      </div>
    </Form>
  );
}
