// The pages of published results, each loader run and its page rendered as Remix would (a static
// data router around the real route module): the public results (nothing before publication,
// winners without scores after, a correction's reason), a team's own results (its place in every
// language, criteria, anonymous feedback, certificates; closed to other teams and to strangers) and
// the public check of a certificate (valid, revoked, unknown, typed loosely).
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Language } from "#app/domain/locale";
import { createRenderI18n, getFixedT } from "#app/infra/i18n.server";
import { createSession, serializeSessionCookie } from "#app/infra/session.server";
import * as certificateRoute from "#app/routes/certificates.$code";
import * as certificatesIndexRoute from "#app/routes/certificates._index";
import * as contestRoute from "#app/routes/contests.$slug";
import * as resultsRoute from "#app/routes/contests.$slug_.results";
import * as entryResultsRoute from "#app/routes/entries.$entryId.results.$roundId";
import * as teamRoute from "#app/routes/teams.$teamId";
import { confirmAdvancement } from "#app/services/advancement.server";
import { createAward, grantAward, listRoundAwards, revokeGrant } from "#app/services/awards.server";
import { publishRound } from "#app/services/publication.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge, submitReview } from "#tests/support/judging";
import type { User } from "#db/schema";

const BASE = "http://localhost:3999";
const loadContext = { cspNonce: "test", clientIp: "127.0.0.1" };
const SLUG = "mekong-cup";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;
let criteria: [number, number];
let judges: User[];
let entries: Record<string, number>;
let teams: Record<string, number>;
let members: Record<string, User>;
let gold: number;

interface RouteModule {
  loader: (args: never) => Promise<unknown>;
  default: ComponentType;
}

interface Visit {
  status: number;
  location: string | null;
  html: string;
  data: unknown;
}

async function cookieFor(user: User): Promise<string> {
  const session = await createSession(t.db, user.id, new Date());
  return (await serializeSessionCookie(session.token, new Date(session.session.created_at))).split(";")[0]!;
}

/** GET `url` through one route module: its loader, then (unless it threw) its page in `language`. */
async function visit(
  route: RouteModule,
  pattern: string,
  url: string,
  options: { as?: User | null; language?: Language } = {},
): Promise<Visit> {
  const headers = new Headers();
  if (options.as) headers.set("Cookie", await cookieFor(options.as));
  const handler = createStaticHandler([{ id: "page", path: pattern, loader: route.loader as never, Component: route.default }]);
  const context = await handler.query(new Request(`${BASE}${url}`, { headers }), { requestContext: loadContext });
  if (context instanceof Response)
    return { status: context.status, location: context.headers.get("Location"), html: "", data: null };
  if (context.errors) return { status: context.statusCode, location: null, html: "", data: null };
  const i18n = await createRenderI18n(options.language ?? "en");
  const html = renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }),
    ),
  );
  return { status: context.statusCode, location: null, html, data: context.loaderData.page };
}

const publicPage = (options: { as?: User | null; language?: Language } = {}) =>
  visit(resultsRoute, "/contests/:slug/results", `/contests/${SLUG}/results`, options);
const contestPage = () => visit(contestRoute, "/contests/:slug", `/contests/${SLUG}`);
const teamResults = (code: string, as: User | null, language?: Language) =>
  visit(entryResultsRoute, "/entries/:entryId/results/:roundId", `/entries/${entries[code]}/results/${roundId}`, {
    as,
    language,
  });
const certificatePage = (code: string, as: User | null = null) =>
  visit(certificateRoute, "/certificates/:code", `/certificates/${encodeURIComponent(code)}`, { as });

