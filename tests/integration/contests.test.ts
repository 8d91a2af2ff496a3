// Organisers configure contests: creation, settings, states, tracks, rounds and materials, with
// every authorisation rule and bad input checked against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contestSettingsSchema, createContestSchema } from "#app/forms/contest";
import {
  changeContestState,
  createContest,
  getManagedContest,
  settingsFormValues,
  updateContestSettings,
} from "#app/services/contests.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { addMaterial, addRound, updateRound } from "#app/services/rounds.server";
import { addTrack, deleteTrack } from "#app/services/tracks.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let admin: User;
beforeEach(async () => {
  t = createTestDb();
  admin = await makeUser(t.db, { isAdmin: true });
});
afterEach(async () => {
  await t.cleanup();
});

const newContest = createContestSchema.parse({
  name: { en: "Mekong Startup Cup", "zh-CN": "湄公河创业杯" },
  slug: "mekong-2027",
  timeZone: "Asia/Bangkok",
});

async function organiserOfNewContest() {
  const result = await createContest(await makeCtx(t.db, admin), newContest);
  if (!result.ok) throw new Error(result.error.code);
  return result.value.id;
}

describe("creating a contest", () => {
  it("lets an admin create a draft with the default tracks and makes them its organiser", async () => {
    const id = await organiserOfNewContest();
    const contest = await getManagedContest(await makeCtx(t.db, admin), id);
    expect(contest.ok && contest.value).toMatchObject({
      state: "draft",
      slug: "mekong-2027",
      timeZone: "Asia/Bangkok",
      teamMin: 1,
      teamMax: 8,
    });
    if (contest.ok) expect(contest.value.eligibleCountries).toHaveLength(11);
    const { tracks } = await loadStructure(await makeCtx(t.db, admin), id);
    expect(tracks).toHaveLength(8);
    expect(tracks.at(-1)).toMatchObject({ womenLedOnly: true });
    expect(tracks[0]!.name["zh-CN"]).toBe("数字经济与人工智能");
    const roles = await t.db.selectFrom("contest_roles").selectAll().where("contest_id", "=", id).execute();
    expect(roles).toMatchObject([{ user_id: admin.id, role: "organiser" }]);
    const auditRows = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "contest.created").execute();
    expect(auditRows).toHaveLength(1);
  });

  it("refuses a founder, and a taken slug, changing nothing", async () => {
    await organiserOfNewContest();
    const founder = await makeUser(t.db);
    const before = await snapshot(t.db);
    expect(await createContest(await makeCtx(t.db, founder), { ...newContest, slug: "other" })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await createContest(await makeCtx(t.db, admin), newContest)).toEqual({
      ok: false,
      error: { code: "slug_taken", field: "slug" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("validates the slug and requires an English name", () => {
    expect(createContestSchema.safeParse({ name: { en: "" }, slug: "ok-slug", timeZone: "UTC" }).success).toBe(false);
    expect(createContestSchema.safeParse({ name: { en: "X" }, slug: "Bad Slug!", timeZone: "UTC" }).success).toBe(false);
    expect(createContestSchema.safeParse({ name: { en: "X" }, slug: "x", timeZone: "UTC" }).success).toBe(false);
  });
});

describe("settings", () => {
  function settings(contestView: Parameters<typeof settingsFormValues>[0], overrides: Record<string, unknown> = {}) {
    return contestSettingsSchema.parse({ ...settingsFormValues(contestView), ...overrides });
  }

  it("stores deadlines entered on the contest's clock in UTC, bumps the terms version when terms change, and audits", async () => {
    const id = await organiserOfNewContest();
    const ctx = await makeCtx(t.db, admin);
    const current = await getManagedContest(ctx, id);
    if (!current.ok) throw new Error("no contest");
    const saved = await updateContestSettings(
      ctx,
      id,
      settings(current.value, {
        registrationOpensAt: "2027-01-10T09:00",
        registrationClosesAt: "2027-03-01T18:00",
        terms: { en: "Be honest." },
        teamMin: 2,
        teamMax: 5,
        eligibleCountries: ["TH", "VN", "TH"],
      }),
    );
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value).toMatchObject({
      registrationOpensAt: "2027-01-10T02:00:00.000Z",
      registrationClosesAt: "2027-03-01T11:00:00.000Z",
      termsVersion: 2,
      teamMin: 2,
      teamMax: 5,
      eligibleCountries: ["TH", "VN"],
      version: current.value.version + 1,
    });
    const row = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "contest.settings_updated")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.before_json!).teamMin).toBe(1);
    expect(JSON.parse(row.after_json!).teamMin).toBe(2);
  });

  it("refuses a stale form, another contest's organiser, and bad numbers", async () => {
    const id = await organiserOfNewContest();
    const ctx = await makeCtx(t.db, admin);
    const current = await getManagedContest(ctx, id);
    if (!current.ok) throw new Error("no contest");
    await updateContestSettings(ctx, id, settings(current.value, { teamMax: 4 }));
    const otherOrganiser = await makeUser(t.db);
    const other = await makeContest(t.db, "contest-b");
    await grantRole(t.db, other.id, otherOrganiser.id, "organiser");
    const outsider = await makeCtx(t.db, otherOrganiser);

    const before = await snapshot(t.db);
    expect(await updateContestSettings(ctx, id, settings(current.value, { teamMax: 6 }))).toEqual({
      ok: false,
      error: { code: "changed_by_someone_else" },
    });
    expect(await updateContestSettings(outsider, id, settings(current.value))).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await getManagedContest(outsider, id)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(t.db)).toEqual(before);

    const bad = contestSettingsSchema.safeParse({
      ...settingsFormValues(current.value),
      teamMin: 5,
      teamMax: 3,
      eligibleCountries: [],
    });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const messages = bad.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
      expect(messages).toContain("eligibleCountries:countries_required");
    }
    const inverted = contestSettingsSchema.safeParse({ ...settingsFormValues(current.value), teamMin: 5, teamMax: 3 });
    expect(inverted.success ? [] : inverted.error.issues.map((i) => i.message)).toContain("team_max_below_min");
  });
});

