// The audit log viewer's pure parts: its query string (read leniently, as an old bookmark may carry
// anything), the viewer's calendar days as UTC bounds, the page cursor, readable labels that fall
// back to the raw code, and the before/after comparison shown under each event.
import type { LocalizedText } from "./localized";
import { isTimeZone, zonedLocalToUtc } from "./time";

export const AUDIT_PAGE_SIZE = 50;

/** Where the previous page stopped: events strictly older (by time, then id) come next. */
export interface AuditCursor {
  createdAt: string;
  id: number;
}

export interface AuditQuery {
  /** An action code such as `entry.withdrawn`. */
  action?: string;
  /** An email address or its beginning, lower-cased (emails are stored lower-cased). */
  actor?: string;
  subjectType?: string;
  /** Only with `subjectType`. */
  subjectId?: string;
  /** First and last calendar day shown (both included), `YYYY-MM-DD` in the viewer's time zone. */
  from?: string;
  to?: string;
  before?: AuditCursor;
}

/** The filters a link keeps, in the order they appear in URLs. */
export const AUDIT_FILTER_KEYS = ["action", "actor", "subjectType", "subjectId", "from", "to"] as const;

const ACTION = /^[A-Za-z0-9_.:-]{1,100}$/;
const SUBJECT_TYPE = /^[A-Za-z0-9_]{1,50}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)_(\d{1,15})$/;
// Controls (and the line and paragraph separators) have no place in a one-line search.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** A real calendar day as `YYYY-MM-DD`, or null. */
export function parseDay(value: string): string | null {
  const m = DAY.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1970 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return value;
}

export function encodeCursor(cursor: AuditCursor): string {
  return `${cursor.createdAt}_${cursor.id}`;
}

export function decodeCursor(value: string): AuditCursor | null {
  const m = CURSOR.exec(value);
  if (!m || Number.isNaN(Date.parse(m[1]!))) return null;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) && id > 0 ? { createdAt: m[1]!, id } : null;
}

function text(params: URLSearchParams, key: string, max: number): string | undefined {
  const value = params.get(key)?.trim();
  if (!value || value.length > max || CONTROL.test(value)) return undefined;
  return value;
}

/** The viewer's query string, each parameter that does not read dropped (meaning "any"). */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const query: AuditQuery = {};
  const action = text(params, "action", 100);
  if (action && ACTION.test(action)) query.action = action;
  const actor = text(params, "actor", 254);
  if (actor) query.actor = actor.toLowerCase();
  const subjectType = text(params, "subjectType", 50);
  if (subjectType && SUBJECT_TYPE.test(subjectType)) query.subjectType = subjectType;
  // An id names something only together with its type (entry 11 is not user 11).
  const subjectId = text(params, "subjectId", 100);
  if (subjectId && query.subjectType) query.subjectId = subjectId;
  const from = parseDay(text(params, "from", 10) ?? "");
  if (from) query.from = from;
  const to = parseDay(text(params, "to", 10) ?? "");
  if (to) query.to = to;
  const before = decodeCursor(text(params, "before", 60) ?? "");
  if (before) query.before = before;
  return query;
}

