// The live roadshow's pages called as Remix calls them: organiser-only pages refuse judges and
// founders, the event stream refuses outsiders and sends a first event, the phone's score route
// acknowledges a resend, the desk steps the show, and the score sheet downloads as guarded CSV.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as roundAction } from "#app/routes/manage.$contestId.rounds.$roundId";
import { action as setupAction, loader as setupLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.roadshow";
import { action as deskAction, loader as deskLoader } from "#app/routes/manage.$contestId.roadshow.$sessionId";
import { loader as sheetLoader } from "#app/routes/manage.$contestId.roadshow.$sessionId_.sheet.$slotId";
import { loader as csvLoader } from "#app/routes/manage.$contestId.roadshow.$sessionId_.sheet.$slotId[.]csv";
import { loader as phoneLoader } from "#app/routes/roadshow.$sessionId";
import { loader as eventsLoader } from "#app/routes/roadshow.$sessionId_.events";
import { action as scoreAction } from "#app/routes/roadshow.$sessionId_.score";
import { loader as screenLoader } from "#app/routes/roadshow.$sessionId_.screen";
import { roadshowFingerprint } from "#app/services/roadshow.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import type { User } from "#db/schema";
import { outcome, signInCookie as cookieOf } from "#tests/support/routes";

let t: TestDb;
let organiser: User;
let founder: User;
let judges: User[];
let outsider: User;
let contestId: number;
let roundId: number;
let criteria: [number, number];
let entries: number[];

const context = { cspNonce: "test", clientIp: "127.0.0.1" };
const BASE = "http://localhost:3999";

function post(url: string, fields: Record<string, string> | URLSearchParams, cookie: string, accept?: string) {
  return new Request(`${BASE}${url}`, {
    method: "POST",
    body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: BASE,
      Cookie: cookie,
      ...(accept ? { Accept: accept } : {}),
    },
  });
}
const get = (url: string, cookie: string, signal?: AbortSignal) =>
  new Request(`${BASE}${url}`, { headers: { Cookie: cookie }, ...(signal ? { signal } : {}) });
beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  const track = await insertTrack(t.db, contestId);
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId, { method: "trimmed_mean" }));
  judges = [await makeSignedJudge(t.db, contestId, "=HYPERLINK(1)"), await makeSignedJudge(t.db, contestId, "Bao")];
  outsider = await makeSignedJudge(t.db, contestId, "Outsider");
  founder = await makeUser(t.db);
  entries = [];
  for (const name of ["Alpha Foods", "Beta Grid"]) {
    const team = await insertTeam(t.db, { name });
    await insertMember(t.db, team.id, founder.id, "lead");
    entries.push((await insertEntry(t.db, { contestId, teamId: team.id, trackId: track.id })).id);
  }
});
afterEach(async () => {
  await t.cleanup();
});

