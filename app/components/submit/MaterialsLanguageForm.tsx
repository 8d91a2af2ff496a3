// The card on the hand-in page where a team says which language its materials are in; read-only
// once the entry is withdrawn or the contest's last submission deadline has passed.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import { languageName, MATERIAL_LANGUAGES } from "#app/domain/judging";

export const MATERIALS_LANGUAGE_INTENT = "materials_language";

export function MaterialsLanguageForm({
  language,
  editable,
  withdrawn,
  error,
  busy,
}: {
  language: string | null;
  editable: boolean;
  /** A withdrawn entry: the page says so already, so no word about the deadline. */
  withdrawn: boolean;
  /** An error code for `errorText`, from the last save. */
  error?: string;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const name = (code: string) => languageName(code, i18n.language);
  const errorId = "materials-language-error";
  return (
    <section className="card" aria-labelledby="materials-language-title">
      <h2 id="materials-language-title">{t("materialsLanguage.title")}</h2>
      {editable ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value={MATERIALS_LANGUAGE_INTENT} />
          <div className="field">
            <label htmlFor="materials-language">{t("materialsLanguage.label")}</label>
            <p className="field-hint" id="materials-language-hint">
              {t("materialsLanguage.hint")}
            </p>
            <select
              id="materials-language"
              name="language"
              required
              defaultValue={language ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `materials-language-hint ${errorId}` : "materials-language-hint"}
            >
              {language ? null : (
                <option value="" disabled>
                  {t("materialsLanguage.choose")}
                </option>
              )}
              {MATERIAL_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {name(code)}
                </option>
              ))}
            </select>
            <ErrorList id={errorId} errors={error ? [error] : undefined} />
          </div>
          <Button type="submit" variant="secondary" busy={busy}>
            {t("materialsLanguage.save")}
          </Button>
        </Form>
      ) : (
        <>
          <p>{language ? name(language) : t("materialsLanguage.notGiven")}</p>
          {withdrawn ? null : <p className="muted small">{t("materialsLanguage.locked")}</p>}
          <ErrorList id={errorId} errors={error ? [error] : undefined} />
        </>
      )}
    </section>
  );
}
