// Every catalog, imported statically so the server bundle, scripts and tests see the same set.
import type { Language } from "#app/domain/locale";
import type { Namespace } from "#app/i18n";
import enCommon from "./en/common.json";
import enAuth from "./en/auth.json";
import enErrors from "./en/errors.json";
import enEmail from "./en/email.json";
import enGlossary from "./en/glossary.json";
import zhCNCommon from "./zh-CN/common.json";
import zhCNAuth from "./zh-CN/auth.json";
import zhCNErrors from "./zh-CN/errors.json";
import zhCNEmail from "./zh-CN/email.json";
import zhCNGlossary from "./zh-CN/glossary.json";
import zhTWCommon from "./zh-TW/common.json";
import zhTWAuth from "./zh-TW/auth.json";
import zhTWErrors from "./zh-TW/errors.json";
import zhTWEmail from "./zh-TW/email.json";
import zhTWGlossary from "./zh-TW/glossary.json";
import idCommon from "./id/common.json";
import idAuth from "./id/auth.json";
import idErrors from "./id/errors.json";
import idEmail from "./id/email.json";
import idGlossary from "./id/glossary.json";
import msCommon from "./ms/common.json";
import msAuth from "./ms/auth.json";
import msErrors from "./ms/errors.json";
import msEmail from "./ms/email.json";
import msGlossary from "./ms/glossary.json";
import thCommon from "./th/common.json";
import thAuth from "./th/auth.json";
import thErrors from "./th/errors.json";
import thEmail from "./th/email.json";
import thGlossary from "./th/glossary.json";
import viCommon from "./vi/common.json";
import viAuth from "./vi/auth.json";
import viErrors from "./vi/errors.json";
import viEmail from "./vi/email.json";
import viGlossary from "./vi/glossary.json";

export type Catalog = { [key: string]: string | string[] | Catalog };

export const resources: Record<Language, Record<Namespace, Catalog>> = {
  en: { common: enCommon, auth: enAuth, errors: enErrors, email: enEmail, glossary: enGlossary },
  "zh-CN": { common: zhCNCommon, auth: zhCNAuth, errors: zhCNErrors, email: zhCNEmail, glossary: zhCNGlossary },
  "zh-TW": { common: zhTWCommon, auth: zhTWAuth, errors: zhTWErrors, email: zhTWEmail, glossary: zhTWGlossary },
  id: { common: idCommon, auth: idAuth, errors: idErrors, email: idEmail, glossary: idGlossary },
  ms: { common: msCommon, auth: msAuth, errors: msErrors, email: msEmail, glossary: msGlossary },
  th: { common: thCommon, auth: thAuth, errors: thErrors, email: thEmail, glossary: thGlossary },
  vi: { common: viCommon, auth: viAuth, errors: viErrors, email: viEmail, glossary: viGlossary },
};
