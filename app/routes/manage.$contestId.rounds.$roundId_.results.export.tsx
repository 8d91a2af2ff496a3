// Organisers: a round's rankings or all its reviews as a CSV or Excel download (a resource route, no page).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { RESULT_METHODS } from "#app/domain/aggregation";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { exportRoundResults, RESULTS_EXPORTS } from "#app/services/results-export.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

// A parameter that does not read is a bad link, not "the default".
const exportQuerySchema = z.object({
  what: z.enum(RESULTS_EXPORTS),
  format: z.enum(["csv", "xlsx"]),
  method: z.enum(RESULT_METHODS).optional(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const t = getFixedT(language, "common");
  const parsed = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new Response(t("resultsExport.badQuery"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": language },
    });
  }
  const result = await exportRoundResults(ctx, contest.id, roundId, parsed.data, { language, t });
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
