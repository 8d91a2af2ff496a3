// Organisers: the filtered registrations as a CSV or Excel download (a resource route, no page).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { filtersFromQuery, registrationQuerySchema } from "#app/services/registrations-admin.server";
import { exportRegistrations } from "#app/services/registrations-export.server";
import { requireManagedContest } from "#app/utils/manage.server";

// The same filters as the list; a parameter that does not read is a bad link, not "any".
const exportQuerySchema = registrationQuerySchema.omit({ after: true }).extend({ format: z.enum(["csv", "xlsx"]) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const parsed = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const result = await exportRegistrations(ctx, contest.id, filtersFromQuery(parsed.data), parsed.data.format, {
    language,
    t: getFixedT(language, "common"),
  });
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
