// Reading one hand-in form (multipart: a file, or a text answer or video link) and giving it to
// the submissions service. Shared by the page's action (the form without JavaScript) and the
// upload endpoint (the same form sent with XMLHttpRequest, for upload progress).
import {
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { z } from "zod";
import type { ServiceContext } from "#app/services/context.server";
import type { ServiceError } from "#app/services/result";
import { getStorage } from "#app/infra/storage/index.server";
import { submitAnswer, uploadFile } from "#app/services/submissions.server";
import { encodeError } from "./errors";

/** The largest file any material may allow; each material's own limit is checked by the service. */
export const MAX_UPLOAD_MB = 200;

/** A refused hand-in: the material (when known), an error code for `errorText`, and the HTTP status. */
export interface HandInRefusal {
  ok: false;
  requirementId: number | null;
  message: string;
  status: number;
}
export type HandInReply = { ok: true; requirementId: number; version: number } | HandInRefusal;

/** The HTTP status for a refused hand-in. */
export function handInStatus(error: ServiceError): number {
  switch (error.code) {
    case "unauthorised":
      return 401;
    case "not_found":
      return 404;
    case "submission_closed":
      return 409;
    case "file_too_large":
      return 413;
    default:
      return 400;
  }
}

function refused(requirementId: number | null, error: ServiceError): HandInRefusal {
  return { ok: false, requirementId, message: encodeError(error), status: handInStatus(error) };
}

/** The multipart body, or the reply for a body that is too large or not a form. */
export async function readHandInForm(
  request: Request,
): Promise<{ ok: true; formData: FormData } | { ok: false; reply: HandInRefusal }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data"))
    return { ok: false, reply: { ...refused(null, { code: "unknown" }), status: 415 } };
  try {
    const formData = await parseMultipartFormData(
      request,
      createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_MB * 1024 * 1024 }),
    );
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, reply: refused(null, { code: "file_too_large", params: { max: MAX_UPLOAD_MB } }) };
    // Anything else the parser throws on is a body no browser sends (a part without a name...).
    return { ok: false, reply: { ...refused(null, { code: "formInput.unreadable" }), status: 400 } };
  }
}

const requirementIdSchema = z.coerce.number().int().positive();

/** Hands in the form's one material: its file, or its text answer or video link. */
export async function handIn(
  ctx: ServiceContext,
  slot: { entryId: number; roundId: number },
  formData: FormData,
): Promise<HandInReply> {
  const parsed = requirementIdSchema.safeParse(formData.get("requirementId"));
  if (!parsed.success) return refused(null, { code: "not_found" });
  const requirementId = parsed.data;
  const file = formData.get("file");
  const result =
    file instanceof File
      ? await uploadFile(ctx, getStorage(), {
          ...slot,
          requirementId,
          fileName: file.name,
          data: new Uint8Array(await file.arrayBuffer()),
          language: formData.get("language"),
        })
      : await submitAnswer(ctx, {
          ...slot,
          requirementId,
          value: String(formData.get("value") ?? ""),
          language: formData.get("language"),
        });
  if (!result.ok) return refused(requirementId, result.error);
  return { ok: true, requirementId, version: result.value.version };
}
