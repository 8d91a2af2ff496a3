// The audit log viewer on a real SQLite file: who sees which events (a contest's organisers their
// contest's, admins everything, nobody else anything), each filter, stable keyset pages, the CSV
// export, escaping of recorded payloads on the page, query plans that never walk the whole log, and
// the database itself refusing to change or remove an event.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql, type CompiledQuery } from "kysely";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAuditQuery } from "#app/domain/audit-log";
import { parseCsv } from "#app/domain/judging";
import { audit, type AuditEvent } from "#app/infra/audit.server";
import { createRenderI18n } from "#app/infra/i18n.server";
import { createSession, serializeSessionCookie } from "#app/infra/session.server";
import * as adminExportRoute from "#app/routes/admin.audit.export";
import * as adminRoute from "#app/routes/admin.audit._index";
import * as contestExportRoute from "#app/routes/manage.$contestId.audit.export";
import * as contestRoute from "#app/routes/manage.$contestId.audit._index";
import { auditLogPage, type AuditScope } from "#app/services/audit-log.server";
import type { ServiceContext } from "#app/services/context.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import { insertMember, insertTeam } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { Database, User } from "#db/schema";

const BASE = "http://localhost:3999";
const context = { cspNonce: "test", clientIp: "127.0.0.1" };
// Every viewer below is in Singapore (UTC+8, no daylight saving): its midnight is 16:00 UTC.
const ZONE = "Asia/Singapore";

let t: TestDb;
let admin: User;
let olive: User; // organiser of A
let otto: User; // organiser of B
let jude: User; // judge in A
let fay: User; // a team lead, no contest role
let contestA: number;
let contestB: number;
/** Event ids by name, as written in beforeEach. */
let ids: Record<string, number>;

async function record(name: string, event: Omit<AuditEvent, "now"> & { at: string }) {
  const { at, ...rest } = event;
  await audit(t.db, { ...rest, now: new Date(at) });
  const row = await t.db.selectFrom("audit_events").select("id").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
  ids[name] = row.id;
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  ids = {};
  admin = await makeUser(t.db, { email: "ada@platform.test", name: "Ada Admin", isAdmin: true });
  olive = await makeUser(t.db, { email: "olive@contest-a.test", name: "Olive Organiser" });
  otto = await makeUser(t.db, { email: "otto@contest-b.test", name: "Otto Organiser" });
  jude = await makeUser(t.db, { email: "jude@judges.test", name: "Jude Judge" });
  fay = await makeUser(t.db, { email: "fay@founders.test", name: "Fay Founder" });
  contestA = (await makeContest(t.db, "contest-a")).id;
  contestB = (await makeContest(t.db, "contest-b")).id;
  await grantRole(t.db, contestA, olive.id, "organiser");
  await grantRole(t.db, contestB, otto.id, "organiser");
  await grantRole(t.db, contestA, jude.id, "judge");
  const team = await insertTeam(t.db, { name: "Fay's team" });
  await insertMember(t.db, team.id, fay.id, "lead");

  // Contest A. a1 is 23:59 on 1 March in Singapore, a2 00:00 on 2 March.
  await record("a1", {
    at: "2026-03-01T15:59:00.000Z",
    actorUserId: olive.id,
    action: "contest.settings_updated",
    subjectType: "contest",
    subjectId: contestA,
    contestId: contestA,
    ip: "203.0.113.5",
  });
  await record("a2", {
    at: "2026-03-01T16:00:00.000Z",
    actorUserId: fay.id,
    action: "entry.registered",
    subjectType: "entry",
    subjectId: 11,
    contestId: contestA,
  });
  await record("a3", {
    at: "2026-03-02T09:00:00.000Z",
    actorUserId: fay.id,
    action: "entry.withdrawn",
    subjectType: "entry",
    subjectId: 11,
    contestId: contestA,
    before: { status: "registered", version: 1 },
    after: { status: "withdrawn", version: 2 },
  });
  await record("a4", {
    at: "2026-03-03T10:00:00.000Z",
    actorUserId: jude.id,
    action: "review.submitted",
    subjectType: "assignment",
    subjectId: 5,
    contestId: contestA,
  });
  await record("a5", {
    at: "2026-03-04T10:00:00.000Z",
    actorUserId: null,
    action: "checkin.reminder_sent",
    subjectType: "cohort",
    subjectId: 2,
    contestId: contestA,
  });
  await record("a6", {
    at: "2026-03-05T10:00:00.000Z",
    actorUserId: olive.id,
    action: "entry.restored",
    subjectType: "entry",
    subjectId: 12,
    contestId: contestA,
  });
  // Contest B.
  await record("b1", {
    at: "2026-03-02T10:00:00.000Z",
    actorUserId: otto.id,
    action: "contest.settings_updated",
    subjectType: "contest",
    subjectId: contestB,
    contestId: contestB,
  });
  await record("b2", {
    at: "2026-03-03T10:00:00.000Z",
    actorUserId: fay.id,
    action: "entry.registered",
    subjectType: "entry",
    subjectId: 21,
    contestId: contestB,
  });
  // The platform: no contest.
  await record("p1", {
    at: "2026-03-02T11:00:00.000Z",
    actorUserId: fay.id,
    action: "user.sign_in",
    subjectType: "user",
    subjectId: fay.id,
    ip: "198.51.100.7",
  });
  await record("p2", {
    at: "2026-03-02T12:00:00.000Z",
    actorUserId: null,
    action: "user.sign_in_failed",
    subjectType: "user",
    subjectId: olive.id,
  });
});

