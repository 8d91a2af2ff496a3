// Downloads one check-in attachment: for the team, its mentors and the organisers only (the service
// decides), always as a download, never rendered by the browser.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getStorage } from "#app/infra/storage/index.server";
import { openCheckinAttachment } from "#app/services/checkin-attachments.server";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await openCheckinAttachment(
    serviceContext(request, context, auth),
    getStorage(),
    parseId(params.cohortTeamId),
    parseId(params.attachmentId),
  );
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const { stream, fileName, contentType, size } = result.value;
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Length": String(size),
    },
  });
}
