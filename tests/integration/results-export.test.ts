// The organisers' downloads of a round's results against a real database: the rankings and every
// review as CSV (parsed back) and XLSX (unzipped with yauzl, the sheet XML read), ties and ranks, the
// criterion columns, formula-like names kept as text, the audit event, bad links and who is refused.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResultsExportLinks } from "#app/components/results/ResultsExportLinks";
import { createRenderI18n, getFixedT } from "#app/infra/i18n.server";
import { createSession, serializeSessionCookie } from "#app/infra/session.server";
import { loader as exportLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.results.export";
import { exportRoundResults, type ResultsExportRequest } from "#app/services/results-export.server";
import { roundResults } from "#app/services/results.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import type { User } from "#db/schema";
import { parseCsv } from "#app/domain/judging";

const FORMULA_TEAM = '=HYPERLINK("http://x","win")';
const at = new Date().toISOString();

let t: TestDb;
let organiser: User;
let founder: User;
let contestId: number;
let contestSlug: string;
let roundId: number;
let criteria: [number, number];
let judges: Record<"a" | "b" | "c" | "d", User>;
let entries: Record<string, number>;

async function review(
  judge: User,
  entryId: number,
  [pitch, market]: [number | null, number | null],
  options: {
    status?: "draft" | "submitted";
    confidence?: number;
    comments?: [string | null, string | null];
    feedback?: string;
    note?: string;
  } = {},
) {
  const status = options.status ?? "submitted";
  const assignment = await t.db
    .insertInto("assignments")
    .values({ round_id: roundId, entry_id: entryId, judge_id: judge.id, source: "manual", assigned_by: null, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto("reviews")
    .values({
      assignment_id: assignment.id,
      status,
      feedback: options.feedback ?? null,
      note: options.note ?? null,
      confidence: options.confidence ?? null,
      created_at: at,
      updated_at: at,
      submitted_at: status === "submitted" ? at : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const [pitchComment, marketComment] = options.comments ?? [null, null];
  await t.db
    .insertInto("criterion_scores")
    .values([
      { review_id: row.id, criterion_id: criteria[0], value: pitch, comment: pitchComment },
      { review_id: row.id, criterion_id: criteria[1], value: market, comment: marketComment },
    ])
    .execute();
}

beforeEach(async () => {
  // Shared with the app so the route module reads the same file.
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db, { name: "Olivia" });
  const contest = await makeContest(t.db);
  contestId = contest.id;
  contestSlug = contest.slug;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  const tech = await insertTrack(t.db, contestId, { en: "Tech", "zh-CN": "科技" });
  const social = await insertTrack(t.db, contestId, { en: "Social" });
  // Calibrated is the recommended method; the round names it too, so it ranks by default either way.
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId, { method: "calibrated" }));
  judges = {
    a: await makeSignedJudge(t.db, contestId, "Ana"),
    b: await makeSignedJudge(t.db, contestId, "Bao"),
    c: await makeSignedJudge(t.db, contestId, "Chen"),
    d: await makeSignedJudge(t.db, contestId, "Dewi"),
  };
  founder = await makeUser(t.db);
  entries = {};
  const teams: Array<[string, string, string, number]> = [
    ["T-0001", "Green Loop", "TH", tech.id],
    ["T-0002", FORMULA_TEAM, "VN", tech.id],
    ["T-0003", "Comma, Quoted", "SG", tech.id],
    ["T-0006", "Social Spark", "ID", social.id],
  ];
  for (const [code, name, country, trackId] of teams) {
    const team = await insertTeam(t.db, { name, country });
    entries[code] = (await insertEntry(t.db, { contestId, teamId: team.id, trackId, code })).id;
    if (code === "T-0001") await insertMember(t.db, team.id, founder.id, "lead");
  }
  // Review totals out of 100 (5 × (pitch + market)):
  //            T-0001  T-0002  T-0003
  //   Ana        80      70      90
  //   Bao        70      60      80
  //   Chen       60      50      40
  // Every judge saw every entry, so the calibrated score is the mean: T-0001 and T-0003 tie at 70.
  // Confidence 3 weighs as much as none (the scale's middle), so the calibrated tie stands.
  await review(judges.a, entries["T-0001"]!, [9, 7], {
    confidence: 3,
    comments: ["Clear, confident pitch", null],
    feedback: "Great demo",
    note: "Knows the founder's mentor",
  });
  await review(judges.a, entries["T-0002"]!, [7, 7]);
  await review(judges.a, entries["T-0003"]!, [9, 9]);
  await review(judges.b, entries["T-0001"]!, [7, 7]);
  await review(judges.b, entries["T-0002"]!, [6, 6]);
  await review(judges.b, entries["T-0003"]!, [8, 8]);
  await review(judges.c, entries["T-0001"]!, [6, 6]);
  await review(judges.c, entries["T-0002"]!, [5, 5]);
  await review(judges.c, entries["T-0003"]!, [4, 4]);
  // A draft without a market score: in the reviews export (no total), never in the rankings.
  await review(judges.d, entries["T-0002"]!, [10, null], { status: "draft", comments: [null, "=cmd|' /C calc'!A0"] });
  await review(judges.d, entries["T-0006"]!, [6, 6]);
});
afterEach(() => t.cleanup());

const viewer = (language: "en" | "zh-CN" = "en") => ({ language, t: getFixedT(language, "common") });

async function readAll(body: Readable | AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function download(request: ResultsExportRequest, user: User = organiser, language: "en" | "zh-CN" = "en") {
  const result = await exportRoundResults(await makeCtx(t.db, user), contestId, roundId, request, viewer(language));
  if (!result.ok) throw new Error(result.error.code);
  return { ...result.value, bytes: await readAll(result.value.body) };
}

function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.toString("utf8").slice(1));
}

async function unzip(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, strictFileNames: true });
  const files = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    files.set(entry.fileName, (await readAll(await zip.openReadStreamPromise(entry))).toString("utf8"));
  }
  return files;
}