afterEach(async () => {
  await t.cleanup();
});

const names = (rowIds: number[]) => rowIds.map((id) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? `#${id}`);

async function cookieFor(user: User): Promise<string> {
  const session = await createSession(t.db, user.id, new Date());
  return (await serializeSessionCookie(session.token, new Date(session.session.created_at))).split(";")[0]!;
}

async function request(path: string, as: User | null): Promise<Request> {
  return new Request(`${BASE}${path}`, { headers: as ? { Cookie: await cookieFor(as) } : {} });
}

/** What a loader answers: its data, or the Response it threw (a redirect or a 403). */
async function answer<T>(run: () => Promise<T>): Promise<{ data: T; thrown: null } | { data: null; thrown: Response }> {
  try {
    return { data: await run(), thrown: null };
  } catch (error) {
    if (error instanceof Response) return { data: null, thrown: error };
    throw error;
  }
}

const contestPage = async (as: User | null, search = "", contestId = contestA) =>
  answer(async () =>
    contestRoute.loader({
      request: await request(`/manage/${contestId}/audit${search}`, as),
      context,
      params: { contestId: String(contestId) },
    }),
  );
const adminPage = async (as: User | null, search = "") =>
  answer(async () => adminRoute.loader({ request: await request(`/admin/audit${search}`, as), context, params: {} }));

async function page(as: User, scope: AuditScope, search: string, options: { db?: Kysely<Database>; pageSize?: number } = {}) {
  const ctx: ServiceContext = await makeCtx(options.db ?? t.db, as);
  const result = await auditLogPage(ctx, scope, parseAuditQuery(new URLSearchParams(search)), ZONE, options.pageSize);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}
const seen = async (as: User, scope: AuditScope, search = "") => names((await page(as, scope, search)).rows.map((r) => r.id));

