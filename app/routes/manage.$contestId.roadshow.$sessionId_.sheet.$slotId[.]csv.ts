// A finalist's score sheet as CSV (UTF-8 with a BOM for Excel; cells guarded against formulas).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { pickLocalized } from "#app/domain/localized";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { csvCell } from "#app/services/registrations-export.server";
import { scoreSheet } from "#app/services/roadshow.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const sheet = await scoreSheet(ctx, contest.id, parseId(params.sessionId), parseId(params.slotId));
  if (!sheet.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const t = getFixedT(language, "common");
  const { criteria, judges, result, method, code } = sheet.value;
  const line = (cells: ReadonlyArray<string | number | null>) => `${cells.map((c) => csvCell(c ?? "")).join(",")}\r\n`;
  const rows = [
    line([t("roadshow.sheet.judge"), ...criteria.map((c) => pickLocalized(c.name, language)), t("roadshow.sheet.total")]),
    ...judges.map((j) => line([j.name, ...criteria.map((c) => j.scores[c.id] ?? null), j.total])),
    line([t("roadshow.resultHeading"), ...criteria.map(() => null), result.value]),
    line([t("roadshow.sheet.methodHeading"), t(`roadshow.method.${method}`)]),
    line([t("roadshow.sheet.countedHeading"), result.counted]),
    line([t("roadshow.sheet.droppedHeading"), result.dropped.join(" ")]),
  ];
  const filename = `score-sheet-${code}.csv`;
  return new Response(`\uFEFF${rows.join("")}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
