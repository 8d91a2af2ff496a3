// An entry's pitch, description and text answers in several languages, and the language tag of
// every material: a team adds versions, judges and the public see the one they read with the
// "shown in" facts, other teams cannot edit, bad input changes nothing — real SQLite file, services
// and route modules called as Remix calls them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as textsAction, loader as textsLoader } from "#app/routes/entries.$entryId.texts";
import { loader as reviewLoader } from "#app/routes/reviews.$assignmentId";
import { entryTextsForOrganisers, entryTextsForTeam, saveEntryTexts, type TextsInput } from "#app/services/entry-texts.server";
import { reviewPage } from "#app/services/reviews.server";
import { entryVersionHistory } from "#app/services/round-materials.server";
import { submissionPage, submitAnswer } from "#app/services/submissions.server";
import { votingPage } from "#app/services/votes.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertQuestion, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import { get, loadContext, outcome, post, signInCookie } from "#tests/support/routes";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let lead: User;
let member: User;
let otherLead: User;
let thaiJudge: User;
let englishJudge: User;
let contestId: number;
let slug: string;
let roundId: number;
let storyId: number;
let entryId: number;
let thaiAssignment: number;
let englishAssignment: number;

const ctxOf = (user: User | null, now?: Date) => makeCtx(t.db, user, now ? { now } : {});