describe("who sees which events", () => {
  it("an organiser sees their contest's events only, newest first", async () => {
    const { data } = await contestPage(olive);
    expect(names(data!.log.rows.map((r) => r.id))).toEqual(["a6", "a5", "a4", "a3", "a2", "a1"]);
    expect(data!.log.actions).toEqual([
      "checkin.reminder_sent",
      "contest.settings_updated",
      "entry.registered",
      "entry.restored",
      "entry.withdrawn",
      "review.submitted",
    ]);
    expect(data!.log.subjectTypes).toEqual(["assignment", "cohort", "contest", "entry"]);
    const withdrawn = data!.log.rows.find((r) => r.id === ids.a3)!;
    expect(withdrawn.actor).toEqual({ id: fay.id, name: "Fay Founder", email: "fay@founders.test" });
    expect(withdrawn.changes).toEqual([
      { field: "status", before: '"registered"', after: '"withdrawn"' },
      { field: "version", before: "1", after: "2" },
    ]);
    expect(data!.log.rows.find((r) => r.id === ids.a5)!.actor).toBeNull();
  });

  it("an organiser of another contest, a judge, a founder are refused; a visitor is sent to sign in", async () => {
    for (const who of [otto, jude, fay]) {
      const { thrown } = await contestPage(who);
      expect(thrown?.status, who.email).toBe(403);
    }
    const { thrown } = await contestPage(null, "?action=entry.withdrawn");
    expect(thrown?.status).toBe(302);
    expect(thrown?.headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/manage/${contestA}/audit?action=entry.withdrawn`)}`,
    );
    // The service holds the same line whoever calls it.
    const asOtto = await auditLogPage(await makeCtx(t.db, otto), { contestId: contestA }, {}, ZONE);
    expect(asOtto.ok).toBe(false);
    const asJude = await auditLogPage(await makeCtx(t.db, jude), { contestId: contestA }, {}, ZONE);
    expect(asJude.ok).toBe(false);
  });

  it("the platform log is for admins only and holds everything", async () => {
    const { data } = await adminPage(admin);
    // a4 and b2 share an instant: the later-written one comes first.
    expect(names(data!.rows.map((r) => r.id))).toEqual(["a6", "a5", "b2", "a4", "p2", "p1", "b1", "a3", "a2", "a1"]);
    expect(data!.rows.find((r) => r.id === ids.p1)!.contest).toBeNull();
    expect(data!.rows.find((r) => r.id === ids.b1)!.contest).toEqual({ id: contestB, name: { en: "Contest contest-b" } });
    for (const who of [olive, otto, jude, fay]) expect((await adminPage(who)).thrown?.status, who.email).toBe(403);
    expect((await adminPage(null)).thrown?.status).toBe(302);
    expect((await auditLogPage(await makeCtx(t.db, olive), { platform: true }, {}, ZONE)).ok).toBe(false);
    expect((await auditLogPage(await makeCtx(t.db, null), { platform: true }, {}, ZONE)).ok).toBe(false);
  });

  it("an admin may also read one contest's log", async () => {
    const { data } = await contestPage(admin, "", contestB);
    expect(names(data!.log.rows.map((r) => r.id))).toEqual(["b2", "b1"]);
  });

  it("has no action anywhere: nothing can edit or delete an event through the app", () => {
    for (const route of [contestRoute, adminRoute, contestExportRoute, adminExportRoute]) {
      expect(route).not.toHaveProperty("action");
    }
  });
});

