// Organisers' registrations: filters, keyset pages, counts and breakdowns, search escaping, CSV and
// XLSX exports, restoring a withdrawn entry, and every authorisation rule, on a real SQLite file.
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listEntries } from "#app/data/registrations.server";
import { createSession, serializeSessionCookie } from "#app/infra/session.server";
import { loader as exportLoader } from "#app/routes/manage.$contestId.registrations.export";
import { loader as listLoader } from "#app/routes/manage.$contestId.registrations._index";
import { action as entryAction, loader as entryLoader } from "#app/routes/manage.$contestId.registrations.$entryId";
import {
  getRegistration,
  lenientRegistrationQuery,
  listRegistrations,
  registrationStats,
  restoreEntry,
  type RegistrationFilters,
} from "#app/services/registrations-admin.server";
import { csvCell, exportRegistrations } from "#app/services/registrations-export.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import {
  insertEntry,
  insertMember,
  insertQuestion,
  insertTeam,
  insertTeamWithEntry,
  insertTrack,
  registrationSnapshot,
} from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { TeamStage, User } from "#db/schema";
import { parseCsv } from "#app/domain/judging";

let t: TestDb;
beforeEach(() => {
  // Shared with the app so the route modules below read the same file.
  t = createTestDb({ shareWithApp: true });
});
afterEach(async () => {
  await t.cleanup();
});

// Headings come out as their catalog keys, so these tests do not depend on the English wording.
const keyT = ((key: string) => `[${key}]`) as unknown as TFunction;

type TeamSpec = {
  name: string;
  country: string;
  stage: TeamStage;
  womenLed: boolean;
  founders: [number, number, number];
  track: "digital" | "green";
  status: "registered" | "withdrawn";
  city?: string;
  organisation?: string;
  answers?: Record<string, unknown>;
};

// Seven entries in contest A, oldest first; expectations below are counted by hand from this table.
const TEAMS: TeamSpec[] = [
  {
    name: "Green Loop",
    country: "TH",
    stage: "idea",
    womenLed: true,
    founders: [2, 1, 0],
    track: "digital",
    status: "registered",
    city: "Chiang Mai",
    answers: { funding: "seed", employees: 12500 },
  },
  {
    name: "Solar Sisters",
    country: "VN",
    stage: "prototype",
    womenLed: true,
    founders: [3, 0, 0],
    track: "green",
    status: "registered",
  },
  {
    name: "Agri Bot",
    country: "TH",
    stage: "growth",
    womenLed: false,
    founders: [0, 2, 1],
    track: "digital",
    status: "withdrawn",
  },
  {
    name: "100% Green",
    country: "ID",
    stage: "early_revenue",
    womenLed: false,
    founders: [1, 1, 0],
    track: "green",
    status: "registered",
    organisation: "@lab",
  },
  {
    name: "Under_score",
    country: "CN",
    stage: "idea",
    womenLed: false,
    founders: [0, 1, 0],
    track: "digital",
    status: "registered",
    city: "+Nanning",
  },
  {
    name: '=HYPERLINK("http://x")',
    country: "SG",
    stage: "prototype",
    womenLed: false,
    founders: [0, 0, 0],
    track: "green",
    status: "registered",
    organisation: "\tTabbed",
    answers: { employees: -3 },
  },
  {
    name: 'Comma, "Quoted"\nTeam',
    country: "MY",
    stage: "growth",
    womenLed: true,
    founders: [1, 0, 0],
    track: "digital",
    status: "withdrawn",
  },
];

interface World {
  organiser: User;
  contestA: number;
  contestB: number;
  tracks: { digital: number; green: number };
  /** Entry ids in TEAMS order. */
  ids: number[];
  codes: string[];
  teamIds: number[];
  entryB: number;
  organiserB: User;
  founder: User;
  judge: User;
}

