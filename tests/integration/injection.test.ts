// Stored hostile text — script and image tags, javascript: links, spreadsheet formulas — in team names,
// pitches, answers, reviews, check-ins, awards and citations, support requests and people's names, read
// back everywhere it is shown: the pages (loader + component, rendered as the server does), the mail
// in the outbox, the certificate PDFs, and every CSV/XLSX export. Text must come out as text.
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import type * as PdfJs from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth } from "#app/infra/auth.server";
import { createRenderI18n } from "#app/infra/i18n.server";
import * as mailboxMessage from "#app/routes/admin.mailbox.$id";
import * as mailbox from "#app/routes/admin.mailbox._index";
import * as certificatePage from "#app/routes/certificates.$code";
import { loader as certificatePdf } from "#app/routes/certificates.$code[.]pdf";
import * as publicResults from "#app/routes/contests.$slug_.results";
import * as entryResults from "#app/routes/entries.$entryId.results.$roundId";
import * as handIn from "#app/routes/entries.$entryId.rounds.$roundId";
import * as teamHome from "#app/routes/incubation.$cohortTeamId._index";
import * as checkin from "#app/routes/incubation.$cohortTeamId_.checkins.$period";
import * as teamSupport from "#app/routes/incubation.$cohortTeamId_.support";
import * as cohort from "#app/routes/manage.$contestId.cohorts.$cohortId._index";
import { loader as dashboardExport } from "#app/routes/manage.$contestId.cohorts_.$cohortId_.dashboard.export";
import * as supportQueue from "#app/routes/manage.$contestId.cohorts_.$cohortId_.support";
import * as judges from "#app/routes/manage.$contestId.judges";
import * as registration from "#app/routes/manage.$contestId.registrations.$entryId";
import * as registrations from "#app/routes/manage.$contestId.registrations._index";
import { loader as registrationsExport } from "#app/routes/manage.$contestId.registrations.export";
import { loader as sheetCsv } from "#app/routes/manage.$contestId.roadshow.$sessionId_.sheet.$slotId[.]csv";
import { loader as materialsZip } from "#app/routes/manage.$contestId.rounds.$roundId.materials[.]zip";
import * as assignments from "#app/routes/manage.$contestId.rounds.$roundId_.assignments";
import * as awards from "#app/routes/manage.$contestId.rounds.$roundId_.awards";
import * as results from "#app/routes/manage.$contestId.rounds.$roundId_.results";
import { loader as resultsExport } from "#app/routes/manage.$contestId.rounds.$roundId_.results.export";
import * as mentorSupport from "#app/routes/mentoring_.support";
import * as review from "#app/routes/reviews.$assignmentId";
import * as settings from "#app/routes/settings._index";
import * as team from "#app/routes/teams.$teamId";
import { BASE, buildWorld, CONTEXT, openCopy, signIn, type Visitor, type World } from "#tests/support/bad-input-world";
import { FORMULAS, IMG, JS_URL, SCRIPT, storeHostileText, type HostileFacts } from "#tests/support/injection-world";
import type { DB } from "#app/infra/db.server";

let built: Awaited<ReturnType<typeof buildWorld>>;
let copy: ReturnType<typeof openCopy>;
let w: World;
let facts: HostileFacts;
const cookies = new Map<Visitor, string>();

beforeAll(async () => {
  built = await buildWorld();
  copy = openCopy(built.template);
  w = built.world;
  facts = await storeHostileText(copy.db, w);
}, 60_000);
afterAll(async () => {
  await copy.close();
  built.cleanup();
});

async function cookieOf(visitor: Visitor | null): Promise<string> {
  if (!visitor) return "";
  const known = cookies.get(visitor) ?? w.cookies[visitor];
  if (await getAuth(new Request(`${BASE}/`, { headers: { Cookie: known } }))) return known;
  const fresh = await signIn(w.users[visitor]);
  cookies.set(visitor, fresh);
  return fresh;
}

// ---- What "only escaped" means ----------------------------------------------------------------------

/** How React writes text and attribute values into HTML. */
const reactEscaped = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** No payload became markup: no script or image element of ours, no javascript: link or source. */
function expectNoMarkupFromPayloads(html: string) {
  expect(html).not.toContain(SCRIPT);
  expect(html).not.toMatch(/<img[^>]*onerror/i);
  expect(html).not.toMatch(/\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i);
}

// ---- Pages -------------------------------------------------------------------------------------------