describe("states", () => {
  it("opens registration, refuses a jump, and lets only organisers move it", async () => {
    const id = await organiserOfNewContest();
    const ctx = await makeCtx(t.db, admin);
    expect(await changeContestState(ctx, id, "finished")).toEqual({ ok: false, error: { code: "transition_not_allowed" } });
    expect(await changeContestState(ctx, id, "registration_open")).toEqual({ ok: true, value: { state: "registration_open" } });
    const judge = await makeUser(t.db);
    await grantRole(t.db, id, judge.id, "judge");
    expect(await changeContestState(await makeCtx(t.db, judge), id, "running")).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    const contest = await getManagedContest(ctx, id);
    expect(contest.ok && contest.value.nextStates).toEqual(["draft", "running"]);
  });
});

describe("tracks, rounds and materials", () => {
  it("adds and edits rounds with windows on the contest's clock, and materials with sensible limits", async () => {
    const id = await organiserOfNewContest();
    const ctx = await makeCtx(t.db, admin);
    const round = await addRound(ctx, id, {
      name: { en: "Preliminary online review" },
      submissionOpensAt: "2027-03-02T00:00",
      submissionClosesAt: "2027-03-31T23:59",
      reviewOpensAt: "2027-04-01T00:00",
      reviewClosesAt: "2027-04-15T23:59",
      blindReview: true,
      judgesPerEntry: 3,
    });
    expect(round.ok).toBe(true);
    if (!round.ok) return;
    expect(
      (
        await addMaterial(ctx, id, round.value.id, {
          kind: "pitch_deck",
          label: { en: "Pitch deck" },
          help: null,
          required: true,
          maxPages: 20,
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await addMaterial(ctx, id, round.value.id, {
          kind: "text_answer",
          label: { en: "What problem do you solve?" },
          help: null,
          required: false,
          maxPages: 5,
        })
      ).ok,
    ).toBe(true);
    const { rounds } = await loadStructure(ctx, id);
    expect(rounds[0]).toMatchObject({ submissionClosesAt: "2027-03-31T16:59:00.000Z", blindReview: true, judgesPerEntry: 3 });
    expect(rounds[0]!.materials).toMatchObject([
      { kind: "pitch_deck", required: true, maxPages: 20, maxSizeMb: 20, maxChars: null },
      { kind: "text_answer", required: false, maxPages: null, maxSizeMb: null, maxChars: 2000 },
    ]);
    const stale = await updateRound(ctx, id, round.value.id, { ...(await roundInput()), version: 99 });
    expect(stale).toEqual({ ok: false, error: { code: "changed_by_someone_else" } });
    expect((await updateRound(ctx, id, round.value.id, { ...(await roundInput()), version: rounds[0]!.version })).ok).toBe(true);
  });

  it("keeps a founder and another contest's organiser out, and leaves the database unchanged", async () => {
    const id = await organiserOfNewContest();
    const founder = await makeUser(t.db);
    const before = await snapshot(t.db);
    const ctx = await makeCtx(t.db, founder);
    expect(await addTrack(ctx, id, { name: { en: "Space" }, description: null, womenLedOnly: false })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await addRound(ctx, id, await roundInput())).toEqual({ ok: false, error: { code: "forbidden" } });
    const { tracks } = await loadStructure(await makeCtx(t.db, admin), id);
    expect(await deleteTrack(ctx, id, tracks[0]!.id)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("does not touch a track of another contest through this one", async () => {
    const id = await organiserOfNewContest();
    const other = await makeContest(t.db, "other-contest");
    const at = new Date().toISOString();
    const foreign = await t.db
      .insertInto("tracks")
      .values({
        contest_id: other.id,
        position: 1,
        name_i18n: '{"en":"Foreign"}',
        description_i18n: null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await deleteTrack(await makeCtx(t.db, admin), id, foreign.id)).toEqual({ ok: false, error: { code: "not_found" } });
  });
});

async function roundInput() {
  return {
    name: { en: "Final roadshow" },
    submissionOpensAt: undefined,
    submissionClosesAt: undefined,
    reviewOpensAt: undefined,
    reviewClosesAt: undefined,
    blindReview: false,
    judgesPerEntry: 5,
  };
}