async function world(): Promise<World> {
  const organiser = await makeUser(t.db, { name: "Olivia Organiser" });
  const organiserB = await makeUser(t.db);
  const founder = await makeUser(t.db, { name: "Fah Founder" });
  const judge = await makeUser(t.db);
  const contestA = (await makeContest(t.db)).id;
  const contestB = (await makeContest(t.db)).id;
  await grantRole(t.db, contestA, organiser.id, "organiser");
  await grantRole(t.db, contestB, organiserB.id, "organiser");
  await grantRole(t.db, contestA, judge.id, "judge");
  const digital = (await insertTrack(t.db, contestA, { en: "Digital economy", "zh-CN": "数字经济" })).id;
  const green = (await insertTrack(t.db, contestA, { en: "Green development" })).id;
  await insertQuestion(t.db, contestA, {
    key: "funding",
    kind: "single_choice",
    label: { en: "Funding so far", "zh-CN": "已获融资" },
    required: false,
    options: [
      { value: "seed", label: { en: "Seed", "zh-CN": "种子轮" } },
      { value: "none", label: { en: "None", "zh-CN": "无" } },
    ],
  });
  await insertQuestion(t.db, contestA, { key: "employees", kind: "number", label: { en: "Employees" }, required: false });
  const ids: number[] = [];
  const codes: string[] = [];
  const teamIds: number[] = [];
  for (const [i, spec] of TEAMS.entries()) {
    const team = await insertTeam(t.db, {
      name: spec.name,
      country: spec.country,
      stage: spec.stage,
      women_led: spec.womenLed ? 1 : 0,
      founders_women: spec.founders[0],
      founders_men: spec.founders[1],
      founders_other: spec.founders[2],
      city: spec.city ?? null,
      organisation: spec.organisation ?? null,
    });
    const code = `A-${String(i + 1).padStart(4, "0")}`;
    const entry = await insertEntry(t.db, {
      contestId: contestA,
      teamId: team.id,
      trackId: spec.track === "digital" ? digital : green,
      code,
      status: spec.status,
      answers: spec.answers ?? {},
      registeredAt: new Date(Date.UTC(2026, 10, 1 + i, 8, 30)).toISOString(),
    });
    ids.push(entry.id);
    codes.push(code);
    teamIds.push(team.id);
  }
  // The founder leads Green Loop; a second member joins it.
  await insertMember(t.db, teamIds[0]!, founder.id, "lead");
  await insertMember(t.db, teamIds[0]!, (await makeUser(t.db, { name: "Bee Member" })).id, "member");

  const trackB = (await insertTrack(t.db, contestB)).id;
  const { entry: entryB } = await insertTeamWithEntry(t.db, {
    contestId: contestB,
    trackId: trackB,
    team: { name: "Green Elsewhere", country: "TH" },
    status: "withdrawn",
  });
  return {
    organiser,
    contestA,
    contestB,
    tracks: { digital, green },
    ids,
    codes,
    teamIds,
    entryB: entryB.id,
    organiserB,
    founder,
    judge,
  };
}

/** Entry ids the list returns for `filters`, as positions (1-based) in TEAMS, newest first. */
async function positions(w: World, filters: RegistrationFilters): Promise<number[]> {
  const result = await listRegistrations(await makeCtx(t.db, w.organiser), w.contestA, filters);
  if (!result.ok) throw new Error(result.error.code);
  return result.value.rows.map((r) => w.ids.indexOf(r.id) + 1);
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

// ExcelJS declares its own Buffer type (an ArrayBuffer); Node's Buffer is what it reads.
const xlsxInput = (bytes: Buffer) => bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0];

