// Downloads one submitted file, only for those allowed to see it, never by a guessable path.
// `?inline=1` shows a PDF in the browser instead, for the scoring page's viewer; server/index.ts
// lets only that response be framed, and only by our own pages (see framingFor).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getStorage } from "#app/infra/storage/index.server";
import { openSubmissionFile } from "#app/services/submissions.server";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await openSubmissionFile(serviceContext(request, context, auth), getStorage(), parseId(params.submissionId));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const { stream, fileName, contentType, size } = result.value;
  // Only a PDF is shown inline; anything else is always a download, never rendered by the browser.
  const inline = new URL(request.url).searchParams.get("inline") === "1" && contentType === "application/pdf";
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ...(size ? { "Content-Length": String(size) } : {}),
    },
  });
}
