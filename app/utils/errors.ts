// Error messages travel as catalog codes, optionally with params in query form:
// "rate_limited?count=5". This turns one into the viewer's language.
import type { TFunction } from "i18next";
import type { ServiceError } from "#app/services/result";
import { PASSWORD_MAX, PASSWORD_MIN } from "#app/forms/identity";

export function encodeError(error: ServiceError): string {
  if (!error.params) return error.code;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(error.params)) params.set(key, String(value));
  return `${error.code}?${params.toString()}`;
}

export function errorText(t: TFunction, raw: string): string {
  const [code = "", query = ""] = raw.split("?");
  const params: Record<string, string | number> = { min: PASSWORD_MIN, max: PASSWORD_MAX };
  for (const [key, value] of new URLSearchParams(query)) {
    params[key] = /^\d+$/.test(value) ? Number(value) : value;
  }
  if (typeof params.minutes === "number") params.count = params.minutes;
  return t(`errors:${code}`, { ...params, defaultValue: t("errors:unknown") });
}