interface RouteModule {
  loader: (args: never) => Promise<unknown>;
  default: ComponentType;
}

/** GET a page through its route module as the server renders it: the loader, then the component in `en`. */
async function renderPage(route: RouteModule, pattern: string, url: string, as: Visitor | null): Promise<string> {
  const headers = new Headers();
  const cookie = await cookieOf(as);
  if (cookie) headers.set("Cookie", cookie);
  const handler = createStaticHandler([{ id: "page", path: pattern, loader: route.loader as never, Component: route.default }]);
  const context = await handler.query(new Request(`${BASE}${url}`, { headers }), { requestContext: CONTEXT });
  if (context instanceof Response) throw new Error(`${url} answered ${context.status} ${context.headers.get("Location") ?? ""}`);
  if (context.errors) throw new Error(`${url} failed: ${JSON.stringify(context.errors)}`);
  const i18n = await createRenderI18n("en");
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }),
    ),
  );
}

describe("stored hostile text on the pages", () => {
  const pages: Array<{ name: string; as: Visitor | null; shows: string[]; render: () => Promise<string> }> = [
    {
      name: "the team's own page",
      as: "lead",
      shows: [SCRIPT, IMG],
      render: () => renderPage(team as RouteModule, "/teams/:teamId", `/teams/${w.teamA}`, "lead"),
    },
    {
      name: "the profile form",
      as: "lead",
      shows: [IMG],
      render: () => renderPage(settings as RouteModule, "/settings", "/settings", "lead"),
    },
    {
      name: "the team's hand-in page (its text answer and file name)",
      as: "lead",
      shows: [`${FORMULAS.minus} ${SCRIPT}`],
      render: () =>
        renderPage(handIn as RouteModule, "/entries/:entryId/rounds/:roundId", `/entries/${w.entryA}/rounds/${w.round1}`, "lead"),
    },
    {
      name: "the registrations list",
      as: "organiser",
      shows: [SCRIPT, FORMULAS.at],
      render: () =>
        renderPage(
          registrations as RouteModule,
          "/manage/:contestId/registrations",
          `/manage/${w.contestId}/registrations`,
          "organiser",
        ),
    },
    {
      name: "one registration (a javascript: website stays text)",
      as: "organiser",
      shows: [SCRIPT, IMG, FORMULAS.cmd],
      render: () =>
        renderPage(
          registration as RouteModule,
          "/manage/:contestId/registrations/:entryId",
          `/manage/${w.contestId}/registrations/${w.entryA}`,
          "organiser",
        ),
    },
    {
      name: "the judge's review",
      as: "judge",
      shows: [`${SCRIPT} ${IMG}`],
      render: () => renderPage(review as RouteModule, "/reviews/:assignmentId", `/reviews/${w.reviewAssignment}`, "judge"),
    },
    {
      name: "the round's assignments",
      as: "organiser",
      shows: [SCRIPT],
      render: () =>
        renderPage(
          assignments as RouteModule,
          "/manage/:contestId/rounds/:roundId/assignments",
          `/manage/${w.contestId}/rounds/${w.round2}/assignments`,
          "organiser",
        ),
    },
    {
      name: "the round's awards",
      as: "organiser",
      shows: [SCRIPT, IMG, FORMULAS.hyperlink],
      render: () =>
        renderPage(
          awards as RouteModule,
          "/manage/:contestId/rounds/:roundId/awards",
          `/manage/${w.contestId}/rounds/${w.round2}/awards`,
          "organiser",
        ),
    },
    {
      name: "the organisers' results",
      as: "organiser",
      shows: [SCRIPT],
      render: () =>
        renderPage(
          results as RouteModule,
          "/manage/:contestId/rounds/:roundId/results",
          `/manage/${w.contestId}/rounds/${w.round2}/results`,
          "organiser",
        ),
    },
    {
      name: "the public results",
      as: null,
      shows: [SCRIPT],
      render: () => renderPage(publicResults as RouteModule, "/contests/:slug/results", `/contests/${w.slug}/results`, null),
    },
    {
      name: "the team's published results and feedback",
      as: "lead",
      shows: [SCRIPT, IMG],
      render: () =>
        renderPage(
          entryResults as RouteModule,
          "/entries/:entryId/results/:roundId",
          `/entries/${w.entryA}/results/${w.round2}`,
          "lead",
        ),
    },
    {
      name: "the public certificate check",
      as: null,
      shows: [SCRIPT],
      render: () =>
        renderPage(certificatePage as RouteModule, "/certificates/:code", `/certificates/${facts.certificateCodes[0]}`, null),
    },
    {
      name: "the team's incubation home",
      as: "lead",
      shows: [FORMULAS.hyperlink],
      render: () => renderPage(teamHome as RouteModule, "/incubation/:cohortTeamId", `/incubation/${w.ctA}`, "lead"),
    },
    {
      name: "the team's support requests",
      as: "lead",
      shows: [SCRIPT, IMG],
      render: () =>
        renderPage(teamSupport as RouteModule, "/incubation/:cohortTeamId/support", `/incubation/${w.ctA}/support`, "lead"),
    },
    {
      name: "the organisers' support queue",
      as: "organiser",
      shows: [SCRIPT, IMG],
      render: () =>
        renderPage(
          supportQueue as RouteModule,
          "/manage/:contestId/cohorts/:cohortId/support",
          `/manage/${w.contestId}/cohorts/${w.cohortId}/support`,
          "organiser",
        ),
    },
    {
      name: "the mentor's support requests",
      as: "mentor",
      shows: [SCRIPT, IMG],
      render: () => renderPage(mentorSupport as RouteModule, "/mentoring/support", "/mentoring/support", "mentor"),
    },
    {
      name: "a check-in, read by the mentor",
      as: "mentor",
      shows: [SCRIPT, FORMULAS.cmd],
      render: () =>
        renderPage(
          checkin as RouteModule,
          "/incubation/:cohortTeamId/checkins/:period",
          `/incubation/${w.ctA}/checkins/${w.period}`,
          "mentor",
        ),
    },
    {
      name: "the cohort",
      as: "organiser",
      shows: [SCRIPT, IMG],
      render: () =>
        renderPage(
          cohort as RouteModule,
          "/manage/:contestId/cohorts/:cohortId",
          `/manage/${w.contestId}/cohorts/${w.cohortId}`,
          "organiser",
        ),
    },
    {
      name: "the judges",
      as: "organiser",
      shows: [SCRIPT, FORMULAS.hyperlink],
      render: () => renderPage(judges as RouteModule, "/manage/:contestId/judges", `/manage/${w.contestId}/judges`, "organiser"),
    },
    {
      name: "the admin mailbox",
      as: "admin",
      shows: [SCRIPT],
      render: () => renderPage(mailbox as RouteModule, "/admin/mailbox", "/admin/mailbox", "admin"),
    },
  ];

  for (const page of pages)
    it(`${page.name} shows the text, escaped`, async () => {
      const html = await page.render();
      expectNoMarkupFromPayloads(html);
      for (const text of page.shows) expect(html, `${page.name}: ${JSON.stringify(text)}`).toContain(reactEscaped(text));
    });

  it("a mail in the admin mailbox shows its text, escaped", async () => {
    const mail = await copy.db
      .selectFrom("outbox_messages")
      .select("id")
      .where("kind", "=", "team_invitation")
      .where("to_address", "=", "friend@example.org")
      .executeTakeFirstOrThrow();
    const html = await renderPage(mailboxMessage as RouteModule, "/admin/mailbox/:id", `/admin/mailbox/${mail.id}`, "admin");
    expectNoMarkupFromPayloads(html);
    expect(html).toContain(reactEscaped(SCRIPT));
  });
});

