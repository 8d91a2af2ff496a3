// Organisers (and admins): the contest's filtered audit log as a CSV download (a resource route).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { parseAuditQuery } from "#app/domain/audit-log";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { exportAuditLog } from "#app/services/audit-log.server";
import { requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const result = await exportAuditLog(ctx, { contestId: contest.id }, query, {
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
