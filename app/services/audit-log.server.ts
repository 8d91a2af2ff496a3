// Reading the audit log: a contest's events for its organisers, every event for platform admins,
// filtered and paged, and the same selection as a CSV download. Nothing here writes to the log
// except the note that an export was taken; the log has no edit or delete anywhere.
import type { Readable } from "node:stream";
import type { TFunction } from "i18next";
import {
  AUDIT_PAGE_SIZE,
  auditActionKey,
  auditQueryString,
  compareAuditPayloads,
  encodeCursor,
  labelOrCode,
  utcBounds,
  type AuditEventView,
  type AuditQuery,
} from "#app/domain/audit-log";
import type { Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { audit } from "#app/infra/audit.server";
import { ensurePrimaryForWrite } from "#app/infra/litefs.server";
import { spreadsheet, type Cell, type SheetPlan } from "#app/infra/spreadsheet.server";
import {
  listAuditActions,
  listAuditEvents,
  listAuditSubjectTypes,
  type AuditEventFilters,
  type AuditEventRecord,
} from "#app/data/audit-log.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

/** Whose events: one contest's, or the whole platform's (sign-ins and account changes included). */
export type AuditScope = { contestId: number } | { platform: true };

export function canReadAuditLog(ctx: ServiceContext, scope: AuditScope): boolean {
  return "contestId" in scope
    ? can(ctx.actor, { type: "contest.audit.read", contestId: scope.contestId })
    : can(ctx.actor, { type: "admin.audit.read" });
}

/** The query as the data layer's filters; the days are the viewer's, in the viewer's time zone. */
export function auditFilters(scope: AuditScope, query: AuditQuery, timeZone: string): AuditEventFilters {
  return {
    ...("contestId" in scope ? { contestId: scope.contestId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.actor ? { actorEmailPrefix: query.actor } : {}),
    ...(query.subjectType ? { subjectType: query.subjectType } : {}),
    ...(query.subjectId ? { subjectId: query.subjectId } : {}),
    ...utcBounds(query, timeZone),
  };
}

function contestOf(r: AuditEventRecord): AuditEventView["contest"] {
  if (r.contest_id === null) return null;
  const name = parseLocalizedJson(r.contest_name_i18n) ?? { en: r.contest_name ?? `#${r.contest_id}` };
  return { id: r.contest_id, name };
}

function toView(r: AuditEventRecord): AuditEventView {
  return {
    id: r.id,
    createdAt: r.created_at,
    // An actor whose account is gone reads like the system: the row keeps no name of its own.
    actor:
      r.actor_user_id !== null && r.actor_email !== null
        ? { id: r.actor_user_id, name: r.actor_name ?? "", email: r.actor_email }
        : null,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    contest: contestOf(r),
    ip: r.ip,
    ...compareAuditPayloads(r.before_json, r.after_json),
  };
}

export interface AuditLogPage {
  rows: AuditEventView[];
  /** Pass back as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** The actions and subject types that occur in the scope, for the filter's choices. */
  actions: string[];
  subjectTypes: string[];
}

export async function auditLogPage(
  ctx: ServiceContext,
  scope: AuditScope,
  query: AuditQuery,
  timeZone: string,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<Result<AuditLogPage>> {
  if (!canReadAuditLog(ctx, scope)) return fail("forbidden");
  const limit = Math.min(Math.max(Math.trunc(pageSize), 1), 500);
  const contestId = "contestId" in scope ? scope.contestId : undefined;
  const [records, actions, subjectTypes] = await Promise.all([
    // One extra row tells whether an older page follows, without counting.
    listAuditEvents(ctx.db, auditFilters(scope, query, timeZone), { before: query.before, limit: limit + 1 }),
    listAuditActions(ctx.db, contestId),
    listAuditSubjectTypes(ctx.db, contestId),
  ]);
  const rows = records.slice(0, limit).map(toView);
  const last = rows.at(-1);
  const nextCursor = records.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
  return ok({ rows, nextCursor, actions, subjectTypes });
}

// ---- CSV export -----------------------------------------------------------------------------------

const EXPORT_PAGE = 1000;

export interface AuditExportViewer {
  t: TFunction;
  language: Language;
  timeZone: string;
}

function exportPlan(viewer: AuditExportViewer, platform: boolean): SheetPlan<AuditEventRecord> {
  const { t, language } = viewer;
  const c = (key: string) => t(`audit.columns.${key}`);
  const label = (code: string) => labelOrCode(code, auditActionKey(code), (key) => t(key, { defaultValue: "" }));
  const labels = new Map<string, string>();
  const actionLabel = (code: string) => {
    let text = labels.get(code);
    if (text === undefined) labels.set(code, (text = label(code)));
    return text;
  };
  const headings = [
    c("timeUtc"),
    c("actorName"),
    c("actorEmail"),
    c("action"),
    c("actionCode"),
    c("subjectType"),
    c("subjectId"),
    ...(platform ? [c("contest")] : []),
    c("ip"),
    c("before"),
    c("after"),
  ];
  const widths = [26, 22, 28, 28, 26, 18, 10, ...(platform ? [28] : []), 16, 40, 40];
  const cells = (r: AuditEventRecord): Cell[] => {
    const contest = contestOf(r);
    return [
      r.created_at,
      r.actor_user_id === null || r.actor_email === null ? t("audit.system") : (r.actor_name ?? ""),
      r.actor_email ?? "",
      actionLabel(r.action),
      r.action,
      r.subject_type,
      r.subject_id ?? "",
      ...(platform ? [contest ? pickLocalized(contest.name, language) : ""] : []),
      r.ip ?? "",
      // The stored JSON whole: a spreadsheet is where someone checks the record, not a summary.
      r.before_json ?? "",
      r.after_json ?? "",
    ];
  };
  return { headings, widths, cells };
}

async function* eventPages(ctx: ServiceContext, filters: AuditEventFilters) {
  let before: { createdAt: string; id: number } | undefined;
  for (;;) {
    const rows = await listAuditEvents(ctx.db, filters, { before, limit: EXPORT_PAGE });
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
    const last = rows.at(-1)!;
    before = { createdAt: last.created_at, id: last.id };
    // better-sqlite3 answers synchronously: give the event loop a turn so the response can flow.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface AuditExport {
  body: Readable;
  filename: string;
  contentType: string;
}

/**
 * The filtered events (every page, newest first) as CSV. Taking a copy of the log is itself
 * recorded: it holds people's emails and addresses.
 */
export async function exportAuditLog(
  ctx: ServiceContext,
  scope: AuditScope,
  query: AuditQuery,
  viewer: AuditExportViewer,
): Promise<Result<AuditExport>> {
  if (!ctx.actor || !canReadAuditLog(ctx, scope)) return fail("forbidden");
  const actorId = ctx.actor.userId;
  const platform = !("contestId" in scope);
  const contestId = platform ? null : scope.contestId;
  await ensurePrimaryForWrite();
  await ctx.db.transaction().execute((trx) =>
    audit(trx, {
      actorUserId: actorId,
      action: "audit.exported",
      subjectType: "audit_log",
      subjectId: contestId,
      contestId,
      after: { format: "csv", filters: auditQueryString(query) },
      ip: ctx.ip,
      now: ctx.now,
    }),
  );
  const filters = auditFilters(scope, query, viewer.timeZone);
  const name = platform ? "trellis-audit-log" : `contest-${contestId}-audit-log`;
  const { body, contentType } = spreadsheet(
    "csv",
    eventPages(ctx, filters),
    exportPlan(viewer, platform),
    viewer.t("audit.sheetName"),
  );
  return ok({ body, contentType, filename: `${name}-${ctx.now.toISOString().slice(0, 10)}.csv` });
}
