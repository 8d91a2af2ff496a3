// Server-side translation: the language of a request, and a `t` for any language (emails are
// written in the recipient's language, not the sender's).
import { createHash } from "node:crypto";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { resources } from "#locales/index";
import { i18nConfig, type Namespace } from "#app/i18n";
import { resolveLanguage, type Language } from "#app/domain/locale";
import { languageCookie } from "./cookies.server";

let shared: I18n | undefined;

function sharedInstance(): I18n {
  if (!shared) {
    shared = createInstance();
    void shared.init({ ...i18nConfig, resources, lng: "en", initImmediate: false });
  }
  return shared;
}

export function getFixedT(language: Language, ns: Namespace | Namespace[] = "common"): TFunction {
  return sharedInstance().getFixedT(language, ns);
}

/** A fresh instance for one server render, bound to React. */
export async function createRenderI18n(language: Language): Promise<I18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({ ...i18nConfig, resources, lng: language });
  return instance;
}

export async function getRequestLanguage(request: Request, profileLanguage?: string | null): Promise<Language> {
  const cookie: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  return resolveLanguage({
    profile: profileLanguage,
    cookie: typeof cookie === "string" ? cookie : null,
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

/** The catalogs one language needs in the browser. */
export function clientResources(language: Language) {
  return resources[language];
}

const catalogs = new Map<Language, { json: string; version: string }>();

/**
 * One language's catalogs as the browser loads them (`/i18n/<language>?v=<version>`), serialised
 * once per process; the version is a hash of the text, so a new release changes the address and
 * browsers may keep a version for good.
 */
export function browserCatalog(language: Language): { json: string; version: string } {
  let catalog = catalogs.get(language);
  if (!catalog) {
    const json = JSON.stringify(resources[language]);
    catalog = { json, version: createHash("sha256").update(json).digest("hex").slice(0, 12) };
    catalogs.set(language, catalog);
  }
  return catalog;
}

export function browserCatalogUrl(language: Language): string {
  return `/i18n/${language}?v=${browserCatalog(language).version}`;
}