// ---- Mail ----------------------------------------------------------------------------------------------

/** The mail templates' own escaping of a value, for comparison: text once, never twice. */
const mailEscaped = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

describe("stored hostile text in the mail", () => {
  it("every HTML body in the outbox carries it as text, and the text bodies as written", async () => {
    const mails = await copy.db.selectFrom("outbox_messages").selectAll().execute();
    const carrying = mails.filter((m) => [SCRIPT, IMG].some((p) => m.text_body.includes(p)));
    // The team invitation (team and inviter), the judge's and mentor's invitations, the support mail at least.
    expect(new Set(carrying.map((m) => m.kind)).size, JSON.stringify(carrying.map((m) => m.kind))).toBeGreaterThanOrEqual(3);
    for (const mail of mails) {
      expectNoMarkupFromPayloads(mail.html_body);
      expect(mail.subject, `subject of ${mail.kind}`).not.toMatch(/[\r\n]/);
      for (const payload of [SCRIPT, IMG])
        if (mail.text_body.includes(payload)) {
          expect(mail.html_body, `${mail.kind} to ${mail.to_address}`).toContain(mailEscaped(payload));
          expect(mail.html_body, `${mail.kind}: escaped twice`).not.toContain(mailEscaped(mailEscaped(payload)));
        }
      expect(mail.text_body, `${mail.kind}: the text part is not HTML`).not.toMatch(/&lt;|&gt;|&quot;|&#39;|&amp;lt;/);
    }
    const invitation = mails.find((m) => m.kind === "team_invitation" && m.to_address === "friend@example.org")!;
    expect(invitation.text_body).toContain(SCRIPT);
    expect(invitation.text_body).toContain(IMG);
  });
});

// ---- Certificates ----------------------------------------------------------------------------------------

let pdfjs: typeof PdfJs;

async function pdfText(bytes: Uint8Array): Promise<string> {
  pdfjs ??= await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    parts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  await doc.destroy();
  return parts.join("\n");
}

describe("stored hostile text in the certificates", () => {
  it("prints team, award and citation-bearing names literally, with nothing a reader would run", async () => {
    expect(facts.certificateCodes.length).toBeGreaterThan(0);
    const cookie = await cookieOf("lead");
    for (const code of facts.certificateCodes) {
      const response = (await certificatePdf({
        request: new Request(`${BASE}/certificates/${code}.pdf`, { headers: { Cookie: cookie } }),
        context: CONTEXT,
        params: { code },
      })) as Response;
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = (await pdfText(bytes)).replace(/\s+/g, " ");
      // The team's name and the award's, as typed (a PDF has no markup to escape into).
      expect(text).toContain(SCRIPT);
      const raw = Buffer.from(bytes).toString("latin1");
      expect(raw).not.toMatch(/\/(JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData)\b/);
      expect(raw).not.toMatch(/\/URI\s*\(\s*javascript:/i);
    }
  });
});

// ---- Spreadsheets -----------------------------------------------------------------------------------------

/** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) cell += ch;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i++;
    } else cell += ch;
  }
  if (cell || row.length) endRow();
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Every cell of a CSV export: none a spreadsheet would run; the payloads there, neutralised. */
function expectSafeCsv(name: string, text: string, payloads: string[]) {
  expect(text.startsWith("\uFEFF"), `${name}: UTF-8 BOM`).toBe(true);
  const cells = parseCsv(text.slice(1)).flat();
  const live = cells.filter((c) => FORMULA_START.test(c) && !PLAIN_NUMBER.test(c));
  expect(live, `${name}: cells a spreadsheet would run`).toEqual([]);
  for (const payload of payloads) expect(cells, `${name}: ${JSON.stringify(payload)} neutralised`).toContain(`'${payload}`);
}

/** Every cell of an XLSX export: no formula cell; the payloads there as plain text cells. */
async function expectSafeXlsx(name: string, bytes: Buffer, payloads: string[]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${name} ${cell.address}: a formula`).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, `${name} ${cell.address}`).toBeFalsy();
        if (cell.type === ExcelJS.ValueType.String) texts.push(cell.value as string);
        else if (typeof cell.value === "string") expect.fail(`${name} ${cell.address}: text stored as ${cell.type}`);
      }),
    ),
  );
  // XML turns a carriage return into a line feed when it is read: the text is otherwise as stored.
  const asRead = (text: string) => text.replace(/\r/g, "\n");
  for (const payload of payloads)
    expect(
      texts.some((t) => t === asRead(payload) || t === `'${asRead(payload)}`),
      `${name}: ${JSON.stringify(payload)} as a text cell`,
    ).toBe(true);
}

async function download(
  loader: (args: { request: Request; context: typeof CONTEXT; params: Record<string, string> }) => Promise<unknown>,
  url: string,
  params: Record<string, string>,
): Promise<Buffer> {
  const response = (await loader({
    request: new Request(`${BASE}${url}`, { headers: { Cookie: await cookieOf("organiser") } }),
    context: CONTEXT,
    params,
  })) as Response;
  expect(response.status, url).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  // strictFileNames refuses absolute paths, backslashes and ".." segments: a team's name cannot climb out.
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, strictFileNames: true });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  return out;
}