describe("the list", () => {
  it("shows every entry newest first with its team, track and member count", async () => {
    const w = await world();
    const result = await listRegistrations(await makeCtx(t.db, w.organiser), w.contestA, {});
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.rows.map((r) => r.code)).toEqual([...w.codes].reverse());
    expect(result.value.nextCursor).toBeNull();
    expect(result.value.rows.at(-1)).toMatchObject({
      id: w.ids[0],
      code: "A-0001",
      status: "registered",
      trackId: w.tracks.digital,
      registeredAt: "2026-11-01T08:30:00.000Z",
      team: {
        name: "Green Loop",
        country: "TH",
        city: "Chiang Mai",
        stage: "idea",
        womenLed: true,
        foundersWomen: 2,
        foundersMen: 1,
        foundersOther: 0,
        memberCount: 2,
      },
    });
    expect(result.value.rows[0]!.team.memberCount).toBe(0);
  });

  it("narrows by each filter, alone and together", async () => {
    const w = await world();
    expect(await positions(w, { q: "green" })).toEqual([4, 1]);
    expect(await positions(w, { q: "A-0003" })).toEqual([3]);
    expect(await positions(w, { q: "a-0003" })).toEqual([3]);
    expect(await positions(w, { q: "A-000" })).toEqual([]); // a code matches only whole
    expect(await positions(w, { trackId: w.tracks.green })).toEqual([6, 4, 2]);
    expect(await positions(w, { country: "TH" })).toEqual([3, 1]);
    expect(await positions(w, { stage: "idea" })).toEqual([5, 1]);
    expect(await positions(w, { womenLed: true })).toEqual([7, 2, 1]);
    expect(await positions(w, { womenLed: false })).toEqual([6, 5, 4, 3]);
    expect(await positions(w, { status: "withdrawn" })).toEqual([7, 3]);
    expect(await positions(w, { status: "registered" })).toEqual([6, 5, 4, 2, 1]);
    expect(await positions(w, { country: "TH", status: "registered" })).toEqual([1]);
    expect(await positions(w, { trackId: w.tracks.digital, womenLed: true, status: "withdrawn" })).toEqual([7]);
    expect(await positions(w, { trackId: w.tracks.digital, stage: "growth", q: "bot" })).toEqual([3]);
    // Contest B's "Green Elsewhere" never shows in contest A.
    expect(await positions(w, { q: "elsewhere" })).toEqual([]);
  });

  it("treats % and _ in a search as the characters themselves", async () => {
    const w = await world();
    expect(await positions(w, { q: "%" })).toEqual([4]);
    expect(await positions(w, { q: "0%" })).toEqual([4]);
    expect(await positions(w, { q: "_" })).toEqual([5]);
    expect(await positions(w, { q: "r_s" })).toEqual([5]);
    expect(await positions(w, { q: "\\" })).toEqual([]);
    expect(await positions(w, { q: "%_%" })).toEqual([]);
  });

  it("pages by id without overlaps or gaps, whichever index serves the filters", async () => {
    const w = await world();
    const contest = (await makeContest(t.db)).id;
    await grantRole(t.db, contest, w.organiser.id, "organiser");
    const tracks = [(await insertTrack(t.db, contest)).id, (await insertTrack(t.db, contest)).id];
    const all: Array<{ id: number; status: string; track: number }> = [];
    for (let i = 0; i < 23; i++) {
      const status = i % 3 === 0 ? "withdrawn" : "registered";
      const track = tracks[i % 2]!;
      const { entry } = await insertTeamWithEntry(t.db, { contestId: contest, trackId: track, status });
      all.push({ id: entry.id, status, track });
    }
    const ctx = await makeCtx(t.db, w.organiser);
    const cases: Array<[RegistrationFilters, typeof all]> = [
      [{}, all],
      [{ status: "registered" }, all.filter((e) => e.status === "registered")],
      [{ trackId: tracks[1]! }, all.filter((e) => e.track === tracks[1])],
      [{ q: "team" }, all],
    ];
    for (const [filters, expected] of cases) {
      const seen: number[] = [];
      const sizes: number[] = [];
      let after: number | undefined;
      for (let guard = 0; guard < 20; guard++) {
        const page = await listRegistrations(ctx, contest, filters, after, 5);
        if (!page.ok) throw new Error(page.error.code);
        seen.push(...page.value.rows.map((r) => r.id));
        sizes.push(page.value.rows.length);
        if (page.value.nextCursor === null) break;
        expect(page.value.nextCursor).toBe(page.value.rows.at(-1)!.id);
        after = page.value.nextCursor;
      }
      const want = expected.map((e) => e.id).sort((a, b) => b - a);
      expect(seen, JSON.stringify(filters)).toEqual(want);
      expect(sizes.slice(0, -1).every((n) => n === 5)).toBe(true);
    }
    // The data layer directly: a page boundary in the middle of the two statuses.
    const first = await listEntries(t.db, { contestId: contest, filters: {}, limit: 4 });
    const second = await listEntries(t.db, { contestId: contest, filters: {}, after: first.at(-1)!.id, limit: 4 });
    expect([...first, ...second].map((r) => r.id)).toEqual(
      all
        .map((e) => e.id)
        .sort((a, b) => b - a)
        .slice(0, 8),
    );
  });

  it("reads the query string leniently: a bad value means 'any'", () => {
    const query = lenientRegistrationQuery(
      new URLSearchParams("q=%20loop%20&track=abc&country=th&stage=unicorn&womenLed=yes&status=&after=-4"),
    );
    expect(query).toEqual({ q: "loop", country: "TH", womenLed: "yes" });
  });
});

