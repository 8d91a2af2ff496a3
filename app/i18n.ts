// i18next settings shared by the server render and the browser.
import { LANGUAGES, DEFAULT_LANGUAGE } from "#app/domain/locale";

export const NAMESPACES = ["common", "auth", "errors", "email", "glossary"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const i18nConfig = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
} as const;