/** The filters as a query string (never the cursor), then `extra`. */
export function auditQueryString(query: AuditQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The viewer's links: older events, back to the newest, and the CSV of the same selection. */
export function auditPageLinks(base: string, query: AuditQuery, nextCursor: string | null) {
  const kept = auditQueryString(query);
  return {
    nextHref: nextCursor ? `${base}?${auditQueryString(query, { before: nextCursor })}` : null,
    firstHref: query.before ? `${base}${kept ? `?${kept}` : ""}` : null,
    csvHref: `${base}/export${kept ? `?${kept}` : ""}`,
  };
}

export const hasAuditFilters = (query: AuditQuery) => AUDIT_FILTER_KEYS.some((key) => Boolean(query[key]));

function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * The chosen days as UTC instants: `since` is the first day's midnight in the viewer's zone
 * (included), `until` the midnight after the last day (excluded). An unknown zone counts as UTC.
 */
export function utcBounds(query: Pick<AuditQuery, "from" | "to">, timeZone: string): { since?: string; until?: string } {
  const zone = isTimeZone(timeZone) ? timeZone : "UTC";
  const midnight = (day: string) => zonedLocalToUtc(`${day}T00:00`, zone)?.toISOString();
  const since = query.from ? midnight(query.from) : undefined;
  const until = query.to ? midnight(nextDay(query.to)) : undefined;
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}

// ---- Labels ---------------------------------------------------------------------------------------

const ACTION_CODE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const TYPE_CODE = /^[a-z][a-z0-9_]*$/;

/** The catalog key of an action's label (`audit.actions.entry.withdrawn`), or null for an odd code. */
export function auditActionKey(code: string): string | null {
  return ACTION_CODE.test(code) ? `audit.actions.${code}` : null;
}

export function auditSubjectTypeKey(type: string): string | null {
  return TYPE_CODE.test(type) ? `audit.subjectTypes.${type}` : null;
}

/** The translated label when the catalog has one, else the raw code: a new action still reads. */
export function labelOrCode(code: string, key: string | null, lookup: (key: string) => string | undefined): string {
  if (!key) return code;
  const label = lookup(key);
  return typeof label === "string" && label.trim() !== "" ? label : code;
}

// ---- Before and after -----------------------------------------------------------------------------

/** Longest payload shown or sent to the browser, per side; the export carries the stored text whole. */
export const MAX_PAYLOAD_CHARS = 10_000;
const MAX_VALUE_CHARS = 300;

export interface AuditPayload {
  /** The JSON pretty-printed (or the stored text as it is, should it not parse). */
  text: string;
  truncated: boolean;
}

export interface AuditFieldChange {
  field: string;
  /** Compact JSON of the value, or null when the field is absent on that side. */
  before: string | null;
  after: string | null;
}

export interface AuditComparison {
  before: AuditPayload | null;
  after: AuditPayload | null;
  /** Top-level fields that differ, when both sides are objects (or one side is absent). */
  changes: AuditFieldChange[];
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parse(json: string | null): Parsed | null {
  if (json === null) return null;
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false };
  }
}

function cut(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  // Never split a surrogate pair: half an emoji is not text.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return { text: `${text.slice(0, end)}…`, truncated: true };
}

function payload(json: string | null, parsed: Parsed | null): AuditPayload | null {
  if (json === null || parsed === null) return null;
  const pretty = parsed.ok ? (JSON.stringify(parsed.value, null, 2) ?? json) : json;
  return cut(pretty, MAX_PAYLOAD_CHARS);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const compact = (value: unknown) => cut(JSON.stringify(value) ?? String(value), MAX_VALUE_CHARS).text;

/** What an event's stored before and after say, for a person to read. */
export function compareAuditPayloads(beforeJson: string | null, afterJson: string | null): AuditComparison {
  const [b, a] = [parse(beforeJson), parse(afterJson)];
  const before = payload(beforeJson, b);
  const after = payload(afterJson, a);
  const beforeValue = b?.ok ? b.value : undefined;
  const afterValue = a?.ok ? a.value : undefined;
  const comparable =
    (b === null || (b.ok && (isRecord(beforeValue) || beforeValue === null))) &&
    (a === null || (a.ok && (isRecord(afterValue) || afterValue === null))) &&
    (isRecord(beforeValue) || isRecord(afterValue));
  if (!comparable) return { before, after, changes: [] };
  const left = isRecord(beforeValue) ? beforeValue : {};
  const right = isRecord(afterValue) ? afterValue : {};
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const changes: AuditFieldChange[] = [];
  for (const field of fields) {
    const had = Object.hasOwn(left, field);
    const has = Object.hasOwn(right, field);
    // Compared whole; only what is shown is cut short.
    if (had === has && JSON.stringify(left[field]) === JSON.stringify(right[field])) continue;
    changes.push({ field, before: had ? compact(left[field]) : null, after: has ? compact(right[field]) : null });
  }
  return { before, after, changes };
}

/** One event as the viewer shows it. */
export interface AuditEventView extends AuditComparison {
  id: number;
  createdAt: string;
  /** Null for the system (or an account no longer there). */
  actor: { id: number; name: string; email: string } | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** Null for a platform-wide event (sign-ins, account changes). */
  contest: { id: number; name: LocalizedText } | null;
  ip: string | null;
}
