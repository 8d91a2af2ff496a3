// Organisers manage a contest's registration questions: every kind, order, edits that keep the key,
// the checks on the whole set, who may do it, and that a refused change leaves the database alone.
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QuestionDefinition, QuestionKind } from "#app/domain/questions";
import { questionFieldName, questionFormSchema, toQuestionDefinition } from "#app/forms/questions";
import type { ServiceContext } from "#app/services/context.server";
import { action as loginAction } from "#app/routes/login";
import { action as questionsAction, loader as questionsLoader } from "#app/routes/manage.$contestId.questions";
import {
  addQuestion,
  deleteQuestion,
  listQuestionDefinitions,
  loadQuestions,
  moveQuestion,
  updateQuestion,
} from "#app/services/questions.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { grantRole, makeContest, makeCtx, makeUser, TEST_PASSWORD } from "#tests/support/factories";

let t: TestDb;
let contestId: number;
let organiser: ServiceContext;
beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  contestId = (await makeContest(t.db)).id;
  const user = await makeUser(t.db, { email: "organiser@example.org" });
  await grantRole(t.db, contestId, user.id, "organiser");
  organiser = await makeCtx(t.db, user);
});
afterEach(async () => {
  await t.cleanup();
});

const choices = [
  { value: "idea", label: { en: "Idea", "zh-CN": "创意" } },
  { value: "prototype", label: { en: "Prototype" } },
  { value: "revenue", label: { en: "Early revenue", th: "มีรายได้แล้ว" } },
];

const EXAMPLES: Record<QuestionKind, QuestionDefinition> = {
  short_text: { key: "university", kind: "short_text", label: { en: "University" }, help: null, required: true, maxLength: 120 },
  long_text: {
    key: "problem",
    kind: "long_text",
    label: { en: "What problem do you solve?", vi: "Bạn giải quyết vấn đề gì?" },
    help: { en: "A few sentences." },
    required: false,
  },
  single_choice: { key: "stage", kind: "single_choice", label: { en: "Stage" }, help: null, required: true, options: choices },
  multiple_choice: {
    key: "markets",
    kind: "multiple_choice",
    label: { en: "Markets" },
    help: null,
    required: false,
    options: choices,
    min: 1,
    max: 2,
  },
  number: { key: "employees", kind: "number", label: { en: "Employees" }, help: null, required: false, min: 0, max: 10_000 },
  date: {
    key: "founded",
    kind: "date",
    label: { en: "Founded on" },
    help: null,
    required: false,
    minDate: "1990-01-01",
    maxDate: "2026-12-31",
  },
  checkbox: { key: "consent", kind: "checkbox", label: { en: "I agree to be contacted" }, help: null, required: true },
  url: { key: "website", kind: "url", label: { en: "Website" }, help: null, required: false },
};

const question = (kind: QuestionKind, extra: Partial<QuestionDefinition> = {}): QuestionDefinition => ({
  ...EXAMPLES[kind],
  ...extra,
});

/** Every row snapshot() covers, plus the questions themselves. */
async function everything() {
  return {
    ...(await snapshot(t.db)),
    questions: await t.db.selectFrom("registration_questions").selectAll().orderBy("id").execute(),
  };
}

async function addAll(ctx: ServiceContext, kinds: QuestionKind[]): Promise<number[]> {
  const ids: number[] = [];
  for (const kind of kinds) {
    const result = await addQuestion(ctx, contestId, question(kind));
    if (!result.ok) throw new Error(`${kind}: ${result.error.code}`);
    ids.push(result.value.id);
  }
  return ids;
}

const keys = async (id = contestId) => (await listQuestionDefinitions(t.db, id)).map((d) => d.key);

function auditRows(action: string) {
  return t.db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();
}