/** The organiser creates a session through the setup page: Beta Grid first, then Alpha Foods. */
async function createSession(cookie: string): Promise<number> {
  const form = new URLSearchParams();
  for (const id of entries) form.append("entry", String(id));
  form.set(`position.${entries[0]}`, "2");
  form.set(`position.${entries[1]}`, "1");
  for (const judge of judges) form.append("judge", String(judge.id));
  const response = (await setupAction({
    request: post(`/manage/${contestId}/rounds/${roundId}/roadshow`, form, cookie),
    context,
    params: { contestId: String(contestId), roundId: String(roundId) },
  })) as Response;
  expect(response.status).toBe(302);
  const match = /\/roadshow\/(\d+)$/.exec(response.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

async function step(cookie: string, sessionId: number, name: string) {
  return outcome(() =>
    deskAction({
      request: post(`/manage/${contestId}/roadshow/${sessionId}`, { step: name }, cookie),
      context,
      params: { contestId: String(contestId), sessionId: String(sessionId) },
    }),
  );
}

async function assignmentOf(judge: User, entryId: number) {
  const row = await t.db
    .selectFrom("assignments")
    .select("id")
    .where("judge_id", "=", judge.id)
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function sendScore(judge: User, cookie: string, sessionId: number, values: [number, number], key: string, accept?: string) {
  return scoreAction({
    request: post(
      `/roadshow/${sessionId}/score`,
      {
        assignmentId: String(await assignmentOf(judge, entries[1]!)),
        version: "0",
        submitKey: key,
        [`score.${criteria[0]}`]: String(values[0]),
        [`score.${criteria[1]}`]: String(values[1]),
      },
      cookie,
      accept,
    ),
    context,
    params: { sessionId: String(sessionId) },
  });
}

describe("roadshow pages", () => {
  it("keep the organisers' pages from judges and founders", async () => {
    const organiserCookie = await cookieOf(organiser);
    const sessionId = await createSession(organiserCookie);
    const slots = await t.db.selectFrom("roadshow_slots").selectAll().orderBy("position").execute();
    expect(slots.map((s) => s.entry_id)).toEqual([entries[1], entries[0]]);
    const params = {
      contestId: String(contestId),
      roundId: String(roundId),
      sessionId: String(sessionId),
      slotId: String(slots[0]!.id),
    };
    const pages = [
      () => setupLoader({ request: get(`/manage/${contestId}/rounds/${roundId}/roadshow`, cookie), context, params }),
      () => deskLoader({ request: get(`/manage/${contestId}/roadshow/${sessionId}`, cookie), context, params }),
      () => screenLoader({ request: get(`/roadshow/${sessionId}/screen`, cookie), context, params }),
      () => sheetLoader({ request: get(`/manage/${contestId}/roadshow/${sessionId}/sheet/1`, cookie), context, params }),
      () => csvLoader({ request: get(`/manage/${contestId}/roadshow/${sessionId}/sheet/1.csv`, cookie), context, params }),
    ];
    let cookie = organiserCookie;
    for (const page of pages) expect((await outcome(page)).status).toBe(200);
    for (const user of [judges[0]!, founder]) {
      cookie = await cookieOf(user);
      for (const page of pages) expect([403, 404]).toContain((await outcome(page)).status);
    }
    // A step from a judge changes nothing.
    const judgeCookie = await cookieOf(judges[0]!);
    const before = await snapshot(t.db);
    expect([403, 404]).toContain((await step(judgeCookie, sessionId, "start")).status);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("refuses a session without a panel, and a step out of order", async () => {
    const cookie = await cookieOf(organiser);
    const before = await snapshot(t.db);
    const form = new URLSearchParams([["entry", String(entries[0])]]);
    const refused = await outcome(() =>
      setupAction({
        request: post(`/manage/${contestId}/rounds/${roundId}/roadshow`, form, cookie),
        context,
        params: { contestId: String(contestId), roundId: String(roundId) },
      }),
    );
    expect(refused).toEqual({ status: 400, value: { error: "roadshow_no_judges" } });
    expect(await snapshot(t.db)).toEqual(before);
    const sessionId = await createSession(cookie);
    expect(await step(cookie, sessionId, "pitch")).toEqual({ status: 409, value: { error: "roadshow_bad_step" } });
    expect((await step(cookie, sessionId, "start")).status).toBe(302);
    expect((await step(cookie, sessionId, "pitch")).status).toBe(302);
    const desk = (await deskLoader({
      request: get(`/manage/${contestId}/roadshow/${sessionId}`, cookie),
      context,
      params: { contestId: String(contestId), sessionId: String(sessionId) },
    })) as Awaited<ReturnType<typeof deskLoader>>;
    expect(desk.live.current).toMatchObject({ team: "Beta Grid", phase: "pitch" });
    expect(desk.secondsLeft).toBeGreaterThan(8 * 60 - 5);
  });

  it("streams events to the panel only: a first event at once, then one per change", async () => {
    const organiserCookie = await cookieOf(organiser);
    const sessionId = await createSession(organiserCookie);
    const params = { sessionId: String(sessionId) };
    for (const user of [outsider, founder]) {
      const refused = await outcome(async () =>
        eventsLoader({ request: get(`/roadshow/${sessionId}/events`, await cookieOf(user)), context, params }),
      );
      expect(refused.status).toBe(404);
    }
    const abort = new AbortController();
    const response = (await eventsLoader({
      request: get(`/roadshow/${sessionId}/events`, await cookieOf(judges[1]!), abort.signal),
      context,
      params,
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(first.value).toContain("event: change");
    expect(first.value).toContain(`data: ${await roadshowFingerprint(t.db, sessionId)}`);
    // The organiser starts the show: the stream tells the phone.
    expect((await step(organiserCookie, sessionId, "start")).status).toBe(302);
    const second = await reader.read();
    expect(second.value).toContain(`data: ${await roadshowFingerprint(t.db, sessionId)}`);
    abort.abort();
    expect((await reader.read()).done).toBe(true);
  });

  it("takes a phone's scores on stage, acknowledges a resend, and refuses them before the pitch", async () => {
    const organiserCookie = await cookieOf(organiser);
    const sessionId = await createSession(organiserCookie);
    await step(organiserCookie, sessionId, "start");
    const judgeCookie = await cookieOf(judges[0]!);
    const early = (await sendScore(judges[0]!, judgeCookie, sessionId, [5, 5], "phone-key-1", "application/json")) as Response;
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ ok: false, error: "roadshow_bad_step" });
    await step(organiserCookie, sessionId, "pitch");
    const phone = (await phoneLoader({
      request: get(`/roadshow/${sessionId}`, judgeCookie),
      context,
      params: { sessionId: String(sessionId) },
    })) as Awaited<ReturnType<typeof phoneLoader>>;
    expect(phone.review?.criteria.map((c) => c.id)).toEqual(criteria);
    for (let i = 0; i < 2; i++) {
      const sent = (await sendScore(judges[0]!, judgeCookie, sessionId, [10, 10], "phone-key-1", "application/json")) as Response;
      expect(sent.status).toBe(200);
      expect(await sent.json()).toEqual({ ok: true, error: null });
    }
    const other = (await sendScore(judges[0]!, judgeCookie, sessionId, [1, 1], "phone-key-2", "application/json")) as Response;
    expect(await other.json()).toEqual({ ok: false, error: "review_locked" });
    // Without JavaScript the form posts and comes back to the phone page.
    const plain = (await sendScore(judges[1]!, await cookieOf(judges[1]!), sessionId, [4, 6], "plain-key")) as Response;
    expect(plain.status).toBe(302);
    expect(plain.headers.get("Location")).toBe(`/roadshow/${sessionId}`);
    const reviews = await t.db.selectFrom("reviews").select(["status", "submit_key"]).orderBy("id").execute();
    expect(reviews).toEqual([
      { status: "submitted", submit_key: "phone-key-1" },
      { status: "submitted", submit_key: "plain-key" },
    ]);
  });

  it("downloads a closed finalist's score sheet as CSV with a BOM and formula-guarded cells", async () => {
    const organiserCookie = await cookieOf(organiser);
    const sessionId = await createSession(organiserCookie);
    for (const s of ["start", "scoring"]) await step(organiserCookie, sessionId, s);
    const scores: Array<[User, [number, number]]> = [
      [judges[0]!, [10, 10]],
      [judges[1]!, [4, 6]],
    ];
    for (const [judge, values] of scores) {
      const sent = (await sendScore(
        judge,
        await cookieOf(judge),
        sessionId,
        values,
        `phone-key-${judge.id}`,
        "application/json",
      )) as Response;
      expect(await sent.json()).toEqual({ ok: true, error: null });
    }
    expect((await step(organiserCookie, sessionId, "close")).status).toBe(302);
    const slot = await t.db.selectFrom("roadshow_slots").selectAll().where("position", "=", 1).executeTakeFirstOrThrow();
    expect(slot).toMatchObject({ phase: "closed", result: 75, judges_counted: 2 });
    const response = (await csvLoader({
      request: get(`/manage/${contestId}/roadshow/${sessionId}/sheet/${slot.id}.csv`, organiserCookie),
      context,
      params: { contestId: String(contestId), sessionId: String(sessionId), slotId: String(slot.id) },
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines[0]).toBe("Judge,pitch,market,Total (of 100)");
    expect(lines).toContain("'=HYPERLINK(1),10,10,100");
    expect(lines).toContain("Bao,4,6,50");
    expect(lines).toContain("Result,,,75");
    expect(lines).toContain("Method,Trimmed mean (drop the highest and lowest from 5 reviews)");
  });

  it("saves the round's method and pitch format, and refuses a format that does not read", async () => {
    const cookie = await cookieOf(organiser);
    const round = await t.db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
    const fields = (format: string) => ({
      intent: "update-round",
      version: String(round.version),
      "name.en": "Final roadshow",
      reviewOpensAt: "2020-02-02T08:00",
      reviewClosesAt: "2098-01-01T08:00",
      judgesPerEntry: "5",
      aggregationMethod: "median",
      pitchFormat: format,
    });
    const params = { contestId: String(contestId), roundId: String(roundId) };
    const before = await snapshot(t.db);
    const refused = await outcome(() =>
      roundAction({ request: post(`/manage/${contestId}/rounds/${roundId}`, fields("8-7"), cookie), context, params }),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.value)).toContain("roadshow.format_invalid");
    expect(await snapshot(t.db)).toEqual(before);
    const saved = await outcome(() =>
      roundAction({ request: post(`/manage/${contestId}/rounds/${roundId}`, fields("10 + 5"), cookie), context, params }),
    );
    expect(saved.status).toBe(302);
    const after = await t.db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ aggregation_method: "median", pitch_minutes: 10, qa_minutes: 5 });
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "round.updated")
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toContain('"method":"median"');
  });
});
