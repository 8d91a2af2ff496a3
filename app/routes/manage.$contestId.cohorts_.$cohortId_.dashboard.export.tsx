// Organisers: the M&E dashboard as a CSV or Excel download — the KPIs per period, or one row per team
// and period (a resource route, no page).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { DASHBOARD_EXPORTS, exportDashboard } from "#app/services/impact-export.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

// A parameter that does not read is a bad link, not "the default".
const exportQuerySchema = z.object({ what: z.enum(DASHBOARD_EXPORTS), format: z.enum(["csv", "xlsx"]) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const cohortId = parseId(params.cohortId);
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const t = getFixedT(language, "common");
  const parsed = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new Response(t("impact.export.badQuery"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": language },
    });
  }
  const result = await exportDashboard(ctx, contest.id, cohortId, parsed.data, { language, t });
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "not_found" ? 404 : 403 });
  const { body, filename, contentType } = result.value;
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
