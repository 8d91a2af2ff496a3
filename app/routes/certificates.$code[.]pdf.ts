// A certificate's PDF, for the members of its team and the contest's organisers. Anyone else, and
// anyone signed out, gets a plain 404: the public verification page is /certificates/:code.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { certificatePdf } from "#app/services/publication.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const result = await certificatePdf(ctx, params.code ?? "", await getRequestLanguage(request, auth.user.preferred_language));
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "certificate_revoked" ? 410 : 404 });
  return new Response(Buffer.from(result.value.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${result.value.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