describe("adding questions", () => {
  it("stores each of the eight kinds, in order, and audits each one", async () => {
    const kinds = Object.keys(EXAMPLES) as QuestionKind[];
    const ids = await addAll(organiser, kinds);
    expect(ids).toHaveLength(8);

    expect(await listQuestionDefinitions(t.db, contestId)).toEqual(kinds.map((k) => EXAMPLES[k]));
    const rows = await t.db.selectFrom("registration_questions").selectAll().orderBy("position").execute();
    expect(rows.map((r) => [r.position, r.key])).toEqual(kinds.map((k, i) => [i + 1, EXAMPLES[k].key]));

    const audits = await auditRows("question.created");
    expect(audits).toHaveLength(8);
    expect(audits[2]).toMatchObject({
      actor_user_id: organiser.actor!.userId,
      contest_id: contestId,
      subject_type: "registration_question",
      subject_id: String(ids[2]),
      before_json: null,
    });
    expect(JSON.parse(audits[2]!.after_json!)).toEqual(EXAMPLES.single_choice);
  });

  it("keeps only the fields a kind uses when it stores a definition", async () => {
    const sloppy = { ...question("short_text"), key: "team_name", minDate: undefined, options: undefined };
    const result = await addQuestion(organiser, contestId, sloppy);
    expect(result.ok).toBe(true);
    const row = await t.db.selectFrom("registration_questions").selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(JSON.parse(row.definition_json)).sort()).toEqual([
      "help",
      "key",
      "kind",
      "label",
      "maxLength",
      "required",
    ]);
  });

  it("refuses a key already used in the contest, changing nothing", async () => {
    await addAll(organiser, ["short_text", "number"]);
    const before = await everything();
    expect(await addQuestion(organiser, contestId, question("long_text", { key: "university" }))).toEqual({
      ok: false,
      error: { code: "duplicate_question_key", field: "key" },
    });
    expect(await everything()).toEqual(before);
  });

  it("allows the same key in another contest", async () => {
    await addAll(organiser, ["short_text"]);
    const other = (await makeContest(t.db)).id;
    const admin = await makeCtx(t.db, await makeUser(t.db, { isAdmin: true }));
    expect((await addQuestion(admin, other, question("short_text"))).ok).toBe(true);
    expect(await keys(other)).toEqual(["university"]);
  });

  it("refuses a choice question with one option, and other bad definitions, changing nothing", async () => {
    await addAll(organiser, ["checkbox"]);
    const before = await everything();
    expect(await addQuestion(organiser, contestId, question("single_choice", { options: [choices[0]!] }))).toEqual({
      ok: false,
      error: { code: "options_required", field: "options" },
    });
    expect(await addQuestion(organiser, contestId, question("short_text", { key: "Bad Key" }))).toEqual({
      ok: false,
      error: { code: "question_key_invalid", field: "key" },
    });
    expect(await addQuestion(organiser, contestId, question("number", { min: 10, max: 1 }))).toEqual({
      ok: false,
      error: { code: "bounds_inverted", field: "min" },
    });
    expect(await addQuestion(organiser, contestId, question("multiple_choice", { options: [choices[0]!, choices[0]!] }))).toEqual(
      { ok: false, error: { code: "duplicate_option", field: "options.1.value" } },
    );
    expect(await addQuestion(organiser, contestId, question("short_text", { key: "x", minDate: "2020-01-01" }))).toEqual({
      ok: false,
      error: { code: "bounds_invalid", field: "minDate" },
    });
    expect(await everything()).toEqual(before);
  });

  it("refuses a 51st question", async () => {
    for (let i = 0; i < 50; i++) {
      const result = await addQuestion(organiser, contestId, question("short_text", { key: `q${i}` }));
      expect(result.ok).toBe(true);
    }
    const before = await everything();
    expect(await addQuestion(organiser, contestId, question("short_text", { key: "one_more" }))).toEqual({
      ok: false,
      error: { code: "too_many_questions" },
    });
    expect(await everything()).toEqual(before);
  });
});