describe("filters", () => {
  const inA: AuditScope = { contestId: 0 };
  beforeEach(() => {
    inA.contestId = contestA;
  });

  it("by action", async () => {
    expect(await seen(olive, inA, "action=entry.withdrawn")).toEqual(["a3"]);
    expect(await seen(olive, inA, "action=user.sign_in")).toEqual([]);
    expect(await seen(admin, { platform: true }, "action=entry.registered")).toEqual(["b2", "a2"]);
  });

  it("by actor: an email or its beginning, in any case", async () => {
    expect(await seen(olive, inA, "actor=fay%40founders.test")).toEqual(["a3", "a2"]);
    expect(await seen(olive, inA, "actor=FAY%40")).toEqual(["a3", "a2"]);
    expect(await seen(olive, inA, "actor=o")).toEqual(["a6", "a1"]);
    expect(await seen(olive, inA, "actor=nobody%40example.org")).toEqual([]);
    // LIKE wildcards are plain characters here.
    expect(await seen(olive, inA, "actor=%25")).toEqual([]);
    expect(await seen(admin, { platform: true }, "actor=fay")).toEqual(["b2", "p1", "a3", "a2"]);
  });

  it("by subject type and id", async () => {
    expect(await seen(olive, inA, "subjectType=entry")).toEqual(["a6", "a3", "a2"]);
    expect(await seen(olive, inA, "subjectType=entry&subjectId=11")).toEqual(["a3", "a2"]);
    // An id alone names nothing (entry 11 is not user 11): no filter.
    expect(await seen(olive, inA, "subjectId=11")).toHaveLength(6);
    expect(await seen(admin, { platform: true }, `subjectType=user&subjectId=${olive.id}`)).toEqual(["p2"]);
  });

  it("by days in the viewer's time zone, both days included", async () => {
    // 2 March in Singapore starts at 16:00 UTC on 1 March: a2 is in it, a1 (a minute earlier) is not.
    expect(await seen(olive, inA, "from=2026-03-02")).toEqual(["a6", "a5", "a4", "a3", "a2"]);
    expect(await seen(olive, inA, "to=2026-03-01")).toEqual(["a1"]);
    expect(await seen(olive, inA, "from=2026-03-02&to=2026-03-02")).toEqual(["a3", "a2"]);
    expect(await seen(olive, inA, "from=2026-03-06")).toEqual([]);
    expect(await seen(olive, inA, "from=2026-03-05&to=2026-03-01")).toEqual([]);
  });

  it("combined, each narrows the others", async () => {
    expect(await seen(olive, inA, "actor=fay&action=entry.registered")).toEqual(["a2"]);
    expect(await seen(olive, inA, "actor=fay&subjectType=entry&from=2026-03-02&to=2026-03-02&action=entry.withdrawn")).toEqual([
      "a3",
    ]);
    expect(await seen(olive, inA, "actor=olive&subjectType=entry")).toEqual(["a6"]);
  });

  it("reach the page from the URL, and an unreadable value means no filter", async () => {
    const { data } = await contestPage(olive, "?action=entry.withdrawn&from=not-a-day");
    expect(names(data!.log.rows.map((r) => r.id))).toEqual(["a3"]);
    expect(data!.log.query).toEqual({ action: "entry.withdrawn" });
    expect(data!.log.filtered).toBe(true);
    expect(data!.log.csvHref).toBe(`/manage/${contestA}/audit/export?action=entry.withdrawn`);
  });
});

describe("paging", () => {
  it("walks every event exactly once, 50 at a time, ordered by time then id, however they were inserted", async () => {
    const contestC = (await makeContest(t.db, "contest-c")).id;
    await grantRole(t.db, contestC, olive.id, "organiser");
    // 120 events over 60 instants (two per instant), written out of time order.
    const written: Array<{ at: string; n: number }> = [];
    for (let n = 0; n < 120; n++) {
      const minute = (n * 37) % 60;
      written.push({ at: new Date(Date.UTC(2026, 3, 1, 8, minute)).toISOString(), n });
    }
    for (const w of written) {
      await audit(t.db, {
        actorUserId: olive.id,
        action: "track.updated",
        subjectType: "track",
        subjectId: w.n,
        contestId: contestC,
        now: new Date(w.at),
      });
    }
    const all = await t.db
      .selectFrom("audit_events")
      .select(["id", "created_at"])
      .where("contest_id", "=", contestC)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    expect(all).toHaveLength(120);

    const pages: number[][] = [];
    let url: string | null = `/manage/${contestC}/audit`;
    const cursors: string[] = [];
    while (url) {
      const visit = await answer(async () =>
        contestRoute.loader({ request: await request(url!, olive), context, params: { contestId: String(contestC) } }),
      );
      const log = visit.data!.log;
      pages.push(log.rows.map((r) => r.id));
      if (log.nextCursor) cursors.push(log.nextCursor);
      url = log.nextHref;
      if (pages.length > 1) expect(log.firstHref).toBe(`/manage/${contestC}/audit`);
    }
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(all.map((r) => r.id));

    // A new event arrives while someone reads page 2: page 2 stays exactly as it was.
    await audit(t.db, {
      actorUserId: olive.id,
      action: "track.created",
      subjectType: "track",
      subjectId: 999,
      contestId: contestC,
      now: new Date("2026-04-02T00:00:00.000Z"),
    });
    const again = await page(olive, { contestId: contestC }, `before=${encodeURIComponent(cursors[0]!)}`);
    expect(again.rows.map((r) => r.id)).toEqual(pages[1]);
    const first = await page(olive, { contestId: contestC }, "");
    expect(first.rows[0]!.subjectId).toBe("999");
  });

  it("keeps the filters on the next page's link", async () => {
    const { data } = await contestPage(olive, "?subjectType=entry");
    expect(data!.log.nextHref).toBeNull();
    const small = await page(olive, { contestId: contestA }, "subjectType=entry", { pageSize: 2 });
    expect(names(small.rows.map((r) => r.id))).toEqual(["a6", "a3"]);
    const rest = await page(olive, { contestId: contestA }, `subjectType=entry&before=${encodeURIComponent(small.nextCursor!)}`, {
      pageSize: 2,
    });
    expect(names(rest.rows.map((r) => r.id))).toEqual(["a2"]);
    expect(rest.nextCursor).toBeNull();
  });
});