interface XmlCell {
  type: string | null;
  value: string | null;
  formula: boolean;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** The cells of a worksheet's XML by reference ("B3"): their type attribute, value and whether a formula. */
function sheetCells(xml: string): Map<string, XmlCell> {
  const cells = new Map<string, XmlCell>();
  for (const match of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
    const [, ref, attributes, inner = ""] = match;
    const value = /<v>(.*?)<\/v>/.exec(inner) ?? /<t[^>]*>(.*?)<\/t>/.exec(inner);
    cells.set(ref!, {
      type: /\bt="(\w+)"/.exec(attributes!)?.[1] ?? null,
      value: value ? unescapeXml(value[1]!) : null,
      formula: inner.includes("<f"),
    });
  }
  return cells;
}

async function xlsxSheet(bytes: Buffer) {
  const files = await unzip(bytes);
  const sheet = files.get("xl/worksheets/sheet1.xml");
  expect(sheet).toBeDefined();
  return { files, cells: sheetCells(sheet!) };
}

const RANKING_HEADINGS = [
  "Track",
  "Rank",
  "Tied",
  "Entry code",
  "Team",
  "Country or region",
  "Mean",
  "Trimmed mean",
  "Median",
  "Standardised",
  "Calibrated (ranks)",
  "Completed reviews",
  "Reviews disagree",
  "Range of review totals",
  "Standard deviation of review totals",
  "Mean: pitch",
  "Mean: market",
];

describe("the rankings export", () => {
  it("writes CSV rows per entry per track in rank order, ties marked, every method and criterion mean", async () => {
    const file = await download({ what: "rankings", format: "csv" });
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.filename).toBe(`${contestSlug}-round-2-rankings-calibrated-${at.slice(0, 10)}.csv`);
    expect(file.rows).toBe(4);
    const [heading, ...rows] = csvRows(file.bytes);
    expect(heading).toEqual(RANKING_HEADINGS);

    // Standardised scores depend on the whole round; the export shows the service's, to two decimals.
    const results = await roundResults(await makeCtx(t.db, organiser), contestId, roundId);
    if (!results.ok) throw new Error(results.error.code);
    const standardised = (code: string) => {
      const value = results.value.tracks.flatMap((tr) => tr.entries).find((e) => e.code === code)!.scores.standardised!;
      return String(Math.round(value * 100) / 100);
    };

    expect(rows).toEqual([
      // prettier-ignore
      ["Tech", "1", "Yes", "T-0001", "Green Loop", "Thailand", "70", "70", "70", standardised("T-0001"), "70", "3", "", "20", "10", "7.33", "6.67"],
      // T-0003: 90, 80, 40 — a 50-point range and sd √700 ≈ 26.46, beyond both thresholds.
      // prettier-ignore
      ["Tech", "1", "Yes", "T-0003", "Comma, Quoted", "Singapore", "70", "70", "80", standardised("T-0003"), "70", "3", "Yes", "50", "26.46", "7", "7"],
      // The draft (10 for pitch) counts for nothing; the formula-like name is text.
      // prettier-ignore
      ["Tech", "3", "", "T-0002", `'${FORMULA_TEAM}`, "Vietnam", "60", "60", "60", standardised("T-0002"), "60", "3", "", "20", "10", "6", "6"],
      // One review: no spread to show.
      // prettier-ignore
      ["Social", "1", "", "T-0006", "Social Spark", "Indonesia", "60", "60", "60", standardised("T-0006"), "60", "1", "", "", "", "6", "6"],
    ]);
    expect(file.bytes.toString("utf8")).toContain(`"'=HYPERLINK(""http://x"",""win"")"`);
  });

  it("ranks by the method asked for and names it in the heading and the file name", async () => {
    const file = await download({ what: "rankings", format: "csv", method: "median" });
    expect(file.filename).toBe(`${contestSlug}-round-2-rankings-median-${at.slice(0, 10)}.csv`);
    const [heading, ...rows] = csvRows(file.bytes);
    expect(heading!.slice(6, 11)).toEqual(["Mean", "Trimmed mean", "Median (ranks)", "Standardised", "Calibrated"]);
    // By the median the tie is broken: 80, 70, 60.
    expect(rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ["Tech", "1", "", "T-0003"],
      ["Tech", "2", "", "T-0001"],
      ["Tech", "3", "", "T-0002"],
      ["Social", "1", "", "T-0006"],
    ]);
  });