describe("editing questions", () => {
  it("updates a question but keeps the key it was saved with, and audits before and after", async () => {
    const [id] = await addAll(organiser, ["short_text", "number"]);
    const changed = question("long_text", { key: "something_else", label: { en: "Your university", ms: "Universiti anda" } });
    expect(await updateQuestion(organiser, contestId, id!, changed)).toEqual({ ok: true, value: null });

    const [first, second] = await listQuestionDefinitions(t.db, contestId);
    expect(first).toEqual({ ...changed, key: "university" });
    expect(second!.key).toBe("employees");
    const row = await t.db.selectFrom("registration_questions").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect(row.key).toBe("university");
    expect(JSON.parse(row.definition_json).key).toBe("university");

    const [audit] = await auditRows("question.updated");
    expect(audit).toMatchObject({ subject_id: String(id), contest_id: contestId });
    expect(JSON.parse(audit!.before_json!)).toEqual(EXAMPLES.short_text);
    expect(JSON.parse(audit!.after_json!)).toEqual({ ...changed, key: "university" });
  });

  it("refuses an edit that breaks the question, changing nothing", async () => {
    const [id] = await addAll(organiser, ["multiple_choice"]);
    const before = await everything();
    expect(await updateQuestion(organiser, contestId, id!, question("multiple_choice", { options: [] }))).toEqual({
      ok: false,
      error: { code: "options_required", field: "options" },
    });
    expect(await updateQuestion(organiser, contestId, id!, question("multiple_choice", { label: { en: " " } }))).toEqual({
      ok: false,
      error: { code: "question_label_missing", field: "label" },
    });
    expect(await everything()).toEqual(before);
  });
});

describe("ordering and removing questions", () => {
  it("moves a question up and down, renumbering positions and auditing the order", async () => {
    const [a, b, c] = await addAll(organiser, ["short_text", "number", "url"]);
    expect(await keys()).toEqual(["university", "employees", "website"]);

    expect(await moveQuestion(organiser, contestId, c!, "up")).toEqual({ ok: true, value: null });
    expect(await keys()).toEqual(["university", "website", "employees"]);
    expect(await moveQuestion(organiser, contestId, a!, "down")).toEqual({ ok: true, value: null });
    expect(await keys()).toEqual(["website", "university", "employees"]);

    const rows = await t.db.selectFrom("registration_questions").select(["id", "position"]).orderBy("position").execute();
    expect(rows).toEqual([
      { id: c, position: 1 },
      { id: a, position: 2 },
      { id: b, position: 3 },
    ]);
    const moves = await auditRows("question.moved");
    expect(moves).toHaveLength(2);
    expect(JSON.parse(moves[0]!.before_json!)).toEqual(["university", "employees", "website"]);
    expect(JSON.parse(moves[0]!.after_json!)).toEqual(["university", "website", "employees"]);
  });

  it("does nothing when the first moves up or the last moves down", async () => {
    const [a, , c] = await addAll(organiser, ["short_text", "number", "url"]);
    const before = await everything();
    expect(await moveQuestion(organiser, contestId, a!, "up")).toEqual({ ok: true, value: null });
    expect(await moveQuestion(organiser, contestId, c!, "down")).toEqual({ ok: true, value: null });
    expect(await everything()).toEqual(before);
  });

  it("removes a question, closes the gap, and audits what was removed", async () => {
    const [a, b, c] = await addAll(organiser, ["short_text", "number", "url"]);
    expect(await deleteQuestion(organiser, contestId, b!)).toEqual({ ok: true, value: null });
    expect(await keys()).toEqual(["university", "website"]);
    const rows = await t.db.selectFrom("registration_questions").select(["id", "position"]).orderBy("position").execute();
    expect(rows).toEqual([
      { id: a, position: 1 },
      { id: c, position: 2 },
    ]);
    const [audit] = await auditRows("question.deleted");
    expect(audit).toMatchObject({ subject_id: String(b), after_json: null });
    expect(JSON.parse(audit!.before_json!)).toEqual({ position: 2, definition: EXAMPLES.number });

    // The key is free again once its question is gone.
    expect((await addQuestion(organiser, contestId, question("number"))).ok).toBe(true);
    expect(await keys()).toEqual(["university", "website", "employees"]);
  });
});

