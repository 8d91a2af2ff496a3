// Sends a form with XMLHttpRequest, because fetch cannot report upload progress, and reads the
// upload endpoint's JSON reply.

/** What the upload endpoint answers. `message` is an error code for `errorText`. */
export type UploadReply =
  { ok: true; requirementId: number; version: number } | { ok: false; requirementId: number | null; message: string };

export interface SendHandlers {
  /** Whole percent of the body sent so far. */
  onProgress: (percent: number) => void;
  /** The whole body is sent; the server is now checking it. */
  onSent: () => void;
  /** The server answered; `reply` is null when the answer was not the endpoint's JSON. */
  onAnswer: (status: number, reply: UploadReply | null) => void;
  /** The request never got an answer (offline, connection dropped). */
  onNetworkError: () => void;
  onAborted: () => void;
}

function isUploadReply(value: unknown): value is UploadReply {
  return typeof value === "object" && value !== null && typeof (value as { ok?: unknown }).ok === "boolean";
}

export function sendFormWithProgress(url: string, body: FormData, handlers: SendHandlers): { abort: () => void } {
  const xhr = new XMLHttpRequest();
  xhr.open("POST", url);
  xhr.responseType = "json";
  xhr.setRequestHeader("Accept", "application/json");
  xhr.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable && event.total > 0) handlers.onProgress(Math.floor((event.loaded / event.total) * 100));
  });
  xhr.upload.addEventListener("load", () => handlers.onSent());
  xhr.addEventListener("load", () => handlers.onAnswer(xhr.status, isUploadReply(xhr.response) ? xhr.response : null));
  xhr.addEventListener("error", () => handlers.onNetworkError());
  xhr.addEventListener("abort", () => handlers.onAborted());
  xhr.send(body);
  return { abort: () => xhr.abort() };
}