async function assign(judge: User) {
  const row = await t.db
    .insertInto("assignments")
    .values({
      round_id: roundId,
      entry_id: entryId,
      judge_id: judge.id,
      source: "manual",
      assigned_by: null,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The basis of one text as the team's page shows it, so a save is made from a fresh page. */
async function basisOf(user: User, field: string, ref = "") {
  const page = await entryTextsForTeam(await ctxOf(user), entryId);
  if (!page.ok) throw new Error(page.error.code);
  return page.value.forms.find((f) => f.field === field && f.ref === ref)!.basis;
}

async function save(user: User, input: Omit<TextsInput, "basis"> & { basis?: string }) {
  const basis = input.basis ?? (await basisOf(lead, String(input.field), String(input.ref)));
  return saveEntryTexts(await ctxOf(user), entryId, { ...input, basis });
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  const contest = await makeContest(t.db);
  contestId = contest.id;
  slug = contest.slug;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  const trackId = (await insertTrack(t.db, contestId, { en: "Cleantech" })).id;
  await insertQuestion(t.db, contestId, {
    key: "story",
    kind: "long_text",
    label: { en: "Your story" },
    help: null,
    required: false,
  });
  // Submissions stay open (so the team may still translate) while judges already review.
  roundId = (await makeScoredRound(t.db, contestId)).roundId;
  await t.db.updateTable("rounds").set({ submission_closes_at: "2099-01-01T00:00:00.000Z" }).where("id", "=", roundId).execute();
  storyId = (
    await t.db
      .insertInto("material_requirements")
      .values({
        round_id: roundId,
        position: 1,
        kind: "text_answer",
        label_i18n: JSON.stringify({ en: "Why now?" }),
        help_i18n: null,
        max_size_mb: null,
        max_pages: null,
        max_chars: 300,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  lead = await makeUser(t.db, { language: "th" });
  member = await makeUser(t.db);
  const team = await insertTeam(t.db, { name: "Green Loop Recycling", pitch: "A waste-sorting app for Bangkok condos" });
  await insertMember(t.db, team.id, lead.id, "lead");
  await insertMember(t.db, team.id, member.id, "member");
  entryId = (await insertEntry(t.db, { contestId, teamId: team.id, trackId, answers: { story: "เราเริ่มจากหอพักของเรา" } })).id;
  await t.db.updateTable("entries").set({ materials_language: "th" }).where("id", "=", entryId).execute();
  otherLead = await makeUser(t.db);
  const other = await insertTeam(t.db, { name: "Blue Sky" });
  await insertMember(t.db, other.id, otherLead.id, "lead");
  await insertEntry(t.db, { contestId, teamId: other.id, trackId });
  thaiJudge = await makeSignedJudge(t.db, contestId, "Somchai");
  await t.db.updateTable("users").set({ preferred_language: "th" }).where("id", "=", thaiJudge.id).execute();
  englishJudge = await makeSignedJudge(t.db, contestId, "Alice");
  // Alice also reads Thai, but her interface is English: English comes first.
  await t.db
    .updateTable("judge_profiles")
    .set({ languages_json: JSON.stringify(["en", "th"]) })
    .where("user_id", "=", englishJudge.id)
    .execute();
  thaiAssignment = await assign(thaiJudge);
  englishAssignment = await assign(englishJudge);
});

afterEach(async () => {
  await t.cleanup();
});

/** The team's Thai pitch (translating its English profile pitch) and an English text answer. */
async function addVersions() {
  const pitch = await save(member, {
    field: "pitch",
    ref: "",
    original: { language: "en", text: "A waste-sorting app for Bangkok condos" },
    translations: [{ language: "th", text: "แอปแยกขยะสำหรับคอนโดในกรุงเทพฯ" }],
  });
  expect(pitch).toEqual({ ok: true, value: { changed: true } });
  const handedIn = await submitAnswer(await ctxOf(lead), {
    entryId,
    roundId,
    requirementId: storyId,
    value: "ตอนนี้กรุงเทพฯ เริ่มบังคับแยกขยะแล้ว",
    language: "th",
  });
  expect(handedIn.ok).toBe(true);
  const material = await save(lead, {
    field: "material",
    ref: String(storyId),
    translations: [{ language: "en", text: "Bangkok now requires waste sorting." }],
  });
  expect(material).toEqual({ ok: true, value: { changed: true } });
  const answer = await save(lead, {
    field: "answer",
    ref: "story",
    translations: [{ language: "en", text: "We started in our dorm." }],
  });
  expect(answer).toEqual({ ok: true, value: { changed: true } });
}

describe("a team gives its texts in several languages", () => {
  it("stores each version with its language, the original marked, and audits the save", async () => {
    await addVersions();
    const rows = await t.db
      .selectFrom("entry_texts")
      .select(["field", "ref", "language", "is_original", "body"])
      .where("entry_id", "=", entryId)
      .orderBy("field")
      .orderBy("language")
      .execute();
    expect(rows).toEqual([
      { field: "answer", ref: "story", language: "en", is_original: 0, body: "We started in our dorm." },
      { field: "material", ref: String(storyId), language: "en", is_original: 0, body: "Bangkok now requires waste sorting." },
      { field: "pitch", ref: "", language: "en", is_original: 1, body: "A waste-sorting app for Bangkok condos" },
      { field: "pitch", ref: "", language: "th", is_original: 0, body: "แอปแยกขยะสำหรับคอนโดในกรุงเทพฯ" },
    ]);
    const audits = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "entry.texts_saved")
      .orderBy("id")
      .execute();
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({
      actor_user_id: member.id,
      subject_type: "entry",
      subject_id: String(entryId),
      contest_id: contestId,
    });
    expect(JSON.parse(audits[0]!.after_json!)).toMatchObject({
      field: "pitch",
      versions: [
        { language: "en", original: true, text: "A waste-sorting app for Bangkok condos" },
        { language: "th", original: false, text: "แอปแยกขยะสำหรับคอนโดในกรุงเทพฯ" },
      ],
    });
  });

  it("shows the team its versions, the legacy pitch as the original in the materials language until it saves", async () => {
    const before = await entryTextsForTeam(await ctxOf(lead), entryId);
    expect(before.ok && before.value.forms.find((f) => f.field === "pitch")).toMatchObject({
      original: { language: "th", text: "A waste-sorting app for Bangkok condos" },
      originalFromTeam: true,
      translations: [],
      editable: true,
    });
    await addVersions();
    const after = await entryTextsForTeam(await ctxOf(lead), entryId);
    if (!after.ok) throw new Error(after.error.code);
    expect(after.value.forms.map((f) => `${f.field}:${f.ref}`)).toEqual([
      "pitch:",
      "description:",
      "answer:story",
      `material:${storyId}`,
    ]);
    expect(after.value.forms.find((f) => f.field === "answer")).toMatchObject({
      originalHere: false,
      original: { language: "th", text: "เราเริ่มจากหอพักของเรา" },
      translations: [{ language: "en", text: "We started in our dorm." }],
    });
    expect(after.value.forms.find((f) => f.field === "material")).toMatchObject({
      original: { language: "th", text: "ตอนนี้กรุงเทพฯ เริ่มบังคับแยกขยะแล้ว" },
      maxLength: 300,
    });
  });

  it("lets a member of another team neither see nor edit, and changes nothing", async () => {
    const before = await snapshot(t.db);
    expect(await entryTextsForTeam(await ctxOf(otherLead), entryId)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await entryTextsForTeam(await ctxOf(organiser), entryId)).toEqual({ ok: false, error: { code: "not_found" } });
    const basis = await basisOf(lead, "pitch");
    for (const user of [otherLead, organiser, thaiJudge]) {
      const result = await saveEntryTexts(await ctxOf(user), entryId, {
        field: "pitch",
        ref: "",
        basis,
        original: { language: "en", text: "Hijacked" },
        translations: [],
      });
      expect(result).toEqual({ ok: false, error: { code: "not_found" } });
    }
    expect(await saveEntryTexts(await ctxOf(null), entryId, { field: "pitch", ref: "", basis, translations: [] })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("refuses an unknown language, a text too long, an empty text and an unknown text, leaving the database unchanged", async () => {
    await addVersions();
    const before = await snapshot(t.db);
    const cases: Array<[Omit<TextsInput, "basis">, string, string]> = [
      [
        { field: "pitch", ref: "", original: { language: "en", text: "Sorting" }, translations: [{ language: "xx", text: "?" }] },
        "entryTexts.language_invalid",
        "translations.0.language",
      ],
      [
        { field: "pitch", ref: "", original: { language: "en", text: "x".repeat(201) }, translations: [] },
        "entryTexts.too_long",
        "original.text",
      ],
      [
        {
          field: "description",
          ref: "",
          original: { language: "en", text: "Fine" },
          translations: [{ language: "vi", text: "  " }],
        },
        "entryTexts.empty",
        "translations.0.text",
      ],
      [
        { field: "answer", ref: "story", translations: [{ language: "th", text: "ซ้ำกับต้นฉบับ" }] },
        "entryTexts.same_as_original",
        "translations.0.language",
      ],
      [
        { field: "material", ref: String(storyId), translations: [{ language: "vi", text: "x".repeat(301) }] },
        "entryTexts.too_long",
        "translations.0.text",
      ],
    ];
    for (const [input, code, field] of cases) {
      const result = await save(lead, input);
      expect(result, code).toMatchObject({ ok: false, error: { code, field } });
    }
    expect(await save(lead, { field: "answer", ref: "no_such_question", translations: [], basis: "x" })).toMatchObject({
      ok: false,
      error: { code: "entryTexts.unknown_text" },
    });
    expect(await save(lead, { field: "title", ref: "", translations: [], basis: "x" })).toMatchObject({
      ok: false,
      error: { code: "entryTexts.unknown_text" },
    });
    // A page older than the stored versions.
    expect(
      await save(lead, { field: "pitch", ref: "", basis: "stale", original: { language: "en", text: "New" }, translations: [] }),
    ).toMatchObject({ ok: false, error: { code: "changed_by_someone_else" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("locks the pitch and answers after the contest's last submission deadline", async () => {
    const basis = await basisOf(lead, "pitch");
    const before = await snapshot(t.db);
    const late = await saveEntryTexts(await ctxOf(lead, new Date("2099-02-01T00:00:00.000Z")), entryId, {
      field: "pitch",
      ref: "",
      basis,
      original: { language: "en", text: "Too late" },
      translations: [],
    });
    expect(late).toEqual({ ok: false, error: { code: "entryTexts.locked" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("re-renders the page's form with what was typed and a message beside the field at fault", async () => {
    const cookie = await signInCookie(lead);
    const basis = await basisOf(lead, "pitch");
    const before = await snapshot(t.db);
    const refused = await outcome(() =>
      textsAction({
        request: post(
          `/entries/${entryId}/texts`,
          {
            intent: "save_texts",
            field: "pitch",
            ref: "",
            basis,
            "original.language": "en",
            "original.text": "Sorting app",
            "translations.0.language": "th",
            "translations.0.text": "",
          },
          cookie,
        ),
        context: loadContext(),
        params: { entryId: String(entryId) },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.value).toEqual({
      field: "pitch",
      ref: "",
      values: { original: { language: "en", text: "Sorting app" }, translations: [{ language: "th", text: "" }] },
      errors: { "translations.0.text": ["entryTexts.empty"] },
      formError: null,
    });
    expect(await snapshot(t.db)).toEqual(before);

    const saved = await outcome(() =>
      textsAction({
        request: post(
          `/entries/${entryId}/texts`,
          {
            intent: "save_texts",
            field: "pitch",
            ref: "",
            basis,
            "original.language": "en",
            "original.text": "Sorting app",
            "translations.0.language": "th",
            "translations.0.text": "แอปแยกขยะ",
            "translations.1.language": "",
            "translations.1.text": "",
          },
          cookie,
        ),
        context: loadContext(),
        params: { entryId: String(entryId) },
      }),
    );
    expect(saved.status).toBe(302);
    const page = await outcome(() =>
      textsLoader({
        request: get(`/entries/${entryId}/texts`, cookie),
        context: loadContext(),
        params: { entryId: String(entryId) },
      }),
    );
    expect(page.status).toBe(200);
    const pitchForm = (page.value as { page: { forms: Array<{ field: string; translations: unknown }> } }).page.forms[0]!;
    expect(pitchForm.translations).toEqual([{ language: "th", text: "แอปแยกขยะ" }]);
    expect((page.value as { languageNames: Record<string, string> }).languageNames.th).toBe("ไทย");

    const other = await signInCookie(otherLead);
    const forbidden = await outcome(() =>
      textsLoader({
        request: get(`/entries/${entryId}/texts`, other),
        context: loadContext(),
        params: { entryId: String(entryId) },
      }),
    );
    expect(forbidden.status).toBe(404);
  });
});

describe("judges see the version in a language they read", () => {
  it("shows a Thai-reading judge the Thai pitch and text answer, with the shown-in facts", async () => {
    await addVersions();
    const page = await reviewPage(await ctxOf(thaiJudge), thaiAssignment, { uiLanguage: "th" });
    if (!page.ok) throw new Error(page.error.code);
    expect(page.value.entry.texts?.pitch).toEqual({
      text: "แอปแยกขยะสำหรับคอนโดในกรุงเทพฯ",
      language: "th",
      languageName: "ไทย",
      original: false,
      matched: true,
      others: [{ language: "en", name: "อังกฤษ", original: true }],
    });
    const material = page.value.materials.find((m) => m.id === storyId)!;
    expect(material.submission).toMatchObject({ language: "th" });
    expect(material.submission?.textView).toMatchObject({
      text: "ตอนนี้กรุงเทพฯ เริ่มบังคับแยกขยะแล้ว",
      language: "th",
      original: true,
      others: [{ language: "en", name: "อังกฤษ", original: false }],
    });
  });

  it("shows an English-reading judge the English versions, and another version when asked", async () => {
    await addVersions();
    const page = await reviewPage(await ctxOf(englishJudge), englishAssignment, { uiLanguage: "en" });
    if (!page.ok) throw new Error(page.error.code);
    expect(page.value.entry.texts?.pitch).toMatchObject({
      text: "A waste-sorting app for Bangkok condos",
      language: "en",
      languageName: "English",
      original: true,
      others: [{ language: "th", name: "Thai", original: false }],
    });
    expect(page.value.materials.find((m) => m.id === storyId)!.submission?.textView).toMatchObject({
      text: "Bangkok now requires waste sorting.",
      language: "en",
      original: false,
      others: [{ language: "th", name: "Thai", original: true }],
    });
    const asked = await reviewPage(await ctxOf(englishJudge), englishAssignment, { uiLanguage: "en", requested: "th" });
    expect(asked.ok && asked.value.entry.texts?.pitch).toMatchObject({ language: "th", original: false });
  });

  it("reads the judge's UI language and the asked-for version through the scoring page's loader", async () => {
    await addVersions();
    const cookie = await signInCookie(thaiJudge);
    const shown = await outcome(() =>
      reviewLoader({
        request: get(`/reviews/${thaiAssignment}`, cookie),
        context: loadContext(),
        params: { assignmentId: String(thaiAssignment) },
      }),
    );
    expect(shown.status).toBe(200);
    const value = shown.value as {
      page: { entry: { texts: { pitch: { language: string } } } };
      languageNames: Record<string, string>;
    };
    expect(value.page.entry.texts.pitch.language).toBe("th");
    expect(value.languageNames.th).toBe("ไทย");
    const original = await outcome(() =>
      reviewLoader({
        request: get(`/reviews/${thaiAssignment}?textLang=original`, cookie),
        context: loadContext(),
        params: { assignmentId: String(thaiAssignment) },
      }),
    );
    expect(
      (original.value as { page: { entry: { texts: { pitch: { language: string; original: boolean } } } } }).page.entry.texts
        .pitch,
    ).toMatchObject({
      language: "en",
      original: true,
    });
  });

  it("keeps a blind round's scoring page free of the team's identity", async () => {
    await addVersions();
    await t.db.updateTable("rounds").set({ blind_review: 1 }).where("id", "=", roundId).execute();
    const page = await reviewPage(await ctxOf(thaiJudge), thaiAssignment, { uiLanguage: "th" });
    if (!page.ok) throw new Error(page.error.code);
    expect(page.value.entry.team).toBeNull();
    expect(page.value.entry.texts?.pitch?.language).toBe("th");
    const json = JSON.stringify(page.value);
    expect(json).not.toContain("Green Loop");
    expect(json).not.toContain(lead.name);
    expect(json).not.toContain(`"entryId"`);
  });
});

describe("organisers and the public", () => {
  it("shows organisers the texts in their language, with the answer's translation", async () => {
    await addVersions();
    const texts = await entryTextsForOrganisers(await ctxOf(organiser), contestId, entryId, { uiLanguage: "en" });
    if (!texts.ok) throw new Error(texts.error.code);
    expect(texts.value.pitch).toMatchObject({ language: "en", original: true });
    expect(texts.value.answers.story).toMatchObject({
      text: "We started in our dorm.",
      language: "en",
      original: false,
      others: [{ language: "th", original: true }],
    });
    expect(texts.value.description).toBeNull();
    expect(await entryTextsForOrganisers(await ctxOf(otherLead), contestId, entryId, { uiLanguage: "en" })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("shows each visitor of the vote page the pitch in their language", async () => {
    await addVersions();
    await t.db
      .updateTable("contests")
      .set({
        state: "running",
        peoples_choice_enabled: 1,
        voting_opens_at: "2020-01-01T00:00:00.000Z",
        voting_closes_at: "2099-01-01T00:00:00.000Z",
      })
      .where("id", "=", contestId)
      .execute();
    const pitchFor = async (viewer: { uiLanguage: string; requested?: string }) => {
      const page = await votingPage(await ctxOf(null), slug, viewer);
      if (!page.ok) throw new Error(page.error.code);
      return page.value.tracks[0]!.entries.find((e) => e.id === entryId)!.pitchText;
    };
    expect(await pitchFor({ uiLanguage: "th" })).toMatchObject({ text: "แอปแยกขยะสำหรับคอนโดในกรุงเทพฯ", languageName: "ไทย" });
    expect(await pitchFor({ uiLanguage: "vi" })).toMatchObject({ language: "en", original: true, matched: false });
    expect(await pitchFor({ uiLanguage: "en", requested: "th" })).toMatchObject({ language: "th" });
  });
});

describe("the language tag of materials", () => {
  it("stores the language the team chose, defaults to the materials language, and shows it to team and organisers", async () => {
    const chosen = await submitAnswer(await ctxOf(lead), {
      entryId,
      roundId,
      requirementId: storyId,
      value: "English answer",
      language: "en",
    });
    expect(chosen.ok).toBe(true);
    const defaulted = await submitAnswer(await ctxOf(lead), { entryId, roundId, requirementId: storyId, value: "คำตอบ" });
    expect(defaulted.ok).toBe(true);
    const rows = await t.db
      .selectFrom("submissions")
      .select(["version", "language"])
      .where("entry_id", "=", entryId)
      .orderBy("version")
      .execute();
    expect(rows).toEqual([
      { version: 1, language: "en" },
      { version: 2, language: "th" },
    ]);
    const team = await submissionPage(await ctxOf(lead), entryId, roundId);
    expect(team.ok && team.value.materials.find((m) => m.id === storyId)!.versions.map((v) => v.language)).toEqual(["th", "en"]);
    const history = await entryVersionHistory(await ctxOf(organiser), entryId, roundId);
    expect(history.ok && history.value.materials.find((m) => m.id === storyId)!.versions.map((v) => v.language)).toEqual([
      "th",
      "en",
    ]);
    const judge = await reviewPage(await ctxOf(englishJudge), englishAssignment, { uiLanguage: "en" });
    expect(judge.ok && judge.value.materials.find((m) => m.id === storyId)!.submission).toMatchObject({
      kind: "text",
      language: "th",
    });
  });

  it("refuses a language that is not listed, and stores nothing", async () => {
    const before = await snapshot(t.db);
    const refused = await submitAnswer(await ctxOf(lead), {
      entryId,
      roundId,
      requirementId: storyId,
      value: "Text",
      language: "xx",
    });
    expect(refused).toEqual({ ok: false, error: { code: "entryTexts.language_invalid", field: "language" } });
    expect(await snapshot(t.db)).toEqual(before);
  });
});