describe("counts and breakdowns", () => {
  it("match the hand count over all entries", async () => {
    const w = await world();
    const stats = await registrationStats(await makeCtx(t.db, w.organiser), w.contestA, {});
    expect(stats).toEqual({
      ok: true,
      value: {
        total: 7,
        byCountry: [
          { country: "TH", count: 2 },
          { country: "CN", count: 1 },
          { country: "ID", count: 1 },
          { country: "MY", count: 1 },
          { country: "SG", count: 1 },
          { country: "VN", count: 1 },
        ],
        byTrack: [
          { trackId: w.tracks.digital, name: { en: "Digital economy", "zh-CN": "数字经济" }, count: 4 },
          { trackId: w.tracks.green, name: { en: "Green development" }, count: 3 },
        ],
        founders: { women: 7, men: 5, other: 1 },
      },
    });
  });

  it("follow the filters, keep tracks without entries, and are zero when nothing matches", async () => {
    const w = await world();
    const ctx = await makeCtx(t.db, w.organiser);
    const registered = await registrationStats(ctx, w.contestA, { status: "registered" });
    expect(registered.ok && registered.value).toMatchObject({
      total: 5,
      byCountry: [
        { country: "CN", count: 1 },
        { country: "ID", count: 1 },
        { country: "SG", count: 1 },
        { country: "TH", count: 1 },
        { country: "VN", count: 1 },
      ],
      byTrack: [{ count: 2 }, { count: 3 }],
      founders: { women: 6, men: 3, other: 0 },
    });
    const womenLedThai = await registrationStats(ctx, w.contestA, { womenLed: true, country: "TH" });
    expect(womenLedThai.ok && womenLedThai.value).toMatchObject({
      total: 1,
      byCountry: [{ country: "TH", count: 1 }],
      byTrack: [{ count: 1 }, { count: 0 }],
      founders: { women: 2, men: 1, other: 0 },
    });
    const none = await registrationStats(ctx, w.contestA, { q: "no such team" });
    expect(none.ok && none.value).toMatchObject({
      total: 0,
      byCountry: [],
      byTrack: [{ count: 0 }, { count: 0 }],
      founders: { women: 0, men: 0, other: 0 },
    });
  });
});