describe("stored hostile text in the exports", () => {
  const contest = () => ({ contestId: String(w.contestId) });
  const exports: Array<{ name: string; payloads: string[]; get: (format: "csv" | "xlsx") => Promise<Buffer> }> = [
    {
      name: "registrations",
      payloads: [FORMULAS.at, FORMULAS.cmd, FORMULAS.plus, FORMULAS.cr],
      get: (format) => download(registrationsExport, `/manage/${w.contestId}/registrations/export?format=${format}`, contest()),
    },
    {
      name: "results (rankings)",
      payloads: [FORMULAS.at],
      get: (format) =>
        download(resultsExport, `/manage/${w.contestId}/rounds/${w.round2}/results/export?what=rankings&format=${format}`, {
          ...contest(),
          roundId: String(w.round2),
        }),
    },
    {
      name: "results (reviews)",
      payloads: [FORMULAS.hyperlink, FORMULAS.tab, FORMULAS.at],
      get: (format) =>
        download(resultsExport, `/manage/${w.contestId}/rounds/${w.round2}/results/export?what=reviews&format=${format}`, {
          ...contest(),
          roundId: String(w.round2),
        }),
    },
    {
      name: "impact dashboard (teams)",
      payloads: [FORMULAS.at],
      get: (format) =>
        download(dashboardExport, `/manage/${w.contestId}/cohorts/${w.cohortId}/dashboard/export?what=teams&format=${format}`, {
          ...contest(),
          cohortId: String(w.cohortId),
        }),
    },
  ];

  for (const sheet of exports) {
    it(`${sheet.name} as CSV neutralises every formula`, async () => {
      expectSafeCsv(sheet.name, (await sheet.get("csv")).toString("utf8"), sheet.payloads);
    });
    it(`${sheet.name} as XLSX has no formula cells`, async () => {
      await expectSafeXlsx(sheet.name, await sheet.get("xlsx"), sheet.payloads);
    });
  }

  it("the impact dashboard's KPI sheet has no live cells either", async () => {
    const get = (format: string) =>
      download(dashboardExport, `/manage/${w.contestId}/cohorts/${w.cohortId}/dashboard/export?what=kpis&format=${format}`, {
        ...contest(),
        cohortId: String(w.cohortId),
      });
    expectSafeCsv("impact dashboard (kpis)", (await get("csv")).toString("utf8"), []);
    await expectSafeXlsx("impact dashboard (kpis)", await get("xlsx"), []);
  });

  it("the roadshow score sheet CSV neutralises the judges' names", async () => {
    const slot = await (copy.db as DB)
      .selectFrom("roadshow_slots")
      .select("id")
      .where("session_id", "=", w.sessionId)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const csv = await download(sheetCsv, `/manage/${w.contestId}/roadshow/${w.sessionId}/sheet/${slot.id}.csv`, {
      ...contest(),
      sessionId: String(w.sessionId),
      slotId: String(slot.id),
    });
    expectSafeCsv("roadshow sheet", csv.toString("utf8"), [FORMULAS.hyperlink]);
  });

  it("the round's materials ZIP: file names stay inside it, its sheets neutralise formulas", async () => {
    const zip = await unzip(
      await download(materialsZip, `/manage/${w.contestId}/rounds/${w.round1}/materials.zip`, {
        ...contest(),
        roundId: String(w.round1),
      }),
    );
    const sheets = [...zip.entries()].filter(([name]) => name.endsWith(".csv"));
    expect(sheets.length).toBeGreaterThan(0);
    for (const [name, data] of sheets) expectSafeCsv(name, data.toString("utf8"), []);
    const all = sheets.map(([, data]) => data.toString("utf8")).join("");
    expect(all).toContain(`'${FORMULAS.minus} ${SCRIPT}`);
    // Team A's deck is there, under a name made of its code and team name without the markup or the "../".
    const files = [...zip.keys()];
    expect(files.some((name) => name.includes("T-0427") && name.endsWith(".pdf"))).toBe(true);
    for (const name of files) expect(name).not.toMatch(/^\/|\.\.|[<>\\:*?"|\u0000-\u001f]/);
  });
});

// The hostile text is really stored as typed (not cleaned on the way in, which would make this test pass vacuously).
describe("the hostile text is stored as typed", () => {
  it("in the rows the pages and exports read", async () => {
    const teamA = await copy.db
      .selectFrom("teams")
      .select(["name", "pitch", "website"])
      .where("id", "=", w.teamA)
      .executeTakeFirstOrThrow();
    expect(teamA).toEqual({ name: SCRIPT, pitch: IMG, website: JS_URL });
    const lead = await copy.db.selectFrom("users").select("name").where("id", "=", w.users.lead.id).executeTakeFirstOrThrow();
    expect(lead.name).toBe(IMG);
  });
});
