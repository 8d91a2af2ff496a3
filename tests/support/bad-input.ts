// Property-based bad input for route actions: hostile and random form values (fast-check), the
// request as a browser or a script would send it, and the checks every answer must pass — never a
// 5xx, a refusal is a 4xx that says why and changes nothing, and what a success stores is what was
// sent (or its trimmed / case-folded form).
import fc from "fast-check";
import { expect } from "vitest";
import { getAuth } from "#app/infra/auth.server";
import type { DB } from "#app/infra/db.server";
import {
  callAction,
  comparable,
  isConformIntentReply,
  isKnownCode,
  messagesOf,
  storedTexts,
  acceptableForms,
  type Action,
  type IgnoreRow,
  type Outcome,
} from "./bad-input-answers";
import {
  hostileFile,
  hostileName,
  hostileText,
  reservedValue,
  type FormEntry,
  type FormValue,
  type Plausible,
  type PostedForm,
} from "./bad-input-values";
import { BASE, openCopy, signIn, type Visitor, type World } from "./bad-input-world";

export { P } from "./bad-input-values";
export type { Plausible } from "./bad-input-values";

export interface IntentSpec {
  fields?: Record<string, Plausible>;
  /** Fields whose text a success must store as sent (or trimmed / case-folded). */
  texts?: string[];
  /** Fields that carry a file in a multipart body. */
  files?: string[];
}

export interface ActionCase {
  /** The route module's name in app/routes, without its extension. */
  route: string;
  /** Which test file runs it (the files run side by side). */
  group: "accounts" | "contest" | "judging" | "incubation";
  /** Who posts: someone allowed to use the action, or nobody signed in. */
  as: Visitor | null;
  params: Record<string, string>;
  /** The body's encoding: the routes that read files take multipart only. */
  body?: "form" | "multipart" | "either";
  accept?: string;
  /** By intent value; without intents, the form's fields are `fields`. */
  intents?: Record<string, IntentSpec>;
  fields?: Record<string, Plausible>;
  texts?: string[];
  files?: string[];
  /** Put back what a success changed that later runs need (outside the compared window). */
  after?: (db: DB, w: World) => Promise<void>;
  /** Rows a refusal writes by design (an audited failed sign-in): left out of the comparison. */
  ignoreRow?: IgnoreRow;
  /** Whether a success keeps the texts (a first publication has no reason to keep); default yes. */
  stores?: (outcome: Outcome, form: FormData) => boolean;
  /** Tables a success's texts are looked for in (default: all but the audit log, outbox and sessions). */
  storedIn?: string[];
}

// ---- Forms --------------------------------------------------------------------------------------

function fieldsOf(c: ActionCase, intent: string | null): IntentSpec {
  if (intent !== null && c.intents) return c.intents[intent] ?? {};
  return { fields: c.fields, texts: c.texts, files: c.files };
}