describe("one registration", () => {
  it("has the team, its members lead first, the track and the answers with the question definitions", async () => {
    const w = await world();
    // An answer to a question removed since then is still shown, under its key.
    await t.db
      .updateTable("entries")
      .set({ answers_json: JSON.stringify({ funding: "seed", employees: 12500, old_question: "kept" }) })
      .where("id", "=", w.ids[0]!)
      .execute();
    const result = await getRegistration(await makeCtx(t.db, w.organiser), w.contestA, w.ids[0]!);
    if (!result.ok) throw new Error(result.error.code);
    const entry = result.value;
    expect(entry).toMatchObject({
      code: "A-0001",
      status: "registered",
      track: { id: w.tracks.digital, name: { en: "Digital economy" } },
      team: { name: "Green Loop", country: "TH", womenLed: true, foundersWomen: 2 },
      answers: { funding: "seed", employees: 12500, old_question: "kept" },
    });
    expect(entry.members.map((m) => [m.name, m.email, m.role])).toEqual([
      ["Fah Founder", w.founder.email, "lead"],
      ["Bee Member", expect.stringContaining("@"), "member"],
    ]);
    expect(entry.questions.map((q) => q.key)).toEqual(["funding", "employees", "old_question"]);
  });

  it("is not found through another contest, even by its own organiser", async () => {
    const w = await world();
    expect(await getRegistration(await makeCtx(t.db, w.organiser), w.contestA, w.entryB)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await getRegistration(await makeCtx(t.db, w.organiserB), w.contestB, w.ids[0]!)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
  });
});

describe("restoring a withdrawn entry", () => {
  it("registers it again and audits the change in the same transaction", async () => {
    const w = await world();
    const ctx = await makeCtx(t.db, w.organiser);
    const before = await t.db.selectFrom("entries").selectAll().where("id", "=", w.ids[2]!).executeTakeFirstOrThrow();
    expect(await restoreEntry(ctx, w.contestA, w.ids[2]!)).toEqual({ ok: true, value: null });
    const after = await t.db.selectFrom("entries").selectAll().where("id", "=", w.ids[2]!).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: "registered", withdrawn_at: null, version: before.version + 1 });
    const events = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "entry.restored").execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_user_id: w.organiser.id,
      subject_type: "entry",
      subject_id: String(w.ids[2]),
      contest_id: w.contestA,
      ip: "127.0.0.1",
    });
    expect(JSON.parse(events[0]!.before_json!)).toEqual({
      status: "withdrawn",
      withdrawn_at: before.withdrawn_at,
      version: before.version,
    });
    expect(JSON.parse(events[0]!.after_json!)).toEqual({ status: "registered", withdrawn_at: null, version: before.version + 1 });
  });

  it("refuses an entry that is not withdrawn, another contest's entry, and clashes, changing nothing", async () => {
    const w = await world();
    const ctx = await makeCtx(t.db, w.organiser);
    // A withdrawn team whose name, folded, is Green Loop's, and one that shares Green Loop's lead.
    const sameName = await insertTeamWithEntry(t.db, {
      contestId: w.contestA,
      trackId: w.tracks.green,
      team: { name: "  GREEN\u200B  loop " },
      status: "withdrawn",
    });
    const sharing = await insertTeamWithEntry(t.db, { contestId: w.contestA, trackId: w.tracks.green, status: "withdrawn" });
    await insertMember(t.db, sharing.team.id, w.founder.id, "lead");
    const before = await registrationSnapshot(t.db);
    expect(await restoreEntry(ctx, w.contestA, w.ids[0]!)).toEqual({ ok: false, error: { code: "not_withdrawn" } });
    expect(await restoreEntry(ctx, w.contestA, w.entryB)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await restoreEntry(ctx, w.contestA, 999_999)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await restoreEntry(ctx, w.contestA, sameName.entry.id)).toEqual({ ok: false, error: { code: "team_name_taken" } });
    expect(await restoreEntry(ctx, w.contestA, sharing.entry.id)).toEqual({
      ok: false,
      error: { code: "member_in_other_team", params: { count: 1 } },
    });
    expect(await registrationSnapshot(t.db)).toEqual(before);
  });

  it("does not count a clash with a withdrawn team or with another contest", async () => {
    const w = await world();
    // Agri Bot (withdrawn) shares a member with Comma Team (withdrawn) and with contest B's team.
    const shared = await makeUser(t.db);
    await insertMember(t.db, w.teamIds[2]!, shared.id, "lead");
    await insertMember(t.db, w.teamIds[6]!, shared.id, "member");
    const entryB = await t.db.selectFrom("entries").select("team_id").where("id", "=", w.entryB).executeTakeFirstOrThrow();
    await t.db.updateTable("entries").set({ status: "registered", withdrawn_at: null }).where("id", "=", w.entryB).execute();
    await insertMember(t.db, entryB.team_id, shared.id, "member");
    expect(await restoreEntry(await makeCtx(t.db, w.organiser), w.contestA, w.ids[2]!)).toEqual({ ok: true, value: null });
  });
});

