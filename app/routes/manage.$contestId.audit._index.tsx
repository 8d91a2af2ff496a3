// Organisers (and admins): the contest's audit log, filtered by a plain GET form and paged by time.
// It only reads: there is no action, so nothing here can change or remove an event.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditLog } from "#app/components/audit/AuditLog";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { auditPageLinks, hasAuditFilters, parseAuditQuery } from "#app/domain/audit-log";
import { auditLogPage } from "#app/services/audit-log.server";
import { requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const timeZone = auth.user.time_zone;
  const result = await auditLogPage(ctx, { contestId: contest.id }, query, timeZone);
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  const base = `/manage/${contest.id}/audit`;
  const { before: _cursor, ...filters } = query;
  return {
    contest,
    log: {
      base,
      ...result.value,
      query: filters,
      filtered: hasAuditFilters(query),
      ...auditPageLinks(base, query, result.value.nextCursor),
      timeZone,
    },
  };
}

export default function ContestAuditLog() {
  const { t } = useTranslation();
  const { contest, log } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("audit.title")} />
      <p className="muted">{t("audit.contestIntro")}</p>
      <AuditLog data={log} showContest={false} />
    </section>
  );
}