describe("the log cannot be changed", () => {
  it("refuses UPDATE and DELETE in SQL, whoever runs it", async () => {
    const before = await t.db.selectFrom("audit_events").selectAll().orderBy("id").execute();
    await expect(sql`update audit_events set action = 'tampered' where id = ${ids.a3!}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.updateTable("audit_events").set({ before_json: null }).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where id = ${ids.a3!}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
    expect(await t.db.selectFrom("audit_events").selectAll().orderBy("id").execute()).toEqual(before);
    const triggers = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_events' order by name`.execute(t.db);
    expect(triggers.rows.map((r) => r.name)).toEqual(["audit_events_no_delete", "audit_events_no_update"]);
  });
});

describe("the page", () => {
  async function render(as: User, url: string) {
    const headers = new Headers({ Cookie: await cookieFor(as) });
    const handler = createStaticHandler([
      {
        id: "page",
        path: "/manage/:contestId/audit",
        loader: contestRoute.loader as never,
        Component: contestRoute.default as ComponentType,
      },
    ]);
    const ctx = await handler.query(new Request(`${BASE}${url}`, { headers }), { requestContext: context });
    if (ctx instanceof Response) throw new Error(`unexpected ${ctx.status}`);
    const i18n = await createRenderI18n("en");
    return renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(StaticRouterProvider, {
          router: createStaticRouter(handler.dataRoutes, ctx),
          context: ctx,
          hydrate: false,
        }),
      ),
    );
  }

  it("shows recorded text as text: markup in a payload, an action or an address never becomes HTML", async () => {
    await record("x1", {
      at: "2026-03-06T00:00:00.000Z",
      actorUserId: olive.id,
      action: "<b>bold</b>",
      subjectType: "entry",
      subjectId: "<i>7</i>",
      contestId: contestA,
      ip: "<svg onload=alert(2)>",
      before: { name: "<script>alert('x')</script>" },
      after: { name: "<img src=x onerror=alert(1)>" },
    });
    const html = await render(olive, `/manage/${contestA}/audit`);
    for (const raw of ["<script>alert", "<img src=x", "<b>bold", "<svg", "<i>7"]) expect(html).not.toContain(raw);
    expect(html).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(html).toContain("&lt;svg onload=alert(2)&gt;");
  });

  it("reads like the log: the viewer's time and UTC, who, a label with its code, the changes, the system", async () => {
    await record("x2", {
      at: "2026-03-06T01:00:00.000Z",
      actorUserId: null,
      action: "entry.teleported",
      subjectType: "warp_gate",
      subjectId: 3,
      contestId: contestA,
    });
    const html = await render(olive, `/manage/${contestA}/audit`);
    expect(html).toContain('<time dateTime="2026-03-02T09:00:00.000Z">');
    expect(html).toContain("2026-03-02T09:00:00.000Z");
    // 09:00 UTC is 17:00 in Singapore.
    expect(html).toMatch(/Mar 2, 2026, 05:00\s?PM GMT\+8/);
    expect(html).toContain("Fay Founder");
    expect(html).toContain("fay@founders.test");
    expect(html).toContain("Entry withdrawn");
    expect(html).toContain('<code class="small">entry.withdrawn</code>');
    expect(html).toContain("Changed: status, version");
    expect(html).toContain("203.0.113.5");
    expect(html).toContain("System");
    // An action and a subject type the catalog does not know read as their codes.
    expect(html).toContain("entry.teleported");
    expect(html).toContain("warp_gate #3");
    expect(html).toContain(`href="/manage/${contestA}/audit/export"`);
    expect(html).not.toMatch(/method="post"/i);
  });
});