/** One random form for the case: its intent, its fields (some missing, some twice), maybe strangers. */
export function formFor(c: ActionCase): fc.Arbitrary<PostedForm> {
  const intents = c.intents ? Object.keys(c.intents) : [];
  const intent: fc.Arbitrary<string | null> = intents.length
    ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...intents) }, { weight: 1, arbitrary: hostileText })
    : fc.constant(null);
  // A form may come urlencoded or as multipart: Remix reads both, and a script may send either.
  const encoding = c.body === "multipart" ? fc.constant(true) : c.body === "form" ? fc.constant(false) : fc.boolean();
  // A third of the runs send a form a page could have sent (so successes happen), a third mostly so,
  // a third anything at all.
  const mode = fc.constantFrom("tame", "mixed", "wild");
  return fc.record({ intent, mode, multipart: encoding }).chain(({ intent, mode, multipart }) => {
    const spec = fieldsOf(c, intent);
    const names = Object.keys(spec.fields ?? {});
    const valueFor = (name: string): fc.Arbitrary<FormValue> => {
      const plausible = spec.fields![name]!;
      if (mode === "tame") return plausible;
      const choices: Array<fc.WeightedArbitrary<FormValue>> = [
        { weight: mode === "mixed" ? 12 : 3, arbitrary: plausible },
        { weight: 2, arbitrary: hostileText },
      ];
      if (multipart) choices.push({ weight: spec.files?.includes(name) ? 6 : 1, arbitrary: hostileFile });
      return fc.oneof(...choices);
    };
    const field = (name: string): fc.Arbitrary<FormEntry[]> =>
      fc.oneof(
        { weight: mode === "tame" ? 0 : 1, arbitrary: fc.constant([]) },
        { weight: 8, arbitrary: valueFor(name).map((v) => [[name, v] as const]) },
        {
          weight: mode === "wild" ? 1 : 0,
          arbitrary: fc.tuple(valueFor(name), valueFor(name)).map(([a, b]) => [[name, a] as const, [name, b] as const]),
        },
      );
    const strangers: fc.Arbitrary<FormEntry[]> =
      mode !== "wild"
        ? fc.constant([])
        : fc.array(
            fc.oneof(
              fc.tuple(hostileName, fc.oneof(hostileText, multipart ? hostileFile : hostileText)),
              fc.tuple(fc.constantFrom("__intent__", "__state__"), reservedValue),
            ),
            { maxLength: 2 },
          );
    return fc.tuple(fc.tuple(...names.map(field)), strangers).map(([fields, extra]): PostedForm => {
      const entries: FormEntry[] = [];
      if (intent !== null) entries.push(["intent", intent]);
      for (const list of fields) entries.push(...list);
      entries.push(...extra.map(([n, v]) => [n, v] as const));
      return readable({ multipart, entries });
    });
  });
}

const shown = (value: FormValue) =>
  typeof value !== "string"
    ? `File(${JSON.stringify(value.file.slice(0, 40))}, ${value.bytes.length} bytes, ${JSON.stringify(value.type)})`
    : value.length > 80
      ? `${JSON.stringify(value.slice(0, 40))}…(${value.length} characters)`
      : JSON.stringify(value);

/** A counterexample fast-check can print in a few lines, 100 KB texts and file bytes shortened. */
function readable(form: PostedForm): PostedForm {
  return Object.assign(form, {
    [fc.toStringMethod]: () =>
      `${form.multipart ? "multipart" : "urlencoded"} ${form.entries.map(([n, v]) => `${JSON.stringify(n)}=${shown(v)}`).join(" & ")}`,
  });
}

/** The URL path of a flat route: `manage.$contestId.rounds.$roundId_.awards` → /manage/1/rounds/2/awards. */
export function routePath(route: string, params: Record<string, string>): string {
  const segments = route
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, "").replace(/\u0001/g, "."))
    .map((s) => (s.startsWith("$") ? encodeURIComponent(params[s.slice(1)] ?? "") : s));
  return `/${segments.join("/")}`;
}

