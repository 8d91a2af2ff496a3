// Small glue shared by route modules: cookies for a new session, and form replies with codes.
import { data } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import type { ServiceError } from "#app/services/result";
import { languageCookie } from "#app/infra/cookies.server";
import { serializeSessionCookie, type NewSession } from "#app/infra/session.server";
import { encodeError } from "./errors";

/** Set-Cookie headers after sign-in: the session, and the user's language for the next visit. */
export async function signedInCookies(session: NewSession, language: string): Promise<string[]> {
  return [
    await serializeSessionCookie(session.token, new Date(session.session.created_at)),
    await languageCookie.serialize(language),
  ];
}

/** A 4xx reply that re-renders the form with the user's input and the service's error. */
export function replyWithError<T, E extends Record<string, unknown> = Record<never, never>>(
  submission: Submission<T>,
  error: ServiceError,
  options: { hideFields?: string[]; extra?: E } = {},
) {
  const message = encodeError(error);
  const status = error.code === "rate_limited" ? 429 : error.code === "changed_by_someone_else" ? 409 : 400;
  const result = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields: options.hideFields })
    : submission.reply({ formErrors: [message], hideFields: options.hideFields });
  return data({ ...(options.extra as E), result }, { status });
}

export function replyInvalid<T, E extends Record<string, unknown> = Record<never, never>>(
  submission: Submission<T>,
  options: { hideFields?: string[]; extra?: E } = {},
) {
  return data({ ...(options.extra as E), result: submission.reply({ hideFields: options.hideFields }) }, { status: 400 });
}