describe("exports", () => {
  const viewer = { language: "zh-CN" as const, t: keyT };

  it("writes CSV in UTF-8 with a BOM, RFC 4180 quoting and no live formulas", async () => {
    const w = await world();
    const result = await exportRegistrations(await makeCtx(t.db, w.organiser), w.contestA, {}, "csv", viewer);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.contentType).toBe("text/csv; charset=utf-8");
    expect(result.value.filename).toMatch(/^contest-\d+-registrations-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readAll(result.value.body);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`"Comma, ""Quoted""\nTeam"`);
    const [heading, ...rows] = parseCsv(text);
    expect(heading).toEqual([
      "[registrations.columns.code]",
      "[registrations.columns.status]",
      "[registrations.columns.team]",
      "[registrations.columns.country]",
      "[registrations.columns.countryCode]",
      "[registrations.columns.city]",
      "[registrations.columns.organisation]",
      "[registrations.columns.stage]",
      "[registrations.columns.womenLed]",
      "[registrations.columns.foundersWomen]",
      "[registrations.columns.foundersMen]",
      "[registrations.columns.foundersOther]",
      "[registrations.columns.members]",
      "[registrations.columns.track]",
      "[registrations.columns.registeredAtUtc]",
      "已获融资",
      "Employees",
    ]);
    expect(rows.map((r) => r[0])).toEqual([...w.codes].reverse());
    const byCode = new Map(rows.map((r) => [r[0], r]));
    expect(byCode.get("A-0001")).toEqual([
      "A-0001",
      "[registrations.status.registered]",
      "Green Loop",
      "泰国",
      "TH",
      "Chiang Mai",
      "",
      "[teamStage.idea]",
      "[registrations.yes]",
      "2",
      "1",
      "0",
      "2",
      "数字经济",
      "2026-11-01T08:30:00.000Z",
      "种子轮",
      "12,500",
    ]);
    expect(byCode.get("A-0006")!.slice(2, 7)).toEqual(['\'=HYPERLINK("http://x")', "新加坡", "SG", "", "'\tTabbed"]);
    expect(byCode.get("A-0006")!.at(-1)).toBe("'-3");
    expect(byCode.get("A-0005")![5]).toBe("'+Nanning");
    expect(byCode.get("A-0004")![6]).toBe("'@lab");
    expect(byCode.get("A-0007")![2]).toBe('Comma, "Quoted"\nTeam');
    expect(byCode.get("A-0003")![1]).toBe("[registrations.status.withdrawn]");
  });

  it("guards every formula-like start and quotes only where RFC 4180 needs it", () => {
    expect(["=1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"].map(csvCell)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
    ]);
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(42)).toBe("42");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(" =not first")).toBe(" =not first");
  });

  it("exports only the filtered entries, across several database pages", async () => {
    const w = await world();
    const contest = (await makeContest(t.db)).id;
    await grantRole(t.db, contest, w.organiser.id, "organiser");
    const track = (await insertTrack(t.db, contest)).id;
    await t.db.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      for (let i = 0; i < 2105; i++) {
        const team = await trx
          .insertInto("teams")
          .values({ name: `Bulk ${i}`, country: i % 2 ? "TH" : "VN", created_at: at, updated_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("entries")
          .values({
            contest_id: contest,
            team_id: team.id,
            track_id: track,
            code: `B-${i}`,
            status: i % 5 === 0 ? "withdrawn" : "registered",
            terms_version: 1,
            terms_accepted_at: at,
            registered_at: at,
            updated_at: at,
          })
          .execute();
      }
    });
    const ctx = await makeCtx(t.db, w.organiser);
    const all = await exportRegistrations(ctx, contest, {}, "csv", viewer);
    if (!all.ok) throw new Error(all.error.code);
    const rows = parseCsv((await readAll(all.value.body)).toString("utf8").slice(1)).slice(1);
    expect(rows).toHaveLength(2105);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2105);
    expect(rows[0]![0]).toBe("B-2104");
    expect(rows.at(-1)![0]).toBe("B-0");

    const thaiRegistered = await exportRegistrations(ctx, contest, { country: "TH", status: "registered" }, "xlsx", viewer);
    if (!thaiRegistered.ok) throw new Error(thaiRegistered.error.code);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxInput(await readAll(thaiRegistered.value.body)));
    const sheet = workbook.worksheets[0]!;
    // Odd i are Thai (1052 of them); every fifth i is withdrawn: odd multiples of 5 below 2105 number 210.
    expect(sheet.rowCount).toBe(1 + 1052 - 210);
  });

  it("writes XLSX that reads back with the same rows, text kept as text", async () => {
    const w = await world();
    const result = await exportRegistrations(
      await makeCtx(t.db, w.organiser),
      w.contestA,
      { status: "registered" },
      "xlsx",
      viewer,
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(result.value.filename).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxInput(await readAll(result.value.body)));
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    // Excel forbids [ ] : * ? / \ in sheet names; the writer drops them.
    expect(sheet.name).toBe("registrations.sheetName");
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(sheet.rowCount).toBe(6);
    expect(values(1)[0]).toBe("[registrations.columns.code]");
    expect(values(1).slice(-2)).toEqual(["已获融资", "Employees"]);
    expect([2, 3, 4, 5, 6].map((n) => values(n)[0])).toEqual(["A-0006", "A-0005", "A-0004", "A-0002", "A-0001"]);
    expect(values(6)).toEqual([
      "A-0001",
      "[registrations.status.registered]",
      "Green Loop",
      "泰国",
      "TH",
      "Chiang Mai",
      undefined, // no organisation: an empty cell
      "[teamStage.idea]",
      "[registrations.yes]",
      2,
      1,
      0,
      2,
      "数字经济",
      "2026-11-01T08:30:00.000Z",
      "种子轮",
      "12,500",
    ]);
    const formulaLike = sheet.getRow(2).getCell(3);
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike.value).toBe('=HYPERLINK("http://x")');
  });
});