  it("writes the same values to XLSX: numbers as numbers, the formula-like name as plain text", async () => {
    const file = await download({ what: "rankings", format: "xlsx" });
    expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(file.filename).toMatch(/-round-2-rankings-calibrated-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { files, cells } = await xlsxSheet(file.bytes);
    expect(files.get("xl/workbook.xml")).toContain(`name="Rankings"`);
    const value = (ref: string) => cells.get(ref)?.value ?? null;
    expect(["A1", "B1", "C1", "K1", "P1", "Q1"].map(value)).toEqual([
      "Track",
      "Rank",
      "Tied",
      "Calibrated (ranks)",
      "Mean: pitch",
      "Mean: market",
    ]);
    // Row 2: T-0001, tied first; row 4: T-0002, third.
    expect(["A2", "B2", "C2", "D2", "E2", "F2", "K2", "L2", "N2", "O2", "P2", "Q2"].map(value)).toEqual([
      "Tech",
      "1",
      "Yes",
      "T-0001",
      "Green Loop",
      "Thailand",
      "70",
      "3",
      "20",
      "10",
      "7.33",
      "6.67",
    ]);
    expect(cells.get("B2")!.type).toBeNull(); // a number cell
    expect(cells.get("P2")!.type).toBeNull();
    expect(["B3", "C3", "D3", "M3", "O3"].map(value)).toEqual(["1", "Yes", "T-0003", "Yes", "26.46"]);
    expect(["B4", "D4"].map(value)).toEqual(["3", "T-0002"]);
    expect(value("C4")).toBeNull(); // not tied: an empty cell
    const formulaLike = cells.get("E4")!;
    expect(formulaLike).toEqual({ type: "str", value: FORMULA_TEAM, formula: false });
    expect([...cells.values()].some((c) => c.formula)).toBe(false);
    expect(["A5", "D5", "N5"].map(value)).toEqual(["Social", "T-0006", null]);
    expect(cells.has("A6")).toBe(false);
  });

  it("uses the organiser's language for headings and track names", async () => {
    const file = await download({ what: "rankings", format: "csv" }, organiser, "zh-CN");
    const [heading, first] = csvRows(file.bytes);
    expect(heading!.slice(0, 4)).toEqual(["赛道", "名次", "并列", "参赛编号"]);
    expect(heading![10]).toBe("校准分（排名依据）");
    expect(first!.slice(0, 3)).toEqual(["科技", "1", "是"]);
    expect(first![5]).toBe("泰国");
  });
});