describe("CSV export", () => {
  async function download(
    route: typeof contestExportRoute | typeof adminExportRoute,
    path: string,
    as: User | null,
    contestId?: number,
  ) {
    return answer(async () =>
      route.loader({ request: await request(path, as), context, params: contestId ? { contestId: String(contestId) } : {} }),
    );
  }

  it("gives the filtered events, formula-safe, and records that a copy was taken", async () => {
    const mallory = await makeUser(t.db, { email: "mallory@formula.test", name: '=HYPERLINK("http://evil.test","x")' });
    await record("m1", {
      at: "2026-03-06T00:00:00.000Z",
      actorUserId: mallory.id,
      action: "entry.updated",
      subjectType: "entry",
      subjectId: 11,
      contestId: contestA,
      after: { pitch: "+1 555" },
    });
    const { data: response } = await download(
      contestExportRoute,
      `/manage/${contestA}/audit/export?actor=mallory`,
      olive,
      contestA,
    );
    expect(response!.status).toBe(200);
    expect(response!.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response!.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^attachment; filename="contest-${contestA}-audit-log-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const bytes = new Uint8Array(await response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "Time (UTC)",
      "Name",
      "Email",
      "Action",
      "Action code",
      "Subject type",
      "Subject ID",
      "IP address",
      "Before (JSON)",
      "After (JSON)",
    ]);
    expect(rows.slice(1)).toEqual([
      [
        "2026-03-06T00:00:00.000Z",
        `'=HYPERLINK("http://evil.test","x")`,
        "mallory@formula.test",
        "Entry updated",
        "entry.updated",
        "entry",
        "11",
        "",
        "",
        '{"pitch":"+1 555"}',
      ],
    ]);
    const exported = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "audit.exported").execute();
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      actor_user_id: olive.id,
      contest_id: contestA,
      subject_type: "audit_log",
      ip: "127.0.0.1",
    });
    expect(JSON.parse(exported[0]!.after_json!)).toEqual({ format: "csv", filters: "actor=mallory" });
  });

  it("the admin's export spans the platform and names each contest", async () => {
    const { data: response } = await download(adminExportRoute, "/admin/audit/export?actor=fay", admin);
    const rows = parseCsv(await response!.text());
    expect(rows[0]).toContain("Contest");
    expect(rows.slice(1).map((r) => [r[4], r[7]])).toEqual([
      ["entry.registered", "Contest contest-b"],
      ["user.sign_in", ""],
      ["entry.withdrawn", "Contest contest-a"],
      ["entry.registered", "Contest contest-a"],
    ]);
  });

  it("is refused like the page", async () => {
    for (const who of [otto, jude, fay]) {
      expect((await download(contestExportRoute, `/manage/${contestA}/audit/export`, who, contestA)).thrown?.status).toBe(403);
    }
    expect((await download(contestExportRoute, `/manage/${contestA}/audit/export`, null, contestA)).thrown?.status).toBe(302);
    expect((await download(adminExportRoute, "/admin/audit/export", olive)).thrown?.status).toBe(403);
    expect(await t.db.selectFrom("audit_events").select("id").where("action", "=", "audit.exported").execute()).toEqual([]);
  });
});