describe("who may change questions, and when", () => {
  it("refuses a founder, a judge of the contest and an organiser of another contest, changing nothing", async () => {
    const [id] = await addAll(organiser, ["short_text", "number"]);
    const founder = await makeCtx(t.db, await makeUser(t.db));
    const judgeUser = await makeUser(t.db);
    await grantRole(t.db, contestId, judgeUser.id, "judge");
    const judge = await makeCtx(t.db, judgeUser);
    const otherUser = await makeUser(t.db);
    await grantRole(t.db, (await makeContest(t.db)).id, otherUser.id, "organiser");
    const otherOrganiser = await makeCtx(t.db, otherUser);
    const anonymous = await makeCtx(t.db, null);

    const before = await everything();
    for (const ctx of [founder, judge, otherOrganiser, anonymous]) {
      const forbidden = { ok: false, error: { code: "forbidden" } };
      expect(await addQuestion(ctx, contestId, question("url"))).toEqual(forbidden);
      expect(await updateQuestion(ctx, contestId, id!, question("short_text", { label: { en: "Hacked" } }))).toEqual(forbidden);
      expect(await moveQuestion(ctx, contestId, id!, "down")).toEqual(forbidden);
      expect(await deleteQuestion(ctx, contestId, id!)).toEqual(forbidden);
    }
    expect(await everything()).toEqual(before);
  });

  it("lets a platform admin manage any contest's questions", async () => {
    const admin = await makeCtx(t.db, await makeUser(t.db, { isAdmin: true }));
    expect((await addQuestion(admin, contestId, question("date"))).ok).toBe(true);
    expect(await keys()).toEqual(["founded"]);
  });

  it("answers not_found for a question of another contest, or a contest that does not exist", async () => {
    const admin = await makeCtx(t.db, await makeUser(t.db, { isAdmin: true }));
    const other = (await makeContest(t.db)).id;
    const added = await addQuestion(admin, other, question("url"));
    if (!added.ok) throw new Error(added.error.code);
    await addAll(organiser, ["short_text"]);

    const before = await everything();
    const notFound = { ok: false, error: { code: "not_found" } };
    expect(await updateQuestion(admin, contestId, added.value.id, question("url", { label: { en: "Moved?" } }))).toEqual(
      notFound,
    );
    expect(await moveQuestion(admin, contestId, added.value.id, "up")).toEqual(notFound);
    expect(await deleteQuestion(admin, contestId, added.value.id)).toEqual(notFound);
    // The organiser of this contest cannot reach the other contest's question either.
    expect(await deleteQuestion(organiser, contestId, added.value.id)).toEqual(notFound);
    expect(await addQuestion(admin, 999_999, question("url"))).toEqual(notFound);
    expect(await everything()).toEqual(before);
  });

  it("refuses changes once the contest is finished or archived", async () => {
    const [id] = await addAll(organiser, ["short_text"]);
    for (const state of ["finished", "archived"] as const) {
      await t.db.updateTable("contests").set({ state }).where("id", "=", contestId).execute();
      const before = await everything();
      const readOnly = { ok: false, error: { code: "contest_read_only" } };
      expect(await addQuestion(organiser, contestId, question("url"))).toEqual(readOnly);
      expect(await updateQuestion(organiser, contestId, id!, question("short_text", { required: false }))).toEqual(readOnly);
      expect(await moveQuestion(organiser, contestId, id!, "up")).toEqual(readOnly);
      expect(await deleteQuestion(organiser, contestId, id!)).toEqual(readOnly);
      expect(await everything()).toEqual(before);
    }
  });

  it("still allows changes while registration is open or the contest runs", async () => {
    await t.db.updateTable("contests").set({ state: "registration_open" }).where("id", "=", contestId).execute();
    expect((await addQuestion(organiser, contestId, question("url"))).ok).toBe(true);
    await t.db.updateTable("contests").set({ state: "running" }).where("id", "=", contestId).execute();
    expect((await addQuestion(organiser, contestId, question("number"))).ok).toBe(true);
  });
});