export function buildRequest(path: string, form: PostedForm, cookie: string, accept?: string): Request {
  const headers: Record<string, string> = {
    Origin: BASE,
    ...(cookie ? { Cookie: cookie } : {}),
    ...(accept ? { Accept: accept } : {}),
  };
  if (form.multipart) {
    const body = new FormData();
    for (const [name, value] of form.entries)
      body.append(
        name,
        typeof value === "string" ? value : new File([new Uint8Array(value.bytes)], value.file, { type: value.type }),
      );
    return new Request(`${BASE}${path}`, { method: "POST", body, headers });
  }
  const body = new URLSearchParams();
  for (const [name, value] of form.entries) body.append(name, typeof value === "string" ? value : value.file);
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

// ---- The property -------------------------------------------------------------------------------

export interface RunOptions {
  seed: number;
  numRuns: number;
}

function describeCrash(crash: unknown): string {
  return crash instanceof Error ? `${crash.name}: ${crash.message}\n${crash.stack ?? ""}` : String(crash);
}

/** Runs the case's property on a private copy of the world; fails with fast-check's seed and counterexample. */
export async function checkAction(
  c: ActionCase,
  action: Action,
  template: string,
  world: World,
  options: RunOptions,
): Promise<void> {
  const copy = openCopy(template);
  const tally: Record<string, number> = {};
  let cookie = c.as ? world.cookies[c.as] : "";
  try {
    await fc.assert(
      fc.asyncProperty(formFor(c), async (form) => {
        // Signed in as a browser would be: the action may have ended or replaced the session last time.
        if (c.as && !(await getAuth(new Request(`${BASE}/`, { headers: { Cookie: cookie } }))))
          cookie = await signIn(world.users[c.as]);
        const params = c.params;
        const request = buildRequest(routePath(c.route, params), form, cookie, c.accept);
        // What the action itself reads (a browser's lone surrogates arrive as U+FFFD, for one).
        const received = await request.clone().formData();
        const before = await comparable(copy.db, c.ignoreRow);
        const outcome = await callAction(action, request, params);
        const after = await comparable(copy.db, c.ignoreRow);
        // A signed-in visitor keeps the cookie the answer sets; a signed-out one posts from a fresh browser each time.
        if (outcome.session !== undefined && c.as) cookie = outcome.session;
        const kind =
          outcome.status >= 400
            ? `${outcome.status} ${messagesOf(outcome.payload)[0] ?? ""}`
            : `${outcome.status} ${outcome.toast?.key ?? ""}`;
        tally[kind] = (tally[kind] ?? 0) + 1;
        const what = `${c.route} answered ${outcome.status}${outcome.location ? ` to ${outcome.location}` : ""}${
          outcome.toast ? ` (${outcome.toast.kind}: ${outcome.toast.key})` : ""
        }`;

        if (outcome.crash !== undefined) expect.fail(`${what}: ${describeCrash(outcome.crash)}`);
        expect(outcome.status, `${what}: a 5xx`).toBeLessThan(500);
        const messages = messagesOf(outcome.payload);
        const refusedByToast = outcome.status >= 300 && outcome.status < 400 && outcome.toast?.kind === "error";
        if (c.as) expect(outcome.location ?? "", `${what}: the visitor was not signed in`).not.toMatch(/^\/login\?redirectTo=/);
        // Redirects stay on this site: a path of ours, never "//elsewhere" or a full address.
        if (outcome.location !== null) expect(outcome.location, `${what}: redirect`).toMatch(/^\/(?![/\\])/);
        if (outcome.status >= 400) {
          // A Conform list button ("add a row", `__intent__`) is answered with the form re-rendered, not a refusal.
          if (!isConformIntentReply(outcome.payload))
            expect(messages.length, `${what} without a message: ${JSON.stringify(outcome.payload)}`).toBeGreaterThan(0);
          // Codes in a reply are shown through the errors catalog; a plain Response's text is for the error page.
          if (typeof outcome.payload !== "string")
            for (const m of messages) expect(isKnownCode(m), `${what} with "${m}", not an errors: code`).toBe(true);
          expect(after, `${what} but changed the database`).toEqual(before);
        } else if (refusedByToast) {
          expect(after, `${what} with an error toast but changed the database`).toEqual(before);
        } else {
          expect(messages, `${what} while reporting a problem: ${JSON.stringify(outcome.payload)}`).toEqual([]);
          // A success keeps the texts it was given as they were given.
          const spec = fieldsOf(c, c.intents ? String(received.get("intent") ?? "") : null);
          const stored = storedTexts(after, c.storedIn);
          for (const name of c.stores?.(outcome, received) === false ? [] : (spec.texts ?? [])) {
            const sent = received.getAll(name).filter((v): v is string => typeof v === "string");
            if (sent.length !== 1 || !sent[0]!.trim()) continue;
            const found = acceptableForms(sent[0]!).some((form) => stored.has(form));
            expect(found, `${what}: "${name}" (${sent[0]!.length} characters) was not stored as sent`).toBe(true);
          }
        }
        if (c.after) await c.after(copy.db, world);
      }),
      { seed: options.seed, numRuns: options.numRuns, endOnFailure: true },
    );
  } finally {
    // BAD_INPUT_STATS=1 shows what the runs met, to keep the plausible values plausible.
    if (process.env.BAD_INPUT_STATS) console.info(`${c.route} as ${c.as}: ${JSON.stringify(tally)}`);
    await copy.close();
  }
}
