// Switches the interface language: a plain form (works without JavaScript) that posts to
// /set-language and reloads the page in the new language.
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, LANGUAGE_NAMES, type Language } from "#app/domain/locale";

export function LanguageSwitcher({ current }: { current: Language }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/set-language" reloadDocument className="language-switcher">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-select">{t("layout.language")}</label>
      <select id="language-select" name="language" defaultValue={current} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {LANGUAGE_NAMES[lng]}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="btn btn-secondary">
          {t("layout.changeLanguage")}
        </button>
      </noscript>
    </Form>
  );
}