const REVIEW_HEADINGS = [
  "Entry code",
  "Team",
  "Entry status",
  "Track",
  "Judge",
  "Judge's email",
  "Review status",
  "Submitted at (UTC)",
  "Confidence",
  "Score: pitch",
  "Comment: pitch",
  "Score: market",
  "Comment: market",
  "Weighted total (0–100)",
  "Feedback to the team",
  "Confidential note to organisers",
];

describe("the reviews export", () => {
  it("writes every review, drafts included, with scores, comments, the weighted total and both notes", async () => {
    const file = await download({ what: "reviews", format: "csv" });
    expect(file.filename).toBe(`${contestSlug}-round-2-reviews-${at.slice(0, 10)}.csv`);
    expect(file.rows).toBe(11);
    const [heading, ...rows] = csvRows(file.bytes);
    expect(heading).toEqual(REVIEW_HEADINGS);
    // By track, entry code and judge name.
    expect(rows.map((r) => `${r[0]} ${r[4]}`)).toEqual([
      "T-0001 Ana",
      "T-0001 Bao",
      "T-0001 Chen",
      "T-0002 Ana",
      "T-0002 Bao",
      "T-0002 Chen",
      "T-0002 Dewi",
      "T-0003 Ana",
      "T-0003 Bao",
      "T-0003 Chen",
      "T-0006 Dewi",
    ]);
    expect(rows[0]).toEqual([
      "T-0001",
      "Green Loop",
      "Registered",
      "Tech",
      "Ana",
      judges.a.email,
      "Submitted",
      at,
      "Medium",
      "9",
      "Clear, confident pitch",
      "7",
      "",
      "80",
      "Great demo",
      "Knows the founder's mentor",
    ]);
    // The draft: no submission time, no market score, so no total; its formula-like comment is text.
    expect(rows[6]).toEqual([
      "T-0002",
      `'${FORMULA_TEAM}`,
      "Registered",
      "Tech",
      "Dewi",
      judges.d.email,
      "Draft",
      "",
      "",
      "10",
      "",
      "",
      "'=cmd|' /C calc'!A0",
      "",
      "",
      "",
    ]);
    expect(rows[9]!.slice(9, 14)).toEqual(["4", "", "4", "", "40"]);
    expect(rows[10]!.slice(3, 7)).toEqual(["Social", "Dewi", judges.d.email, "Submitted"]);
  });

  it("writes the same values to XLSX", async () => {
    const file = await download({ what: "reviews", format: "xlsx" });
    const { files, cells } = await xlsxSheet(file.bytes);
    expect(files.get("xl/workbook.xml")).toContain(`name="Reviews"`);
    const value = (ref: string) => cells.get(ref)?.value ?? null;
    expect(["A1", "J1", "K1", "N1", "P1"].map(value)).toEqual([
      "Entry code",
      "Score: pitch",
      "Comment: pitch",
      "Weighted total (0–100)",
      "Confidential note to organisers",
    ]);
    expect(["A2", "E2", "G2", "H2", "I2", "J2", "K2", "L2", "N2", "O2"].map(value)).toEqual([
      "T-0001",
      "Ana",
      "Submitted",
      at,
      "Medium",
      "9",
      "Clear, confident pitch",
      "7",
      "80",
      "Great demo",
    ]);
    expect(cells.get("N2")!.type).toBeNull();
    // Row 8 is Dewi's draft of T-0002.
    expect(["A8", "B8", "G8", "J8", "M8"].map(value)).toEqual(["T-0002", FORMULA_TEAM, "Draft", "10", "=cmd|' /C calc'!A0"]);
    expect(value("N8")).toBeNull();
    expect([...cells.values()].some((c) => c.formula)).toBe(false);
    expect(cells.has("A13")).toBe(false);
    expect(cells.has("A12")).toBe(true);
  });
});

