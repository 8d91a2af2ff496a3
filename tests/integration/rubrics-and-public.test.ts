// Rubrics on rounds (templates, edits, versions) and what the public may see of a contest.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContestSchema } from "#app/forms/contest";
import { rubricEditSchema } from "#app/forms/rubric";
import { changeContestState, createContest } from "#app/services/contests.server";
import { addRound } from "#app/services/rounds.server";
import { getContestPage, listPublicContests } from "#app/services/public-contests.server";
import { loadRubric, rubricFormValues, setRoundRubric, toRubricDefinition } from "#app/services/rubrics.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { grantRole, makeCtx, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;

beforeEach(async () => {
  t = createTestDb();
  organiser = await makeUser(t.db, { isAdmin: true });
  const ctx = await makeCtx(t.db, organiser);
  const created = await createContest(
    ctx,
    createContestSchema.parse({ name: { en: "Delta Cup" }, slug: "delta-cup", timeZone: "Asia/Ho_Chi_Minh" }),
  );
  if (!created.ok) throw new Error(created.error.code);
  contestId = created.value.id;
  const round = await addRound(ctx, contestId, { name: { en: "Semifinal" }, blindReview: false, judgesPerEntry: 3 } as never);
  if (!round.ok) throw new Error(round.error.code);
  roundId = round.value.id;
});
afterEach(async () => {
  await t.cleanup();
});

describe("rubrics", () => {
  it("applies a template as version 1 and an edit as version 2, keeping the first and its level descriptors", async () => {
    const ctx = await makeCtx(t.db, organiser);
    const first = await setRoundRubric(ctx, contestId, roundId, { template: "china_national" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const v1 = await loadRubric(t.db, first.value.rubricId);
    expect(v1?.definition.criteria.map((c) => c.name["zh-CN"])).toEqual(["创新性", "团队", "商业性", "带动就业/社会价值"]);
    expect(v1?.definition.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);

    const values = rubricFormValues(v1!);
    values.criteria[0]!.weight -= 10;
    values.criteria[1]!.weight += 10;
    const edited = rubricEditSchema.parse(values);
    const second = await setRoundRubric(ctx, contestId, roundId, { definition: toRubricDefinition(edited) });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const v2 = await loadRubric(t.db, second.value.rubricId);
    expect(v2).toMatchObject({ version: 2 });
    expect(v2?.definition.criteria.map((c) => c.weight)).toEqual(
      v1?.definition.criteria.map((c, i) => c.weight + (i === 0 ? -10 : i === 1 ? 10 : 0)),
    );
    // Unchanged scales keep their level descriptors; the old version is still there.
    expect(v2?.definition.criteria[0]!.levels).toEqual(v1?.definition.criteria[0]!.levels);
    expect(await loadRubric(t.db, first.value.rubricId)).not.toBeNull();
    const round = await t.db.selectFrom("rounds").select("rubric_id").where("id", "=", roundId).executeTakeFirstOrThrow();
    expect(round.rubric_id).toBe(second.value.rubricId);
  });

  it("refuses weights that do not total 100, naming the total, and changes nothing", async () => {
    const ctx = await makeCtx(t.db, organiser);
    await setRoundRubric(ctx, contestId, roundId, { template: "general_startup" });
    const before = await snapshot(t.db);
    const result = await setRoundRubric(ctx, contestId, roundId, {
      definition: toRubricDefinition(
        rubricEditSchema.parse({
          criteria: [
            { name: { en: "Innovation" }, weight: 50, scaleMin: 1, scaleMax: 10, scaleStep: 1 },
            { name: { en: "Team" }, weight: 40, scaleMin: 0, scaleMax: 1, scaleStep: 0.3 },
          ],
        }),
      ),
    });
    expect(result.ok).toBe(false);
    if (result.ok || !("problems" in result.error)) throw new Error("expected problems");
    expect(result.error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "weights_not_100", params: expect.objectContaining({ total: 90 }) }),
        expect.objectContaining({ code: "scale_step_mismatch", criterion: 1 }),
      ]),
    );
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("lets only the contest's organisers set a rubric", async () => {
    const judge = await makeUser(t.db);
    await grantRole(t.db, contestId, judge.id, "judge");
    const before = await snapshot(t.db);
    expect(await setRoundRubric(await makeCtx(t.db, judge), contestId, roundId, { template: "general_startup" })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("the public face", () => {
  it("hides a draft from everyone but its organisers, and lists it once registration opens", async () => {
    const founder = await makeUser(t.db);
    expect(await getContestPage(await makeCtx(t.db, null), "delta-cup")).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await getContestPage(await makeCtx(t.db, founder), "delta-cup")).toEqual({ ok: false, error: { code: "not_found" } });
    const own = await getContestPage(await makeCtx(t.db, organiser), "delta-cup");
    expect(own.ok && own.value.canManage).toBe(true);
    expect(await listPublicContests(await makeCtx(t.db, null))).toEqual([]);

    await changeContestState(await makeCtx(t.db, organiser), contestId, "registration_open");
    const page = await getContestPage(await makeCtx(t.db, null), "delta-cup");
    expect(page.ok).toBe(true);
    if (page.ok) {
      expect(page.value.canManage).toBe(false);
      expect(page.value.tracks).toHaveLength(8);
      expect(page.value.rounds.map((r) => r.name.en)).toEqual(["Semifinal"]);
      // Nothing organisers keep to themselves reaches the public page.
      expect(JSON.stringify(page.value)).not.toContain("terms");
    }
    expect((await listPublicContests(await makeCtx(t.db, null))).map((c) => c.slug)).toEqual(["delta-cup"]);
  });
});
