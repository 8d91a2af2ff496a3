// How large a request body may be, decided from its headers before a byte of it is read: the
// hand-in and check-in forms carry files, everything else is a small form. A body that declares
// more is refused with 413; one that does not declare its length (chunked) with 411, since every
// browser form and upload sends a Content-Length and a body without one could be endless. A body
// that is not a form (JSON, plain text) is refused with 415: no action of the app reads anything else.

export type BodyLimits = {
  /** Hand-ins: the round's material files (the page's action and its XHR endpoint). */
  handIn: number;
  /** Check-in attachments. */
  checkin: number;
  /** The judges' CSV import. */
  judgesCsv: number;
  /** Every other form. */
  form: number;
};

export type BodyVerdict = { ok: true; limit: number } | { ok: false; status: 411 | 413 | 415; limit: number };

/** Every action reads a form: a body of any other type would only make it fail. */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

// A client-side navigation posts to the same path with `.data` (Remix single fetch).
const HAND_IN = /^\/entries\/\d+\/rounds\/\d+(\/upload)?(\.data)?$/;
const CHECKIN = /^\/incubation\/\d+\/checkins\/[^/]+(\.data)?$/;
const JUDGES = /^\/manage\/\d+\/judges(\.data)?$/;

export function bodyLimitFor(pathname: string, limits: BodyLimits): number {
  if (HAND_IN.test(pathname)) return limits.handIn;
  if (CHECKIN.test(pathname)) return limits.checkin;
  if (JUDGES.test(pathname)) return limits.judgesCsv;
  return limits.form;
}

/** The verdict on a request's body from its path and headers (names in lower case, as Node gives them). */
export function checkBody(
  pathname: string,
  headers: { "content-length"?: string; "transfer-encoding"?: string; "content-type"?: string },
  limits: BodyLimits,
): BodyVerdict {
  const limit = bodyLimitFor(pathname, limits);
  const declared = headers["content-length"];
  if (declared === undefined) {
    // No body at all (GET, HEAD, an empty POST); a body of unknown length is not accepted anywhere.
    if (headers["transfer-encoding"] !== undefined) return { ok: false, status: 411, limit };
    return { ok: true, limit };
  }
  const length = /^\d{1,15}$/.test(declared) ? Number(declared) : Number.NaN;
  if (Number.isNaN(length)) return { ok: false, status: 411, limit };
  if (length > limit) return { ok: false, status: 413, limit };
  const type = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (length > 0 && !FORM_TYPES.includes(type)) return { ok: false, status: 415, limit };
  return { ok: true, limit };
}