describe("listing questions", () => {
  it("returns one contest's definitions in position order, whoever asks, and ids for organisers", async () => {
    const [a, b] = await addAll(organiser, ["checkbox", "long_text"]);
    const other = (await makeContest(t.db)).id;
    const admin = await makeCtx(t.db, await makeUser(t.db, { isAdmin: true }));
    await addQuestion(admin, other, question("url"));
    await moveQuestion(organiser, contestId, b!, "up");

    expect(await listQuestionDefinitions(t.db, contestId)).toEqual([EXAMPLES.long_text, EXAMPLES.checkbox]);
    expect(await listQuestionDefinitions(t.db, other)).toEqual([EXAMPLES.url]);
    expect(await listQuestionDefinitions(t.db, 424_242)).toEqual([]);
    expect((await loadQuestions(organiser, contestId)).map((q) => [q.id, q.position])).toEqual([
      [b, 1],
      [a, 2],
    ]);
  });
});

describe("the question editor's form", () => {
  const formData = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };

  it("turns a choice question typed by an organiser into a definition, making option values from labels", async () => {
    const submission = parseWithZod(
      formData({
        kind: "single_choice",
        key: "sector",
        "label.en": "Sector",
        "label.zh-CN": "行业",
        required: "on",
        "options[0].label.en": "Agri-food tech",
        "options[0].value": "",
        "options[1].label.en": "Fintech",
        "options[1].value": "fin",
        "options[2].label.en": "",
        "options[2].value": "",
        "options[3].label.en": "Agri food tech",
        min: "3",
        maxLength: "50",
        minDate: "2020-01-01",
      }),
      { schema: questionFormSchema },
    );
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    const definition = toQuestionDefinition(submission.value);
    expect(definition).toEqual({
      key: "sector",
      kind: "single_choice",
      label: { en: "Sector", "zh-CN": "行业" },
      help: null,
      required: true,
      options: [
        { value: "agri_food_tech", label: { en: "Agri-food tech" } },
        { value: "fin", label: { en: "Fintech" } },
        { value: "agri_food_tech_2", label: { en: "Agri food tech" } },
      ],
    });
    expect((await addQuestion(organiser, contestId, definition)).ok).toBe(true);
  });

  it("asks the browser only for what every kind needs, so the form works without JavaScript", () => {
    const constraint = getZodConstraint(questionFormSchema);
    expect(constraint.kind?.required).toBe(true);
    expect(constraint.key?.required).toBe(true);
    // A box the browser insisted on would make every question required.
    expect(constraint.required?.required).toBeFalsy();
    expect(constraint.min?.required).toBeFalsy();
    expect(constraint["options[].value"]?.required).toBeFalsy();
  });

  it("reports the domain's problems on the inputs the organiser typed in", () => {
    const submission = parseWithZod(
      formData({
        kind: "multiple_choice",
        key: "markets",
        "label.en": "Markets",
        "options[0].label.en": "",
        "options[0].value": "",
        "options[1].label.en": "",
        "options[1].value": "vn",
        "options[2].label.en": "Thailand",
        min: "2",
        max: "1",
      }),
      { schema: questionFormSchema },
    );
    expect(submission.status).toBe("error");
    expect(submission.reply().error).toEqual({
      "options[1].label.en": ["question_label_missing"],
      min: ["bounds_inverted"],
    });
    expect(questionFieldName("options.1.label")).toBe("options[1].label.en");
    expect(questionFieldName("label")).toBe("label.en");
    expect(questionFieldName(undefined)).toBeUndefined();
  });
});

