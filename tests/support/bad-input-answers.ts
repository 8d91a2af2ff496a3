// Reading an action's answer as a browser would (status, data or body, toast, session cookie), the
// messages it carries, and the database as the bad-input tests compare it.
import { readToast } from "#app/infra/toast.server";
import type { DB } from "#app/infra/db.server";
import { resources } from "#locales/index";
import { snapshot } from "./db";
import { BASE, CONTEXT } from "./bad-input-world";

export interface Outcome {
  status: number;
  /** What the page gets: the action's data, or a Response's text / JSON. */
  payload: unknown;
  toast: { kind: string; key: string } | null;
  location: string | null;
  /** The session cookie the browser keeps after the answer: unchanged (undefined), a new one, or none (""). */
  session?: string;
  /** A thrown error that is not a Response: what a browser sees as a 500. */
  crash?: unknown;
}

/** What a browser does with the answer's Set-Cookie headers for the session. */
function sessionFrom(setCookies: string[]): string | undefined {
  const header = setCookies.find((c) => c.startsWith("trellis_session="));
  if (header === undefined) return undefined;
  const [pair = "", ...attributes] = header.split(";").map((p) => p.trim());
  const expired = attributes.some(
    (a) => /^max-age=(0|-)/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()),
  );
  return expired || pair === "trellis_session=" ? "" : pair;
}

async function fromResponse(response: Response): Promise<Outcome> {
  const location = response.headers.get("Location");
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const { toast } = cookies.length
    ? await readToast(new Request(BASE, { headers: { Cookie: cookies.join("; ") } }))
    : { toast: null };
  const text = await response.text();
  let payload: unknown = text;
  if ((response.headers.get("Content-Type") ?? "").includes("json")) payload = JSON.parse(text);
  return { status: response.status, payload, toast, location, session: sessionFrom(response.headers.getSetCookie()) };
}

export type Action = (args: { request: Request; context: typeof CONTEXT; params: Record<string, string> }) => Promise<unknown>;

export async function callAction(action: Action, request: Request, params: Record<string, string>): Promise<Outcome> {
  try {
    const value = await action({ request, context: CONTEXT, params });
    if (value instanceof Response) return fromResponse(value);
    if (value && typeof value === "object" && "init" in value && "data" in value) {
      const reply = value as { data: unknown; init: { status?: number; headers?: HeadersInit } | null };
      const session = sessionFrom(new Headers(reply.init?.headers).getSetCookie());
      return { status: reply.init?.status ?? 200, payload: reply.data, toast: null, location: null, session };
    }
    return { status: 200, payload: value, toast: null, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse(thrown);
    return { status: 500, payload: null, toast: null, location: null, crash: thrown };
  }
}

const MESSAGE_KEYS = ["message", "error", "formError", "problem", "deleteError"];

/** The error codes (or texts) an answer carries: in fields, on form fields, per CSV line. */
export function messagesOf(payload: unknown): string[] {
  if (typeof payload === "string") return payload.trim() ? [payload] : [];
  if (!payload || typeof payload !== "object") return [];
  const out: string[] = [];
  const record = payload as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) if (typeof record[key] === "string" && record[key]) out.push(record[key] as string);
  const lists = (value: unknown) => {
    if (!value || typeof value !== "object") return;
    for (const list of Object.values(value as Record<string, unknown>))
      if (Array.isArray(list)) for (const m of list) if (typeof m === "string" && m) out.push(m);
  };
  lists(record.errors);
  if (record.result && typeof record.result === "object") lists((record.result as Record<string, unknown>).error);
  if (Array.isArray(record.lines))
    for (const line of record.lines as Array<{ message?: unknown }>) if (typeof line.message === "string") out.push(line.message);
  return out;
}

export function isConformIntentReply(payload: unknown): boolean {
  const result = (payload as { result?: { intent?: unknown } } | null)?.result;
  return typeof result?.intent === "object" && result.intent !== null;
}

const KNOWN_CODES = (() => {
  const keys = new Set<string>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === "object") walk(value as Record<string, unknown>, `${prefix}${key}.`);
      else keys.add(`${prefix}${key}`.replace(/_(one|other|zero|few|many|two)$/, ""));
    }
  };
  walk(resources.en.errors as Record<string, unknown>, "");
  return keys;
})();

/** A code the page can show in the visitor's language (`errors:<code>`), params aside. */
export function isKnownCode(message: string): boolean {
  return KNOWN_CODES.has(message.split("?")[0]!);
}

// ---- The database --------------------------------------------------------------------------------

type Snapshot = Record<string, Array<Record<string, unknown>>>;

/** Rows a refusal writes by design (an audited failed sign-in), left out of the comparison. */
export type IgnoreRow = (table: string, row: Record<string, unknown>) => boolean;

/**
 * The database as a refusal must leave it. Left out: `rate_limit_buckets`, which count attempts
 * (failed ones too) by design, and `sessions.last_verified_at`, which any signed-in request may move.
 */
export async function comparable(db: DB, ignoreRow?: IgnoreRow): Promise<Snapshot> {
  const all = (await snapshot(db)) as Snapshot;
  delete all.rate_limit_buckets;
  all.sessions = (all.sessions ?? []).map(({ last_verified_at: _moved, ...rest }) => rest);
  if (ignoreRow) for (const [table, rows] of Object.entries(all)) all[table] = rows.filter((row) => !ignoreRow(table, row));
  return all;
}

const NOT_CONTENT = new Set(["audit_events", "outbox_messages", "sessions", "rate_limit_buckets"]);

/** Every text stored in the tables (JSON cells opened up), to find what a success kept. */
export function storedTexts(all: Snapshot, tables?: string[]): Set<string> {
  const out = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string") {
      out.add(value);
      if (/^[[{]/.test(value))
        try {
          add(JSON.parse(value));
        } catch {
          // Not JSON: the text itself is already in.
        }
    } else if (value && typeof value === "object") for (const v of Object.values(value)) add(v);
  };
  for (const [table, rows] of Object.entries(all)) {
    if (tables ? !tables.includes(table) : NOT_CONTENT.has(table)) continue;
    for (const row of rows) add(row);
  }
  return out;
}

/** The forms of a sent text a success may store: as sent, trimmed, case-folded, composed. */
export function acceptableForms(sent: string): string[] {
  const trimmed = sent.trim();
  return [sent, trimmed, trimmed.toLowerCase(), trimmed.toUpperCase(), trimmed.normalize("NFC")];
}
