// Organisers: one round's materials as a ZIP (the versions that count, a manifest with their SHA-256
// and the answers sheet), streamed file by file. A resource route, no page.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { getStorage } from "#app/infra/storage/index.server";
import { roundArchive, roundArchiveStream } from "#app/services/round-materials.server";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const result = await roundArchive(ctx, parseId(params.contestId), parseId(params.roundId), {
    language,
    t: getFixedT(language, "common"),
  });
  // Someone who does not organise this contest learns nothing about it, not even that it exists.
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const archive = result.value;
  return new Response(createReadableStreamFromReadable(roundArchiveStream(getStorage(), archive)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${archive.filename}"; filename*=UTF-8''${encodeURIComponent(archive.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