describe("the organisers' page", () => {
  const context = { cspNonce: "test", clientIp: "127.0.0.1" };
  const url = () => `http://localhost:3999/manage/${contestId}/questions`;

  function post(path: string, fields: Record<string, string>, cookie?: string) {
    return new Request(path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "http://localhost:3999",
        ...(cookie ? { Cookie: cookie } : {}),
      },
    });
  }

  async function signIn(email: string): Promise<string> {
    const response = (await loginAction({
      request: post("http://localhost:3999/login", { email, password: TEST_PASSWORD }),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    return response.headers
      .getSetCookie()
      .find((c) => c.startsWith("trellis_session="))!
      .split(";")[0]!;
  }

  type Reply = { data: { result?: { error?: Record<string, string[] | null> }; message?: string }; init: { status: number } };
  const act = async (fields: Record<string, string>, cookie: string) =>
    (await questionsAction({ request: post(url(), fields, cookie), context, params: { contestId: String(contestId) } })) as
      Response | Reply;

  it("adds, refuses a duplicate key on the key field, moves and removes through form posts", async () => {
    const cookie = await signIn("organiser@example.org");
    const stage = {
      intent: "add",
      kind: "single_choice",
      key: "stage",
      "label.en": "Stage",
      required: "on",
      "options[0].label.en": "Idea",
      "options[1].label.en": "Prototype",
    };
    expect(((await act(stage, cookie)) as Response).status).toBe(302);
    expect(((await act({ intent: "add", kind: "url", key: "website", "label.en": "Website" }, cookie)) as Response).status).toBe(
      302,
    );

    const before = await everything();
    const duplicate = (await act({ ...stage, "label.en": "Stage again" }, cookie)) as Reply;
    expect(duplicate.init.status).toBe(400);
    expect(duplicate.data.result?.error).toEqual({ key: ["duplicate_question_key"] });
    const invalid = (await act({ intent: "add", kind: "multiple_choice", key: "x", "label.en": "X" }, cookie)) as Reply;
    expect(invalid.init.status).toBe(400);
    expect(invalid.data.result?.error).toEqual({ options: ["options_required"] });
    expect(await everything()).toEqual(before);

    const [first, second] = await loadQuestions(organiser, contestId);
    expect(((await act({ intent: "move-up", questionId: String(second!.id) }, cookie)) as Response).status).toBe(302);
    expect(await keys()).toEqual(["website", "stage"]);
    const update = { ...stage, intent: "update", questionId: String(first!.id), key: "renamed", "label.en": "Your stage" };
    expect(((await act(update, cookie)) as Response).status).toBe(302);
    expect((await listQuestionDefinitions(t.db, contestId))[1]).toMatchObject({ key: "stage", label: { en: "Your stage" } });
    expect(((await act({ intent: "delete", questionId: String(first!.id) }, cookie)) as Response).status).toBe(302);
    expect(await keys()).toEqual(["website"]);

    const page = (await questionsLoader({
      request: new Request(url(), { headers: { Cookie: cookie } }),
      context,
      params: { contestId: String(contestId) },
    })) as { questions: Array<{ definition: { key: string } }>; editable: boolean };
    expect(page.editable).toBe(true);
    expect(page.questions.map((q) => q.definition.key)).toEqual(["website"]);
  });

  it("turns away someone who does not organise the contest", async () => {
    await makeUser(t.db, { email: "founder@example.org" });
    const cookie = await signIn("founder@example.org");
    const before = await everything();
    await expect(act({ intent: "add", kind: "url", key: "website", "label.en": "Website" }, cookie)).rejects.toMatchObject({
      status: 403,
    });
    expect(await everything()).toEqual(before);
  });
});