describe("query plans", () => {
  /** Every statement the viewer runs, on a second connection that records them. */
  async function statementsOf(as: User, scope: AuditScope, search: string) {
    const captured: CompiledQuery[] = [];
    const sqlite = new SQLite(t.file);
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === "query") captured.push(event.query);
      },
    });
    try {
      await page(as, scope, search, { db });
      return captured.map((query) => ({
        sql: query.sql,
        plan: (
          sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>
        ).map((row) => row.detail),
      }));
    } finally {
      await db.destroy();
    }
  }

  const BIG = ["a", "audit_events", "u", "users"];

  /**
   * The plan lines that read the audit log (or the users) from end to end: a SCAN, or a SEARCH with
   * no constraint (SQLite names a full pass that way for min() without an index). Two exceptions,
   * each allowed only where it is asked for: the platform's unfiltered page walks the time index in
   * order with no sort and stops at the page's size; the platform's min() over a whole index is
   * one seek to its first entry.
   */
  function walks(
    statement: { sql: string; plan: string[] },
    allow: { orderedWalk?: boolean; firstEntry?: boolean } = {},
  ): string[] {
    const sorted = statement.plan.some((line) => line.includes("TEMP B-TREE"));
    return statement.plan.filter((line) => {
      const scan = /^SCAN (\w+)(.*)$/.exec(line);
      if (scan && BIG.includes(scan[1]!)) {
        const ordered =
          /^ USING (COVERING )?INDEX audit_events_created$/.test(scan[2]!) && !sorted && /\blimit\b/i.test(statement.sql);
        return !(allow.orderedWalk && ordered);
      }
      const search = /^SEARCH (\w+)( USING (COVERING )?INDEX \w+)?$/.exec(line);
      if (search && BIG.includes(search[1]!)) return !(allow.firstEntry && search[2] && /\bmin\(/i.test(statement.sql));
      return false;
    });
  }

  const searches = [
    "",
    "action=entry.withdrawn",
    "actor=fay",
    "subjectType=entry",
    "subjectType=entry&subjectId=11",
    "from=2026-03-02&to=2026-03-03",
    "action=entry.registered&actor=fay&from=2026-03-01",
    "before=2026-03-02T09%3A00%3A00.000Z_3",
  ];

  it("sees a walk when there is one (the check itself works)", () => {
    const walk = { sql: "select 1 limit 5", plan: ["SCAN a USING INDEX audit_events_created"] };
    expect(walks({ sql: "select 1", plan: ["SCAN a"] })).toEqual(["SCAN a"]);
    expect(walks(walk)).toHaveLength(1);
    expect(walks(walk, { orderedWalk: true })).toEqual([]);
    expect(walks({ ...walk, plan: [...walk.plan, "USE TEMP B-TREE FOR ORDER BY"] }, { orderedWalk: true })).toHaveLength(1);
    expect(walks({ sql: "select 1", plan: ["SCAN u USING COVERING INDEX users_email_unique"] })).toHaveLength(1);
    expect(walks({ sql: "select min(action)", plan: ["SEARCH audit_events"] }, { firstEntry: true })).toHaveLength(1);
    const first = { sql: "select min(action)", plan: ["SEARCH audit_events USING COVERING INDEX audit_events_action_time"] };
    expect(walks(first)).toHaveLength(1);
    expect(walks(first, { firstEntry: true })).toEqual([]);
    expect(walks({ sql: "x", plan: ["SEARCH a USING INDEX audit_events_contest_time (contest_id=?)"] })).toEqual([]);
  });

  it.each(searches)("a contest's log: %s", async (search) => {
    const statements = await statementsOf(olive, { contestId: contestA }, search);
    expect(statements.length).toBeGreaterThanOrEqual(3);
    expect(statements.flatMap((s) => walks(s).map((line) => `${line}\n    in: ${s.sql}`))).toEqual([]);
  });

  it.each(searches)("the platform's log: %s", async (search) => {
    const statements = await statementsOf(admin, { platform: true }, search);
    expect(statements.length).toBeGreaterThanOrEqual(3);
    const allow = { orderedWalk: search === "", firstEntry: true };
    expect(statements.flatMap((s) => walks(s, allow).map((line) => `${line}\n    in: ${s.sql}`))).toEqual([]);
  });

  it("the contest's newest page is read in index order, with no sort", async () => {
    const [list] = (await statementsOf(olive, { contestId: contestA }, "")).filter((s) => s.sql.includes("left join"));
    expect(list!.plan.join(" | ")).toMatch(/SEARCH a USING INDEX audit_events_contest_(action_)?time \(contest_id=\?\)/);
    expect(list!.plan.join(" | ")).not.toContain("TEMP B-TREE");
  });
});