/** Visible text, tags dropped, so assertions read like the page. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

async function score(j: number, code: string, scores: [number, number], feedback = "") {
  await submitReview(t.db, {
    roundId,
    entryId: entries[code]!,
    judge: judges[j]!,
    criteria,
    scores,
    feedback,
    note: "confidential: only organisers read this",
  });
}

async function publish(reason: string | null = null) {
  const published = await publishRound(await makeCtx(t.db, organiser), contestId, roundId, { reason });
  if (!published.ok) throw new Error(published.error.code);
}

async function certificatesOf(code: string) {
  return t.db.selectFrom("certificates").selectAll().where("entry_id", "=", entries[code]!).orderBy("id").execute();
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db, { name: "Olive Organiser" });
  contestId = (await makeContest(t.db, SLUG)).id;
  await t.db
    .updateTable("contests")
    .set({ state: "running", name_i18n: JSON.stringify({ en: "Mekong Cup", "zh-CN": "湄公杯" }), time_zone: "Asia/Bangkok" })
    .where("id", "=", contestId)
    .execute();
  await grantRole(t.db, contestId, organiser.id, "organiser");
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId, { method: "mean" }));
  const at = new Date().toISOString();
  await t.db
    .insertInto("rounds")
    .values({
      contest_id: contestId,
      position: 3,
      name_i18n: JSON.stringify({ en: "Grand final" }),
      created_at: at,
      updated_at: at,
    })
    .execute();
  const tech = await insertTrack(t.db, contestId, { en: "Tech" });
  const social = await insertTrack(t.db, contestId, { en: "Social" });
  entries = {};
  teams = {};
  members = {};
  for (const [code, trackId] of [
    ["T-A1", tech.id],
    ["T-A2", tech.id],
    ["T-A3", tech.id],
    ["T-B1", social.id],
    ["T-B2", social.id],
    ["T-B3", social.id],
  ] as const) {
    const team = await insertTeam(t.db, { name: `Team ${code}` });
    const member = await makeUser(t.db, { name: `Founder ${code}`, timeZone: "Asia/Singapore" });
    await insertMember(t.db, team.id, member.id, "lead");
    entries[code] = (await insertEntry(t.db, { contestId, teamId: team.id, trackId, code })).id;
    teams[code] = team.id;
    members[code] = member;
  }
  judges = [await makeSignedJudge(t.db, contestId, "Judge Harsh"), await makeSignedJudge(t.db, contestId, "Judge Kind")];
  // Tech: A1 90, A2 70, A3 50. Social: B1 80, B2 and B3 60 each (tied second).
  await score(0, "T-A1", [9, 9]);
  await score(1, "T-A1", [9, 9]);
  await score(0, "T-A2", [8, 6], "Market sizing is thin.");
  await score(1, "T-A2", [6, 8], "Strong team.");
  await score(0, "T-A3", [5, 5]);
  await score(1, "T-A3", [5, 5]);
  await score(0, "T-B1", [8, 8]);
  await score(1, "T-B1", [8, 8]);
  await score(0, "T-B2", [6, 6]);
  await score(1, "T-B2", [6, 6]);
  await score(0, "T-B3", [6, 6]);
  await score(1, "T-B3", [6, 6]);

  const org = await makeCtx(t.db, organiser);
  const goldAward = await createAward(org, contestId, roundId, { name: { en: "Gold", "zh-CN": "金奖" }, description: null });
  const impact = await createAward(org, contestId, roundId, {
    name: { en: "Best social impact" },
    description: { en: "For the entry that helps the most people" },
  });
  if (!goldAward.ok || !impact.ok) throw new Error("award not created");
  gold = goldAward.value.id;
  expect(
    (await grantAward(org, contestId, gold, { entryId: entries["T-A1"]!, citation: "A pitch the jury remembered" })).ok,
  ).toBe(true);
  expect((await grantAward(org, contestId, impact.value.id, { entryId: entries["T-B1"]! })).ok).toBe(true);
  // The best of each track goes on to the grand final.
  expect((await confirmAdvancement(org, contestId, roundId, { kind: "top", n: 1 })).ok).toBe(true);
});

afterEach(() => t.cleanup());

describe("the public results page", () => {
  it("says results will come before anything is published, and the contest page does not link to it", async () => {
    const page = await publicPage();
    expect(page.status).toBe(200);
    expect(text(page.html)).toContain("Results will appear here once the organisers publish them.");
    expect(text(page.html)).not.toContain("Gold");
    const contest = await contestPage();
    expect(contest.html).not.toContain(`/contests/${SLUG}/results`);
  });

  it("shows each award's winners and who went on, without any score, rank or feedback", async () => {
    await publish();
    const page = await publicPage();
    expect(page.status).toBe(200);
    const shown = text(page.html);
    expect(shown).toContain("Final roadshow");
    expect(shown).toMatch(/Published on .*2\d{3}/);
    expect(shown).toContain("Gold Team T-A1 — Tech");
    expect(page.html).toContain("<q>A pitch the jury remembered</q>");
    expect(shown).toContain("Best social impact For the entry that helps the most people Team T-B1 — Social");
    expect(shown).toContain("Teams going on to Grand final Tech Team T-A1 Social Team T-B1");
    for (const secret of ["T-A2", "T-A3", "T-B2", "90.0", "70.0", "Market sizing", "Judge Harsh", "confidential"])
      expect(shown).not.toContain(secret);
    expect(shown).not.toContain("Corrected results");

    const contest = await contestPage();
    expect(contest.html).toContain(`href="/contests/${SLUG}/results"`);
    expect(text(contest.html)).toContain("See the published results");
  });

  it("shows the correction and its reason when the latest version corrected the first", async () => {
    await publish();
    await publish("The Tech citation named the wrong team member");
    const shown = text((await publicPage()).html);
    expect(shown).toContain("Corrected results");
    expect(shown).toContain("(version 2)");
    expect(shown).toContain("Reason: The Tech citation named the wrong team member");
  });

  it("speaks the viewer's language and does not exist for a draft contest", async () => {
    await publish();
    const zh = await publicPage({ language: "zh-CN" });
    expect(text(zh.html)).toContain("湄公杯");
    expect(text(zh.html)).toContain("金奖");
    await t.db.updateTable("contests").set({ state: "draft" }).where("id", "=", contestId).execute();
    expect((await publicPage()).status).toBe(404);
  });
});

describe("a team's own results page", () => {
  it("sends a stranger to sign in and back", async () => {
    await publish();
    const page = await teamResults("T-A2", null);
    expect(page.status).toBe(302);
    expect(page.location).toBe(`/login?redirectTo=${encodeURIComponent(`/entries/${entries["T-A2"]}/results/${roundId}`)}`);
  });

  it("tells the team, not anyone else, that results are not published yet", async () => {
    const own = await teamResults("T-A2", members["T-A2"]!);
    expect(own.status).toBe(200);
    expect(text(own.html)).toContain("Results not published yet");
    expect(text(own.html)).not.toContain("70.0");
    expect((await teamResults("T-A2", members["T-B1"]!)).status).toBe(404);
  });

  it("shows the team its place, score, criteria against the track and the judges' words without names", async () => {
    await publish();
    const page = await teamResults("T-A2", members["T-A2"]!);
    expect(page.status).toBe(200);
    const shown = text(page.html);
    expect(shown).toContain("Results: Final roadshow");
    expect(shown).toContain("2nd of 3 in Tech");
    expect(shown).toContain("70.0 (method: Mean)");
    expect(shown).toContain("Did not advance to Grand final");
    // Track means: pitch (9 + 7 + 5) / 3 = 7.0, market (9 + 7 + 5) / 3 = 7.0; A2 has 7.0 on both.
    expect(shown).toContain("pitch 7.0 Same as the track 7.0 market");
    expect(page.html).toContain('<blockquote class="review-text">Market sizing is thin.</blockquote>');
    expect(page.html).toContain('<blockquote class="review-text">Strong team.</blockquote>');
    for (const secret of ["Judge Harsh", "Judge Kind", "confidential", "Team T-A1", "Team T-A3"])
      expect(shown).not.toContain(secret);
    // No award, so no certificates section.
    expect(shown).not.toContain("Certificates");
  });

  it("puts the difference in words and shows ties, and the winner's awards and certificates", async () => {
    await publish();
    const loser = text((await teamResults("T-A3", members["T-A3"]!)).html);
    expect(loser).toContain("3rd of 3 in Tech");
    // A3: 5.0 against the track's 7.0.
    expect(loser).toContain("pitch 5.0 2.0 below the track 7.0 market");

    expect(text((await teamResults("T-B3", members["T-B3"]!)).html)).toContain("Tied 2nd of 3 in Social");

    const winner = await teamResults("T-A1", members["T-A1"]!);
    const shown = text(winner.html);
    expect(shown).toContain("1st of 3 in Tech");
    expect(shown).toContain("Advanced to Grand final");
    expect(shown).toContain("pitch 9.0 2.0 above the track 7.0 market");
    expect(shown).toContain("Gold — A pitch the jury remembered");
    const [teamCert, memberCert] = await certificatesOf("T-A1");
    expect(teamCert!.user_id).toBeNull();
    for (const cert of [teamCert!, memberCert!]) {
      expect(winner.html).toContain(`href="/certificates/${cert.code}.pdf"`);
      expect(winner.html).toContain(`href="/certificates/${cert.code}"`);
    }
    expect(shown).toContain("Gold — The team Team T-A1");
    expect(shown).toMatch(/Gold — Founder T-A1 You/);
  });

  it("names the place correctly in every language", async () => {
    await publish();
    const expected: Record<Language, [string, string, string]> = {
      en: ["1st of 3 in Tech", "2nd of 3 in Tech", "Tied 2nd of 3 in Social"],
      "zh-CN": ["第 1 名（Tech，共 3 个参赛项目）", "第 2 名（Tech，共 3 个参赛项目）", "并列第 2 名（Social，共 3 个参赛项目）"],
      "zh-TW": ["第 1 名（Tech，共 3 件參賽作品）", "第 2 名（Tech，共 3 件參賽作品）", "並列第 2 名（Social，共 3 件參賽作品）"],
      id: [
        "Peringkat ke-1 dari 3 di kategori Tech",
        "Peringkat ke-2 dari 3 di kategori Tech",
        "Peringkat ke-2 (seri) dari 3 di kategori Social",
      ],
      ms: [
        "Tempat pertama daripada 3 dalam kategori Tech",
        "Tempat ke-2 daripada 3 dalam kategori Tech",
        "Tempat ke-2 (seri) daripada 3 dalam kategori Social",
      ],
      th: [
        "อันดับที่ 1 จาก 3 โครงการในสายการแข่งขัน Tech",
        "อันดับที่ 2 จาก 3 โครงการในสายการแข่งขัน Tech",
        "อันดับที่ 2 (ร่วม) จาก 3 โครงการในสายการแข่งขัน Social",
      ],
      vi: [
        "Hạng nhất trên 3 dự án dự thi của bảng Tech",
        "Hạng 2 trên 3 dự án dự thi của bảng Tech",
        "Đồng hạng 2 trên 3 dự án dự thi của bảng Social",
      ],
    };
    for (const [language, [first, second, tied]] of Object.entries(expected) as Array<[Language, [string, string, string]]>) {
      expect(text((await teamResults("T-A1", members["T-A1"]!, language)).html), language).toContain(first);
      expect(text((await teamResults("T-A2", members["T-A2"]!, language)).html), language).toContain(second);
      expect(text((await teamResults("T-B2", members["T-B2"]!, language)).html), language).toContain(tied);
    }
  });

  it("uses each language's ordinal forms beyond the first places", () => {
    const place = (language: Language, count: number) =>
      getFixedT(language)("published.rank", { count, ordinal: true, total: 30, track: "Tech" });
    expect([3, 4, 11, 12, 13, 21, 22, 23].map((n) => place("en", n).split(" ")[0])).toEqual([
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
    ]);
    expect(place("vi", 11)).toBe("Hạng 11 trên 30 dự án dự thi của bảng Tech");
    expect(place("ms", 11)).toBe("Tempat ke-11 daripada 30 dalam kategori Tech");
  });

  it("does not exist for another team or a judge", async () => {
    await publish();
    expect((await teamResults("T-A2", members["T-B1"]!)).status).toBe(404);
    expect((await teamResults("T-A2", judges[0]!)).status).toBe(404);
  });

  it("is linked from the team's page once the round is published", async () => {
    const teamPage = (code: string) => visit(teamRoute, "/teams/:teamId", `/teams/${teams[code]}`, { as: members[code]! });
    const link = (code: string) => `href="/entries/${entries[code]}/results/${roundId}"`;
    expect((await teamPage("T-A2")).html).not.toContain(link("T-A2"));
    await publish();
    const page = await teamPage("T-A2");
    expect(page.html).toContain(link("T-A2"));
    expect(text(page.html)).toContain("Results: Final roadshow");
  });
});

describe("the certificate check", () => {
  it("confirms a valid certificate to anyone, with a download for its holders only", async () => {
    await publish();
    const [, memberCert] = await certificatesOf("T-A1");
    const page = await certificatePage(memberCert!.code);
    expect(page.status).toBe(200);
    const shown = text(page.html);
    expect(shown).toContain("Valid certificate");
    expect(shown).toContain(`Code ${memberCert!.code}`);
    expect(shown).toContain("Award Gold");
    expect(shown).toContain("Awarded to Founder T-A1");
    expect(shown).toContain("Team Team T-A1");
    expect(shown).toContain("Round Final roadshow");
    expect(page.html).toContain(`href="/contests/${SLUG}/results"`);
    expect(shown).toMatch(/Issued .*GMT\+7/);
    expect(page.html).not.toContain(".pdf");

    const asMember = await certificatePage(memberCert!.code, members["T-A1"]!);
    expect(asMember.html).toContain(`href="/certificates/${memberCert!.code}.pdf"`);
    const asOrganiser = await certificatePage(memberCert!.code, organiser);
    expect(asOrganiser.html).toContain(`href="/certificates/${memberCert!.code}.pdf"`);
    const asOtherTeam = await certificatePage(memberCert!.code, members["T-B1"]!);
    expect(asOtherTeam.html).not.toContain(".pdf");

    const [teamCert] = await certificatesOf("T-A1");
    expect(text((await certificatePage(teamCert!.code)).html)).toContain("Awarded to The team");
  });

  it("says when a certificate was revoked by a correction", async () => {
    await publish();
    const [teamCert] = await certificatesOf("T-A1");
    const org = await makeCtx(t.db, organiser);
    const awards = await listRoundAwards(org, contestId, roundId);
    if (!awards.ok) throw new Error(awards.error.code);
    const grant = awards.value.awards.find((a) => a.id === gold)!.grants[0]!;
    expect((await revokeGrant(org, contestId, grant.id)).ok).toBe(true);
    await publish("Gold withdrawn after a rules check");

    const page = await certificatePage(teamCert!.code, members["T-A1"]!);
    expect(page.status).toBe(200);
    const shown = text(page.html);
    expect(shown).toContain("Revoked certificate");
    expect(shown).toMatch(/This certificate was revoked on .*GMT\+7\./);
    expect(shown).not.toContain("Valid certificate");
    // Nothing to download once revoked, even for its holder.
    expect(page.html).not.toContain(".pdf");
    // And the team's page no longer lists it.
    expect((await teamResults("T-A1", members["T-A1"]!)).html).not.toContain(teamCert!.code);
  });

  it("answers an unknown code with a 404 page that still has the form", async () => {
    await publish();
    const page = await certificatePage("TR-0000-0000");
    expect(page.status).toBe(404);
    expect(text(page.html)).toContain("No certificate has this code.");
    expect(page.html).toContain('name="code"');
    expect(page.html).toContain('value="TR-0000-0000"');
    expect(page.html).toMatch(/<label for="certificate-code">Certificate code<\/label>/);
    expect((await certificatePage("x".repeat(200))).status).toBe(404);
  });

  it("takes a code typed in lower case, with spaces, to its one address", async () => {
    await publish();
    const [cert] = await certificatesOf("T-B1");
    const loose = cert!.code.toLowerCase().replace(/-/g, " ");
    const typed = await certificatePage(loose);
    expect(typed).toMatchObject({ status: 302, location: `/certificates/${cert!.code}` });
    expect(await certificatePage(cert!.code.toLowerCase())).toMatchObject({
      status: 302,
      location: `/certificates/${cert!.code}`,
    });
    const landed = await certificatePage(cert!.code);
    expect(text(landed.html)).toContain("Valid certificate");
    expect(text(landed.html)).toContain("Award Best social impact");

    const fromForm = await visit(certificatesIndexRoute, "/certificates", `/certificates?code=${encodeURIComponent(loose)}`);
    expect(fromForm).toMatchObject({ status: 302, location: `/certificates/${cert!.code}` });
    const form = await visit(certificatesIndexRoute, "/certificates", "/certificates");
    expect(form.status).toBe(200);
    expect(form.html).toMatch(/<form method="get" action="\/certificates"/);
    expect(text(form.html)).toContain("Verify a certificate");
  });
});
