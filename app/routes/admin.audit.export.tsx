// Platform admins: the filtered audit log, every contest and platform event, as a CSV download.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { parseAuditQuery } from "#app/domain/audit-log";
import { requirePermission, serviceContext } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { exportAuditLog } from "#app/services/audit-log.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, { type: "admin.audit.read" });
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const result = await exportAuditLog(serviceContext(request, context, auth), { platform: true }, query, {
    t: getFixedT(language, "common"),
    language,
    timeZone: auth.user.time_zone,
  });
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  const { body, filename, contentType } = result.value;
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