describe("who may do this", () => {
  it("refuses a founder, a judge, another contest's organiser and a stranger everywhere, changing nothing", async () => {
    const w = await world();
    const stranger = null;
    const before = await registrationSnapshot(t.db);
    for (const user of [w.founder, w.judge, w.organiserB, stranger]) {
      const ctx = await makeCtx(t.db, user);
      const forbidden = { ok: false, error: { code: "forbidden" } };
      expect(await listRegistrations(ctx, w.contestA, {})).toEqual(forbidden);
      expect(await registrationStats(ctx, w.contestA, {})).toEqual(forbidden);
      expect(await getRegistration(ctx, w.contestA, w.ids[0]!)).toEqual(forbidden);
      expect(await restoreEntry(ctx, w.contestA, w.ids[2]!)).toEqual(forbidden);
      expect(await exportRegistrations(ctx, w.contestA, {}, "csv", viewer())).toEqual(forbidden);
      expect(await exportRegistrations(ctx, w.contestA, {}, "xlsx", viewer())).toEqual(forbidden);
    }
    expect(await registrationSnapshot(t.db)).toEqual(before);
  });

  it("lets a platform admin in", async () => {
    const w = await world();
    const admin = await makeUser(t.db, { isAdmin: true });
    const result = await listRegistrations(await makeCtx(t.db, admin), w.contestA, {});
    expect(result.ok && result.value.rows).toHaveLength(7);
  });

  function viewer() {
    return { language: "en" as const, t: keyT };
  }
});

