// Browser start: i18next from the catalogs the page names (fetched once, then cached), then hydration.
import { RemixBrowser } from "@remix-run/react";
import i18next, { type Resource } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "#app/i18n";
import { TIME_ZONE_COOKIE_SCRIPT_NAME, loadCatalogs, readEmbeddedI18n } from "#app/utils/client-i18n";

async function hydrate() {
  const embedded = readEmbeddedI18n();
  const language = embedded.language;
  const resources = await loadCatalogs(embedded);
  await i18next
    .use(initReactI18next)
    .init({ ...i18nConfig, lng: language, resources: { [language]: resources as Resource[string] } });

  // Remember the browser's time zone so pages can show times in it before sign-in.
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone)
      document.cookie = `${TIME_ZONE_COOKIE_SCRIPT_NAME}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  } catch {
    // An old browser without time zone support keeps UTC.
  }

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
