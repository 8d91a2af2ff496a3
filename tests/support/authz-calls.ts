// Calls into route modules for the authorisation matrix, and the name of each answer: what a loader
// or action returned or threw, read the way a visitor would (let in, sent to sign in, refused...).
import { getAuth } from "#app/infra/auth.server";
import { readToast } from "#app/infra/toast.server";
import { VISITORS, worldSnapshot, type AuthzWorld, type Visitor } from "./authz-world";
import { BASE, get, loadContext, outcome, signInCookie } from "./routes";

export const ANSWERS = [
  /** 2xx, or a redirect anywhere but the sign-in page (a plain /login after signing out is "ok"). */
  "ok",
  /** A redirect to /login?redirectTo=…: sign in first. */
  "login",
  /** 403. */
  "forbidden",
  /** 404: for this visitor the thing does not exist. */
  "notFound",
  /** Any other 4xx (400, 405, 409, 415…): let past the door, turned back by the form's checks. */
  "badRequest",
  /** 401 in JSON, for a script that must not be redirected. */
  "noSession",
  /** A redirect that carries an error message: the refusal is told on the next page. */
  "errorToast",
] as const;
export type Answer = (typeof ANSWERS)[number];
export type Row = Record<Visitor, Answer>;

/** "ok login …": one answer per visitor, in VISITORS order. */
export function parseRow(text: string, where: string): Row {
  const words = text.trim().split(/\s+/);
  if (words.length !== VISITORS.length) throw new Error(`${where}: ${words.length} answers for ${VISITORS.length} visitors`);
  const unknown = words.find((w) => !(ANSWERS as readonly string[]).includes(w));
  if (unknown) throw new Error(`${where}: "${unknown}" is not an answer (${ANSWERS.join(", ")})`);
  return Object.fromEntries(VISITORS.map((v, i) => [v, words[i]])) as Row;
}

/** A row written back in the matrix's own format, for a failure message that can be pasted. */
export function formatRow(row: Record<Visitor, string>): string {
  return VISITORS.map((v) => row[v].padEnd(11))
    .join("")
    .trimEnd();
}

async function answerOf(result: { status: number; value: unknown }): Promise<string> {
  const { status, value } = result;
  const response = value instanceof Response ? value : null;
  // Downloads and the event stream: the status is the answer; nothing is read (cancelling ends the stream).
  if (response?.body && !response.bodyUsed) await response.body.cancel();
  if (status >= 300 && status < 400 && response) {
    const location = new URL(response.headers.get("Location") ?? "", BASE);
    if (location.pathname === "/login" && location.searchParams.has("redirectTo")) return "login";
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("trellis_toast="));
    if (cookie) {
      const { toast } = await readToast(new Request(BASE, { headers: { Cookie: cookie.split(";")[0]! } }));
      if (toast?.kind === "error") return "errorToast";
    }
    return "ok";
  }
  if (status >= 200 && status < 300) return "ok";
  if (status === 401) return "noSession";
  if (status === 403) return "forbidden";
  if (status === 404) return "notFound";
  if (status >= 400 && status < 500) return "badRequest";
  return `status ${status}`;
}

export type Params = Record<string, string>;
type Handler = (args: { request: Request; context: ReturnType<typeof loadContext>; params: Params }) => Promise<unknown>;

let requests = 0;

/** One call as Remix makes it, from its own network address (so per-IP limits never decide an answer here). */
export async function callRoute(handler: unknown, request: Request, params: Params): Promise<string> {
  requests++;
  const context = loadContext(`10.9.${Math.floor(requests / 250) % 250}.${(requests % 250) + 1}`);
  try {
    return await answerOf(await outcome(() => (handler as Handler)({ request, context, params })));
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Record<string, unknown[]>, after: Record<string, unknown[]>): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...tables].filter((table) => JSON.stringify(before[table]) !== JSON.stringify(after[table]));
}

/** The route's own params (those its URL pattern names) out of everything the world offers. */
export function paramsFor(pattern: string, given: Params): Params {
  const names = [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((name) => [name, given[name] ?? ""]));
}

/**
 * The visitors' sessions in a world, each signed in once through the login action, and their calls.
 * `post` checks that a POST which is not let in ("ok") leaves the database as it was.
 */
export function visitorSessions(world: AuthzWorld) {
  const cookies = new Map<Visitor, string>();
  const signIn = async (visitor: Visitor) => {
    if (visitor !== "anonymous") cookies.set(visitor, await signInCookie(world.users[visitor]));
  };
  return {
    async signInAll() {
      for (const visitor of VISITORS) await signIn(visitor);
    },
    cookie: (visitor: Visitor) => cookies.get(visitor) ?? "",
    async post(visitor: Visitor, handler: unknown, request: Request, params: Params) {
      const before = await worldSnapshot(world);
      const answer = await callRoute(handler, request, params);
      const changed = answer === "ok" ? [] : changedTables(before, await worldSnapshot(world));
      // An action that ended the visitor's session (signing out here or everywhere): sign in again.
      const cookie = cookies.get(visitor);
      if (cookie && !(await getAuth(get("/", cookie)))) await signIn(visitor);
      return { answer, changed };
    },
  };
}