describe("the routes", () => {
  const context = { cspNonce: "test", clientIp: "127.0.0.1" };

  async function cookieFor(user: User): Promise<string> {
    const session = await createSession(t.db, user.id, new Date());
    return (await serializeSessionCookie(session.token, new Date(session.session.created_at))).split(";")[0]!;
  }

  const get = (path: string, cookie: string) => new Request(`http://localhost:3999${path}`, { headers: { Cookie: cookie } });

  async function thrown(promise: Promise<unknown>): Promise<Response> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
    throw new Error("expected a thrown Response");
  }

  it("downloads the filtered CSV as an attachment, and refuses bad parameters and non-organisers", async () => {
    const w = await world();
    const cookie = await cookieFor(w.organiser);
    const params = { contestId: String(w.contestA) };
    const path = `/manage/${w.contestA}/registrations/export`;
    const response = (await exportLoader({ request: get(`${path}?format=csv&country=TH`, cookie), context, params })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="contest-\d+-registrations-[\d-]+\.csv"/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [heading, ...rows] = parseCsv(text.slice(1));
    // The viewer's catalog names the columns.
    expect(heading!.slice(0, 3)).toEqual(["Entry code", "Status", "Team"]);
    expect(heading).toContain("Registered at (UTC)");
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["A-0003", "Withdrawn"],
      ["A-0001", "Registered"],
    ]);

    const xlsx = (await exportLoader({ request: get(`${path}?format=xlsx`, cookie), context, params })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxInput(Buffer.from(await xlsx.arrayBuffer())));
    expect(workbook.worksheets[0]!.rowCount).toBe(8);

    expect((await thrown(exportLoader({ request: get(`${path}?format=pdf`, cookie), context, params }))).status).toBe(400);
    expect((await thrown(exportLoader({ request: get(`${path}?format=csv&track=x`, cookie), context, params }))).status).toBe(
      400,
    );
    const founder = await cookieFor(w.founder);
    expect((await thrown(exportLoader({ request: get(`${path}?format=csv`, founder), context, params }))).status).toBe(403);
  });

  it("lists with the filters kept in the download links and ignores what it cannot read", async () => {
    const w = await world();
    const cookie = await cookieFor(w.organiser);
    const data = await listLoader({
      request: get(`/manage/${w.contestA}/registrations?country=th&track=nope&status=registered`, cookie),
      context,
      params: { contestId: String(w.contestA) },
    });
    expect(data.rows.map((r) => r.code)).toEqual(["A-0001"]);
    expect(data.stats.total).toBe(1);
    expect(data.query).toEqual({ country: "TH", status: "registered" });
    expect(data.csvHref).toBe(`/manage/${w.contestA}/registrations/export?country=TH&status=registered&format=csv`);
    expect(data.xlsxHref).toBe(`/manage/${w.contestA}/registrations/export?country=TH&status=registered&format=xlsx`);
    expect(data.nextHref).toBeNull();
  });

  it("shows one entry, 404s another contest's, and restores with a redirect", async () => {
    const w = await world();
    const cookie = await cookieFor(w.organiser);
    const params = (entryId: number) => ({ contestId: String(w.contestA), entryId: String(entryId) });
    const path = (entryId: number) => `/manage/${w.contestA}/registrations/${entryId}`;
    const page = await entryLoader({ request: get(path(w.ids[0]!), cookie), context, params: params(w.ids[0]!) });
    expect(page.entry.code).toBe("A-0001");
    expect(page.countryLabel).toBe("Thailand");
    expect((await thrown(entryLoader({ request: get(path(w.entryB), cookie), context, params: params(w.entryB) }))).status).toBe(
      404,
    );

    const post = (entryId: number) =>
      new Request(`http://localhost:3999${path(entryId)}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "restore" }),
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3999" },
      });
    const restored = (await entryAction({ request: post(w.ids[2]!), context, params: params(w.ids[2]!) })) as Response;
    expect(restored.status).toBe(302);
    expect(restored.headers.get("Location")).toBe(path(w.ids[2]!));
    const again = (await entryAction({ request: post(w.ids[2]!), context, params: params(w.ids[2]!) })) as unknown as {
      data: unknown;
      init: { status: number };
    };
    expect(again.data).toEqual({ error: "not_withdrawn" });
    expect(again.init.status).toBe(400);
  });
});