describe("audit and access", () => {
  it("audits each download with what, format, method and rows", async () => {
    await download({ what: "rankings", format: "xlsx", method: "mean" });
    await download({ what: "reviews", format: "csv" });
    const events = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "round.results_exported")
      .orderBy("id")
      .execute();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actor_user_id: organiser.id,
      subject_type: "round",
      subject_id: String(roundId),
      contest_id: contestId,
      ip: "127.0.0.1",
    });
    expect(JSON.parse(events[0]!.after_json!)).toEqual({ what: "rankings", format: "xlsx", method: "mean", rows: 4 });
    expect(JSON.parse(events[1]!.after_json!)).toEqual({ what: "reviews", format: "csv", method: null, rows: 11 });
  });

  it("refuses judges, team members and other contests' organisers, and writes no audit event", async () => {
    const elsewhere = await makeUser(t.db);
    const otherContest = (await makeContest(t.db)).id;
    await grantRole(t.db, otherContest, elsewhere.id, "organiser");
    for (const user of [judges.a, founder, elsewhere, null]) {
      for (const what of ["rankings", "reviews"] as const) {
        const result = await exportRoundResults(await makeCtx(t.db, user), contestId, roundId, { what, format: "csv" }, viewer());
        expect(result).toEqual({ ok: false, error: { code: "forbidden" } });
      }
    }
    // A round of another contest is not found, even for this contest's organiser.
    const ctx = await makeCtx(t.db, organiser);
    expect(await exportRoundResults(ctx, contestId, roundId + 999, { what: "reviews", format: "csv" }, viewer())).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    const audited = await t.db.selectFrom("audit_events").select("id").where("action", "=", "round.results_exported").execute();
    expect(audited).toEqual([]);
  });
});

describe("the route and the links", () => {
  const context = { cspNonce: "test", clientIp: "127.0.0.1" };

  async function cookieFor(user: User): Promise<string> {
    const session = await createSession(t.db, user.id, new Date());
    return (await serializeSessionCookie(session.token, new Date(session.session.created_at))).split(";")[0]!;
  }

  async function get(user: User, query: string): Promise<Response> {
    const request = new Request(`http://localhost:3999/manage/${contestId}/rounds/${roundId}/results/export${query}`, {
      headers: { Cookie: await cookieFor(user) },
    });
    try {
      return (await exportLoader({
        request,
        context,
        params: { contestId: String(contestId), roundId: String(roundId) },
      })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("downloads the file as an attachment", async () => {
    const response = await get(organiser, "?what=rankings&format=csv&method=median");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${contestSlug}-round-2-rankings-median-${at.slice(0, 10)}.csv"; filename*=UTF-8''${contestSlug}-round-2-rankings-median-${at.slice(0, 10)}.csv`,
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const [heading, first] = csvRows(Buffer.from(await response.arrayBuffer()));
    expect(heading![8]).toBe("Median (ranks)");
    expect(first![3]).toBe("T-0003");

    const xlsx = await get(organiser, "?what=reviews&format=xlsx");
    expect(xlsx.status).toBe(200);
    const { cells } = await xlsxSheet(Buffer.from(await xlsx.arrayBuffer()));
    expect(cells.get("A12")?.value).toBe("T-0006");
  });

  it("answers a bad link with 400 and says what a good one asks for", async () => {
    for (const query of ["", "?what=all&format=csv", "?what=rankings&format=pdf", "?what=rankings&format=csv&method=loudest"]) {
      const response = await get(organiser, query);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toBe(
        "This download link is not valid: ask for the rankings or the reviews, as CSV or XLSX, ranked by one of the five methods.",
      );
    }
    const audited = await t.db.selectFrom("audit_events").select("id").where("action", "=", "round.results_exported").execute();
    expect(audited).toEqual([]);
  });

  it("is closed to judges and team members", async () => {
    expect((await get(judges.a, "?what=reviews&format=csv")).status).toBe(403);
    expect((await get(founder, "?what=rankings&format=xlsx")).status).toBe(403);
  });

  it("links the four downloads from the results page, keeping the method on screen", async () => {
    const i18n = await createRenderI18n("en");
    const html = renderToStaticMarkup(
      createElement(I18nextProvider, { i18n }, createElement(ResultsExportLinks, { contestId, roundId, method: "median" })),
    );
    const base = `/manage/${contestId}/rounds/${roundId}/results/export`;
    expect(html).toContain(`href="${base}?what=rankings&amp;format=csv&amp;method=median"`);
    expect(html).toContain(`href="${base}?what=rankings&amp;format=xlsx&amp;method=median"`);
    expect(html).toContain(`href="${base}?what=reviews&amp;format=csv"`);
    expect(html).toContain(`href="${base}?what=reviews&amp;format=xlsx"`);
    for (const label of ["Rankings CSV", "Rankings XLSX", "All reviews CSV", "All reviews XLSX"]) expect(html).toContain(label);
  });
});
