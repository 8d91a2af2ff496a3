// Server-side translation: the language of a request, and a `t` for any language (emails are
// written in the recipient's language, not the sender's).
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
