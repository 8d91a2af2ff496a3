// The heats page called as Remix calls it: the final's organiser adds a heat (field errors when the
// form is wrong, nothing stored), adds or invites a heat organiser and sets quotas through the action;
// the heat organiser's own page shows their heat's part; another heat's page and the final's are
// closed to them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as heatsAction, loader as heatsLoader } from "#app/routes/manage.$contestId.heats";
import type { User } from "#db/schema";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeUser } from "#tests/support/factories";
import { get, loadContext, outcome, post, signInCookie } from "#tests/support/routes";

let t: TestDb;
let organiser: User;
let finalId: number;
let cookie: string;

const page = (contestId: number) => `/manage/${contestId}/heats`;
const act = (contestId: number, fields: Record<string, string>, as = cookie) =>
  outcome(() =>
    heatsAction({ request: post(page(contestId), fields, as), context: loadContext(), params: { contestId: String(contestId) } }),
  );
const load = (contestId: number, as = cookie) =>
  outcome(() =>
    heatsLoader({ request: get(page(contestId), as), context: loadContext(), params: { contestId: String(contestId) } }),
  );
const heats = () => t.db.selectFrom("contests").selectAll().where("parent_contest_id", "=", finalId).orderBy("id").execute();

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  finalId = (await makeContest(t.db, "cup-final")).id;
  await insertTrack(t.db, finalId, { en: "Digital" });
  await grantRole(t.db, finalId, organiser.id, "organiser");
  cookie = await signInCookie(organiser);
});
afterEach(() => t.cleanup());

describe("the heats page", () => {
  it("adds a heat in several languages, and refuses a wrong form with field errors and nothing stored", async () => {
    const before = await snapshot(t.db);
    const bad = await act(finalId, { intent: "create", "name.th": "รอบไทย", slug: "X", timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    const errors = (bad.value as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors["name.en"]).toEqual(["required"]);
    expect(errors.slug).toEqual(["slug_invalid"]);
    expect(errors.timeZone).toEqual(["invalid_time_zone"]);
    expect(await snapshot(t.db)).toEqual(before);

    const done = await act(finalId, {
      intent: "create",
      "name.en": "Thailand heat",
      "name.th": "รอบคัดเลือกประเทศไทย",
      slug: "cup-thailand",
      timeZone: "Asia/Bangkok",
      country: "TH",
    });
    expect(done.status).toBe(302);
    const [heat] = await heats();
    expect(heat).toMatchObject({ slug: "cup-thailand", time_zone: "Asia/Bangkok", state: "draft", eligible_countries: '["TH"]' });
    expect(JSON.parse(heat!.name_i18n)).toEqual({ en: "Thailand heat", th: "รอบคัดเลือกประเทศไทย" });
    // The same address twice is refused on the field.
    const again = await act(finalId, { intent: "create", "name.en": "Again", slug: "cup-thailand", timeZone: "UTC" });
    expect(again.status).toBe(400);
    expect((again.value as { result: { error: Record<string, string[]> } }).result.error.slug).toEqual(["slug_taken"]);
  });

  it("gives a heat organiser their heat's page only", async () => {
    await act(finalId, { intent: "create", "name.en": "Viet Nam heat", slug: "cup-vn", timeZone: "Asia/Ho_Chi_Minh" });
    await act(finalId, { intent: "create", "name.en": "Indonesia heat", slug: "cup-id", timeZone: "Asia/Jakarta" });
    const [vn, id] = await heats();
    const heatOrganiser = await makeUser(t.db);
    const added = await act(finalId, { intent: "organiser", heatId: String(vn!.id), email: heatOrganiser.email });
    expect(added.status).toBe(302);
    // An address without an account is invited by email instead (tests/integration/heat-invitations.test.ts).
    const unknown = await act(finalId, { intent: "organiser", heatId: String(vn!.id), email: "nobody@example.org" });
    expect(unknown.status).toBe(302);
    expect(await t.db.selectFrom("heat_organiser_invitations").select(["heat_contest_id", "email", "status"]).execute()).toEqual([
      { heat_contest_id: vn!.id, email: "nobody@example.org", status: "pending" },
    ]);
    // The same account twice is refused on the field.
    const twice = await act(finalId, { intent: "organiser", heatId: String(vn!.id), email: heatOrganiser.email });
    expect((twice.value as { result: { error: Record<string, string[]> } }).result.error.email).toEqual([
      "heats.already_organiser",
    ]);

    const theirs = await signInCookie(heatOrganiser);
    const own = await load(vn!.id, theirs);
    expect(own.status).toBe(200);
    expect((own.value as { page: { role: string } }).page.role).toBe("heat");
    expect((await load(id!.id, theirs)).status).toBe(403);
    expect((await load(finalId, theirs)).status).toBe(403);
    const before = await snapshot(t.db);
    expect((await act(finalId, { intent: "quota", places: "5" }, theirs)).status).toBe(403);
    expect((await act(id!.id, { intent: "quota", places: "5" }, theirs)).status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);

    // The final's organiser sees both heats, and sets the quota.
    const finalPage = await load(finalId);
    expect((finalPage.value as { page: { heats: Array<{ slug: string }> } }).page.heats.map((h) => h.slug)).toEqual([
      "cup-vn",
      "cup-id",
    ]);
    expect((await act(finalId, { intent: "quota", places: "101" })).status).toBe(400);
    expect((await act(finalId, { intent: "quota", places: "2" })).status).toBe(302);
    expect(
      (await t.db.selectFrom("contests").select("heat_quota").where("id", "=", finalId).executeTakeFirstOrThrow()).heat_quota,
    ).toBe(2);
  });
});
