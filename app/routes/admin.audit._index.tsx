// Platform admins: every audit event (every contest's, and sign-ins and account changes), filtered
// by a plain GET form and paged by time. It only reads: there is no action.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditLog } from "#app/components/audit/AuditLog";
import { auditPageLinks, hasAuditFilters, parseAuditQuery } from "#app/domain/audit-log";
import { requirePermission, serviceContext } from "#app/infra/auth.server";
import { auditLogPage } from "#app/services/audit-log.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, { type: "admin.audit.read" });
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const timeZone = auth.user.time_zone;
  const result = await auditLogPage(serviceContext(request, context, auth), { platform: true }, query, timeZone);
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  const base = "/admin/audit";
  const { before: _cursor, ...filters } = query;
  return {
    base,
    ...result.value,
    query: filters,
    filtered: hasAuditFilters(query),
    ...auditPageLinks(base, query, result.value.nextCursor),
    timeZone,
  };
}

export default function PlatformAuditLog() {
  const { t } = useTranslation();
  const log = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.platformTitle")}</h1>
      <p className="muted">{t("audit.platformIntro")}</p>
      <AuditLog data={log} showContest />
    </section>
  );
}
