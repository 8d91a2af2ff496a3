// Incubation check-ins against a real SQLite file: who may see and change a team's check-ins (the
// team, its mentors, organisers; never another team, an unassigned mentor, a judge or anonymous),
// every bad input refused with the database unchanged, draft → submit → edit with optimistic
// locking, the mentor's status, attachments checked by content and access-controlled, exchange
// rates, and reminders (each step once, every member in their language, a real SMTP exchange).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckinInput } from "#app/forms/checkins";
import { ratesFor } from "#app/data/checkins.server";
import { createSmtpTransport, deliverDueMail } from "#app/infra/mail/sender.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import type { FileStorage } from "#app/infra/storage/types";
import { addCheckinAttachment, openCheckinAttachment, removeCheckinAttachment } from "#app/services/checkin-attachments.server";
import { remindCohortNow, sendCheckinReminders, startCheckinReminders } from "#app/services/checkin-reminders.server";
import { checkinList, checkinPage, reviewCheckin, saveCheckin } from "#app/services/checkins.server";
import { overdueCheckins, ratesPage, setPeriodRates } from "#app/services/exchange-rates.server";
import { cleanOrphanFiles } from "#app/services/submissions.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makeDocx, makeNotDocx, makePdf, PNG } from "#tests/support/documents";
import { JPEG, setupCohort } from "#tests/support/checkins";
import { grantRole, makeContest, makeCtx } from "#tests/support/factories";
import { startSmtpCatcher } from "#tests/support/smtp";
import type { User } from "#db/schema";

let t: TestDb;
let dir: string;
let storage: FileStorage;
let f: Awaited<ReturnType<typeof setupCohort>>;

/** The contest is in Asia/Shanghai (UTC+8): 04:00 UTC is noon there, the same calendar day. */
const at = (day: string) => new Date(`${day}T04:00:00.000Z`);
/** January 2027: due 10 February, closes 11 April (due + 60 days). */
const JAN = "2027-01";
const DURING_JAN_WINDOW = at("2027-02-05");

const ctxOf = (user: User | null, now = DURING_JAN_WINDOW) => makeCtx(t.db, user, { now });

function full(overrides: Partial<CheckinInput> = {}): CheckinInput {
  return {
    intent: "submit",
    version: 0,
    revenue: 125000,
    revenueCurrency: "THB",
    funding: 0,
    fundingCurrency: "USD",
    employees: 6,
    womenEmployees: 3,
    customers: 14,
    jobsCreated: 2,
    ipFiled: 1,
    wentWell: "Signed a pilot with a utility in Chiang Mai.",
    blockers: "Import paperwork for sensors.",
    milestones: [{ id: f.m1, status: "done", note: "Live since 20 January" }],
    ...overrides,
  };
}

const checkinRow = (period = JAN) =>
  t.db.selectFrom("checkins").selectAll().where("cohort_team_id", "=", f.ctA).where("period", "=", period).executeTakeFirst();

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

beforeEach(async () => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-checkins-"));
  storage = createLocalStorage(dir);
  f = await setupCohort(t.db);
});
afterEach(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("who may see a team's check-ins", () => {
  it("lists every period with its state today for the team, its mentor and the organisers", async () => {
    for (const user of [f.lead, f.mentor, f.organiser]) {
      const result = await checkinList(await ctxOf(user), f.ctA);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.today).toBe("2027-02-05");
      expect(result.value.periods.map((p) => [p.key, p.state, p.status])).toEqual([
        ["2027-01", "open", "none"],
        ["2027-02", "open", "none"],
        ["2027-03", "not_open", "none"],
        ["2027-04", "not_open", "none"],
        ["2027-05", "not_open", "none"],
        ["2027-06", "not_open", "none"],
      ]);
    }
    const asTeam = await checkinList(await ctxOf(f.lead), f.ctA);
    expect(asTeam.ok && asTeam.value.team.roles).toEqual(["team"]);
  });

  it("does not exist for another team, a mentor not assigned to it, a judge, or anonymous", async () => {
    for (const user of [f.stranger, f.otherMentor, f.judge, null]) {
      const ctx = await ctxOf(user);
      expect(await checkinList(ctx, f.ctA)).toEqual({ ok: false, error: { code: "not_found" } });
      expect(await checkinPage(ctx, f.ctA, JAN)).toEqual({ ok: false, error: { code: "not_found" } });
      expect(await saveCheckin(ctx, f.ctA, JAN, full())).toEqual({ ok: false, error: { code: "not_found" } });
      expect(await reviewCheckin(ctx, f.ctA, JAN, { mentorStatus: "at_risk" })).toEqual({
        ok: false,
        error: { code: "not_found" },
      });
    }
  });

  it("has no page for a period the cohort does not have", async () => {
    const ctx = await ctxOf(f.lead);
    for (const period of ["2026-12", "2027-07", "2027-Q1", "nonsense"])
      expect(await checkinPage(ctx, f.ctA, period)).toEqual({ ok: false, error: { code: "not_found" } });
  });

  it("marks a check-in overdue once its due day has passed without a submission", async () => {
    const result = await checkinList(await ctxOf(f.lead, at("2027-02-11")), f.ctA);
    expect(result.ok && result.value.periods.slice(0, 2).map((p) => [p.key, p.state, p.overdue])).toEqual([
      ["2027-01", "late", true],
      ["2027-02", "open", false],
    ]);
  });
});

describe("the team's check-in", () => {
  it("goes from draft to submitted to edited, with the version guarding against stale tabs", async () => {
    const ctx = await ctxOf(f.lead);
    const draft = await saveCheckin(ctx, f.ctA, JAN, { intent: "save", version: 0, employees: 4, milestones: [] });
    expect(draft).toEqual({ ok: true, value: { version: 1, status: "draft" } });
    expect(await checkinRow()).toMatchObject({ status: "draft", employees: 4, revenue: null, submitted_at: null, version: 1 });

    const submitted = await saveCheckin(ctx, f.ctA, JAN, full({ version: 1 }));
    expect(submitted).toEqual({ ok: true, value: { version: 2, status: "submitted" } });
    const row = await checkinRow();
    expect(row).toMatchObject({
      status: "submitted",
      revenue: 125000,
      revenue_currency: "THB",
      funding: 0,
      funding_currency: "USD",
      employees: 6,
      women_employees: 3,
      customers: 14,
      jobs_created: 2,
      ip_filed: 1,
      submitted_by: f.lead.id,
      submitted_at: DURING_JAN_WINDOW.toISOString(),
    });
    expect(JSON.parse(row!.milestone_updates_json)).toEqual([
      { milestoneId: f.m1, status: "done", note: "Live since 20 January" },
    ]);
    // The milestone moved with the submission, done on the day in the contest's zone.
    const m1 = await t.db.selectFrom("milestones").selectAll().where("id", "=", f.m1).executeTakeFirstOrThrow();
    expect(m1).toMatchObject({ status: "done", done_on: "2027-02-05" });

    // Later the same week (another member): still editable, still submitted, first submission time kept.
    const later = await makeCtx(t.db, f.member, { now: at("2027-02-08") });
    const edited = await saveCheckin(later, f.ctA, JAN, full({ version: 2, customers: 15 }));
    expect(edited).toEqual({ ok: true, value: { version: 3, status: "submitted" } });
    expect(await checkinRow()).toMatchObject({ customers: 15, version: 3, submitted_at: DURING_JAN_WINDOW.toISOString() });

    // A tab that still shows version 2 is told, and changes nothing.
    const before = await snapshot(t.db);
    expect(await saveCheckin(later, f.ctA, JAN, full({ version: 2, customers: 99 }))).toEqual({
      ok: false,
      error: { code: "changed_by_someone_else" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    // A submitted check-in cannot go back to an incomplete draft: a "save" is checked as a submit.
    expect(await saveCheckin(later, f.ctA, JAN, { intent: "save", version: 3, milestones: [] })).toMatchObject({
      ok: false,
      error: { code: "required", field: "revenue" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    const actions = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_type", "in", ["checkin", "milestone"])
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "checkin.draft_saved",
      "checkin.submitted",
      "milestone.updated_by_checkin",
      "checkin.updated",
    ]);
  });

  it("refuses each bad input with a field error and leaves the database unchanged", async () => {
    const ctx = await ctxOf(f.lead);
    await saveCheckin(ctx, f.ctA, JAN, { intent: "save", version: 0, employees: 2, milestones: [] });
    const cases: Array<[Partial<CheckinInput>, string, string]> = [
      [{ employees: -1 }, "number_too_small", "employees"],
      [{ customers: -3 }, "number_too_small", "customers"],
      [{ revenue: -10 }, "number_too_small", "revenue"],
      [{ jobsCreated: 1.5 }, "not_a_whole_number", "jobsCreated"],
      [{ employees: 3, womenEmployees: 4 }, "checkin_women_above_employees", "womenEmployees"],
      [{ revenueCurrency: "XYZ" }, "checkin_currency_unknown", "revenueCurrency"],
      [{ fundingCurrency: "usd dollars" }, "checkin_currency_unknown", "fundingCurrency"],
      [{ revenue: 500, revenueCurrency: undefined }, "checkin_currency_required", "revenueCurrency"],
      [{ revenue: 10.125 }, "checkin_amount_decimals", "revenue"],
      [{ customers: undefined }, "required", "customers"],
      [{ wentWell: "x".repeat(2001) }, "too_long", "wentWell"],
      [{ milestones: [{ id: 999_999, status: "done", note: undefined }] }, "invalid_choice", "milestones[0].status"],
      [{ milestones: [{ id: f.m1, status: "finished" as never, note: undefined }] }, "invalid_choice", "milestones[0].status"],
    ];
    const before = await snapshot(t.db);
    for (const [change, code, field] of cases) {
      const result = await saveCheckin(ctx, f.ctA, JAN, full({ version: 1, ...change }));
      expect(result.ok, code).toBe(false);
      if (result.ok) continue;
      expect(result.error, JSON.stringify(change)).toMatchObject({ code, field });
    }
    // A draft may be partial, but not wrong.
    const draft = await saveCheckin(ctx, f.ctA, JAN, { intent: "save", version: 1, womenEmployees: 1, milestones: [] });
    expect(draft).toMatchObject({ ok: false, error: { code: "checkin_women_above_employees" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("is refused for a period not open yet or closed, for a team that left or withdrew, and for a mentor", async () => {
    const before = await snapshot(t.db);
    const team = await ctxOf(f.lead);
    expect(await saveCheckin(team, f.ctA, "2027-03", full())).toEqual({ ok: false, error: { code: "checkin_period_not_open" } });
    const closedDay = await ctxOf(f.lead, at("2027-04-12"));
    expect(await saveCheckin(closedDay, f.ctA, JAN, full())).toEqual({ ok: false, error: { code: "checkin_period_closed" } });
    // The last day it is still accepted (late).
    const lastDay = await ctxOf(f.lead, at("2027-04-11"));
    expect((await checkinPage(lastDay, f.ctA, JAN)).ok && (await checkinPage(lastDay, f.ctA, JAN))).toMatchObject({
      value: { period: { state: "late" }, canEdit: true },
    });
    expect(await saveCheckin(await ctxOf(f.mentor), f.ctA, JAN, full())).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await saveCheckin(await ctxOf(f.organiser), f.ctA, JAN, full())).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(t.db)).toEqual(before);

    await t.db.updateTable("cohort_teams").set({ status: "left" }).where("id", "=", f.ctA).execute();
    const left = await snapshot(t.db);
    expect(await saveCheckin(team, f.ctA, JAN, full())).toEqual({ ok: false, error: { code: "checkin_team_inactive" } });
    expect(await snapshot(t.db)).toEqual(left);

    await t.db.updateTable("cohort_teams").set({ status: "active" }).where("id", "=", f.ctA).execute();
    await t.db.updateTable("entries").set({ status: "withdrawn" }).where("id", "=", f.entryA.id).execute();
    const withdrawn = await snapshot(t.db);
    expect(await saveCheckin(team, f.ctA, JAN, full())).toEqual({ ok: false, error: { code: "checkin_team_inactive" } });
    expect(await snapshot(t.db)).toEqual(withdrawn);
    const page = await checkinPage(team, f.ctA, JAN);
    expect(page.ok && { canEdit: page.value.canEdit, editRefusal: page.value.editRefusal }).toEqual({
      canEdit: false,
      editRefusal: "checkin_team_inactive",
    });
  });
});

describe("the mentor's status", () => {
  it("is set by the assigned mentor on a submitted check-in, audited, without touching the team's figures", async () => {
    const team = await ctxOf(f.lead);
    await saveCheckin(team, f.ctA, JAN, { intent: "save", version: 0, employees: 4, milestones: [] });
    const mentor = await ctxOf(f.mentor);
    // A draft is the team's own: the mentor sees no figures and cannot assess it yet.
    const draftPage = await checkinPage(mentor, f.ctA, JAN);
    expect(draftPage.ok && { checkin: draftPage.value.checkin, canReview: draftPage.value.canReview }).toEqual({
      checkin: null,
      canReview: false,
    });
    const beforeDraft = await snapshot(t.db);
    expect(await reviewCheckin(mentor, f.ctA, JAN, { mentorStatus: "at_risk" })).toEqual({
      ok: false,
      error: { code: "checkin_not_submitted" },
    });
    expect(await snapshot(t.db)).toEqual(beforeDraft);

    await saveCheckin(team, f.ctA, JAN, full({ version: 1 }));
    const figures = await checkinRow();
    expect(await reviewCheckin(mentor, f.ctA, JAN, { mentorStatus: "at_risk", mentorNote: "Cash runs out in May." })).toEqual({
      ok: true,
      value: null,
    });
    const row = await checkinRow();
    expect(row).toMatchObject({
      mentor_status: "at_risk",
      mentor_note: "Cash runs out in May.",
      mentor_id: f.mentor.id,
      mentor_at: DURING_JAN_WINDOW.toISOString(),
      version: figures!.version,
      revenue: figures!.revenue,
      employees: figures!.employees,
    });
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "checkin.mentor_reviewed")
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(f.mentor.id);
    expect(JSON.parse(audit.after_json!)).toMatchObject({ mentor_status: "at_risk", as: "mentor" });

    // The team sees the assessment on its list and page; it cannot set one.
    const list = await checkinList(team, f.ctA);
    expect(list.ok && list.value.periods[0]).toMatchObject({ status: "submitted", mentorStatus: "at_risk" });
    const before = await snapshot(t.db);
    expect(await reviewCheckin(team, f.ctA, JAN, { mentorStatus: "on_track" })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await reviewCheckin(mentor, f.ctA, JAN, { mentorStatus: "fine" as never })).toMatchObject({
      ok: false,
      error: { code: "invalid_choice", field: "mentorStatus" },
    });
    expect(await reviewCheckin(mentor, f.ctA, JAN, { mentorStatus: "on_track", mentorNote: "y".repeat(2001) })).toMatchObject({
      ok: false,
      error: { code: "too_long", field: "mentorNote" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    // Organisers may set it too.
    expect(await reviewCheckin(await ctxOf(f.organiser), f.ctA, JAN, { mentorStatus: "needs_attention" })).toEqual({
      ok: true,
      value: null,
    });
    expect(await checkinRow()).toMatchObject({ mentor_status: "needs_attention", mentor_id: f.organiser.id, mentor_note: null });
  });
});

describe("attachments", () => {
  const upload = async (user: User, fileName: string, data: Uint8Array, now = DURING_JAN_WINDOW) =>
    addCheckinAttachment(await ctxOf(user, now), storage, f.ctA, JAN, { fileName, data });

  it("accepts PDF, DOCX, PNG and JPEG by their content and names them by it", async () => {
    for (const [name, data, type, stored] of [
      ["traction.pdf", makePdf(2), "application/pdf", "traction.pdf"],
      ["plan.docx", await makeDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "plan.docx"],
      ["photo.png", PNG, "image/png", "photo.png"],
      ["site visit.jpeg", JPEG, "image/jpeg", "site visit.jpg"],
      ["deck.exe", makePdf(1), "application/pdf", "deck.pdf"],
    ] as const) {
      const result = await upload(f.lead, name, data);
      expect(result.ok, name).toBe(true);
      if (!result.ok) continue;
      const row = await t.db
        .selectFrom("checkin_attachments")
        .selectAll()
        .where("id", "=", result.value.attachmentId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ content_type: type, file_name: stored, size: data.byteLength, uploaded_by: f.lead.id });
    }
    // The first file started a draft check-in for the period.
    expect(await checkinRow()).toMatchObject({ status: "draft", version: 1 });
  });

  it("refuses files that are not what they claim, too large, or too many, changing nothing", async () => {
    const ten = 10 * 1024 * 1024;
    const before = await snapshot(t.db);
    const cases: Array<[string, Uint8Array, string]> = [
      ["notes.pdf", Buffer.from("just some text, not a PDF"), "checkin_attachment_type"],
      ["empty.pdf", Buffer.alloc(0), "file_empty"],
      ["archive.docx", await makeNotDocx(), "docx_broken"],
      ["broken.png", Buffer.concat([PNG.subarray(0, 8), Buffer.from("not an image header at all")]), "checkin_image_broken"],
      ["cut.jpg", JPEG.subarray(0, JPEG.length - 2), "checkin_image_broken"],
      ["locked.pdf", makePdf(1, { encrypted: true }), "pdf_encrypted"],
      ["huge.pdf", Buffer.concat([makePdf(1), Buffer.alloc(ten)]), "file_too_large"],
    ];
    for (const [name, data, code] of cases) {
      const result = await upload(f.lead, name, data);
      expect(result, name).toMatchObject({ ok: false, error: { code, field: "file" } });
    }
    expect(await snapshot(t.db)).toEqual(before);

    for (let i = 0; i < 10; i++) expect((await upload(f.lead, `page-${i}.png`, PNG)).ok).toBe(true);
    const full10 = await snapshot(t.db);
    expect(await upload(f.lead, "eleventh.png", PNG)).toMatchObject({
      ok: false,
      error: { code: "checkin_too_many_attachments", params: { max: 10 } },
    });
    expect(await snapshot(t.db)).toEqual(full10);
  });

  it("can be downloaded only by the team, and by its mentor and the organisers once submitted", async () => {
    const pdf = makePdf(3, { label: "Traction" });
    const added = await upload(f.lead, "traction.pdf", pdf);
    if (!added.ok) throw new Error(added.error.code);
    const id = added.value.attachmentId;
    const open = async (user: User | null) => openCheckinAttachment(await ctxOf(user), storage, f.ctA, id);

    const mine = await open(f.member);
    expect(mine.ok).toBe(true);
    if (mine.ok) {
      expect(mine.value).toMatchObject({ fileName: "traction.pdf", contentType: "application/pdf", size: pdf.byteLength });
      expect((await readAll(mine.value.stream)).equals(pdf)).toBe(true);
    }
    // Still a draft: for everyone but the team it does not exist.
    for (const user of [f.mentor, f.organiser, f.otherMentor, f.stranger, f.judge, null])
      expect(await open(user)).toEqual({ ok: false, error: { code: "not_found" } });

    const draft = await checkinRow();
    await saveCheckin(await ctxOf(f.lead), f.ctA, JAN, full({ version: draft!.version }));
    for (const user of [f.mentor, f.organiser]) {
      const result = await open(user);
      expect(result.ok).toBe(true);
      if (result.ok) expect((await readAll(result.value.stream)).equals(pdf)).toBe(true);
    }
    for (const user of [f.otherMentor, f.stranger, f.judge, null])
      expect(await open(user)).toEqual({ ok: false, error: { code: "not_found" } });
    // Asked for through another team's check-ins, it does not exist either.
    expect(await openCheckinAttachment(await ctxOf(f.stranger), storage, f.ctB, id)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await openCheckinAttachment(await ctxOf(f.organiser), storage, f.ctB, id)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("is removed by the team while the period is open, and its file survives the orphan clean-up while in use", async () => {
    const added = await upload(f.lead, "traction.pdf", makePdf(1));
    if (!added.ok) throw new Error(added.error.code);
    const id = added.value.attachmentId;
    const key = (
      await t.db.selectFrom("checkin_attachments").select("storage_key").where("id", "=", id).executeTakeFirstOrThrow()
    ).storage_key;
    // An hour and more later, the clean-up leaves a file a check-in points at.
    expect(await cleanOrphanFiles(t.db, storage, new Date(Date.now() + 2 * 3600_000))).toEqual([]);
    expect(await storage.exists(key)).toBe(true);

    const before = await snapshot(t.db);
    expect(await removeCheckinAttachment(await ctxOf(f.mentor), f.ctA, JAN, id)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await removeCheckinAttachment(await ctxOf(f.stranger), f.ctA, JAN, id)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await removeCheckinAttachment(await ctxOf(f.lead, at("2027-04-12")), f.ctA, JAN, id)).toEqual({
      ok: false,
      error: { code: "checkin_period_closed" },
    });
    expect(await removeCheckinAttachment(await ctxOf(f.lead), f.ctA, "2027-02", id)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    expect(await removeCheckinAttachment(await ctxOf(f.lead), f.ctA, JAN, id)).toEqual({ ok: true, value: null });
    expect(await t.db.selectFrom("checkin_attachments").select("id").execute()).toEqual([]);
    expect(
      await t.db.selectFrom("audit_events").select("action").where("action", "like", "checkin.attachment%").execute(),
    ).toEqual([{ action: "checkin.attachment_added" }, { action: "checkin.attachment_removed" }]);
  });
});

describe("exchange rates", () => {
  it("lists the currencies each period uses, the submitted figures without a rate, and saves rates audited", async () => {
    await saveCheckin(await ctxOf(f.lead), f.ctA, JAN, full({ funding: 200000, fundingCurrency: "CNY" }));
    const organiser = await ctxOf(f.organiser);
    let page = await ratesPage(organiser, f.contest.id, f.cohortId);
    if (!page.ok) throw new Error(page.error.code);
    expect(page.value.periods[0]).toMatchObject({
      key: JAN,
      currencies: [
        { currency: "CNY", used: true, rate: null },
        { currency: "THB", used: true, rate: null },
      ],
    });
    expect(page.value.missing.map((m) => [m.teamName, m.period, m.figure, m.amount, m.currency])).toEqual([
      ["GreenLoop Energy", JAN, "revenue", 125000, "THB"],
      ["GreenLoop Energy", JAN, "funding", 200000, "CNY"],
    ]);

    expect(
      await setPeriodRates(organiser, f.contest.id, f.cohortId, {
        period: JAN,
        rates: [
          { currency: "CNY", rate: 0.14 },
          { currency: "THB", rate: 0.028 },
        ],
        newCurrency: "VND",
        newRate: 0.00004,
      }),
    ).toEqual({ ok: true, value: { set: 3, removed: 0 } });
    const rates = await ratesFor(t.db, f.cohortId);
    expect(Object.fromEntries(rates.get(JAN)!)).toEqual({ CNY: 0.14, THB: 0.028, VND: 0.00004 });
    page = await ratesPage(organiser, f.contest.id, f.cohortId);
    expect(page.ok && page.value.missing).toEqual([]);
    expect(page.ok && page.value.periods[0]!.currencies).toEqual([
      { currency: "CNY", used: true, rate: 0.14 },
      { currency: "THB", used: true, rate: 0.028 },
      { currency: "VND", used: false, rate: 0.00004 },
    ]);

    // A blank rate removes it; an unchanged one is left alone.
    expect(
      await setPeriodRates(organiser, f.contest.id, f.cohortId, {
        period: JAN,
        rates: [
          { currency: "CNY", rate: 0.14 },
          { currency: "VND", rate: undefined },
        ],
      }),
    ).toEqual({ ok: true, value: { set: 0, removed: 1 } });
    expect(Object.fromEntries((await ratesFor(t.db, f.cohortId)).get(JAN)!)).toEqual({ CNY: 0.14, THB: 0.028 });
    const audits = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "cohort.rates_set").execute();
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[1]!.before_json!)).toEqual({ period: JAN, rates: { CNY: 0.14, THB: 0.028, VND: 0.00004 } });
  });

  it("refuses rates that are not above 0, the reporting currency, unknown currencies and periods, and other people", async () => {
    // An organiser of another contest too: the cohort still belongs to this one only.
    const other = await makeContest(t.db);
    await grantRole(t.db, other.id, f.organiser.id, "organiser");
    const organiser = await ctxOf(f.organiser);
    const before = await snapshot(t.db);
    const cases: Array<[Parameters<typeof setPeriodRates>[3], string, string | undefined]> = [
      [{ period: JAN, rates: [{ currency: "THB", rate: 0 }] }, "checkin_rate_not_positive", "rates[0].rate"],
      [{ period: JAN, rates: [{ currency: "THB", rate: -0.5 }] }, "checkin_rate_not_positive", "rates[0].rate"],
      [{ period: JAN, rates: [{ currency: "USD", rate: 1 }] }, "checkin_rate_reporting", "rates[0].rate"],
      [{ period: JAN, rates: [{ currency: "XYZ", rate: 1 }] }, "checkin_currency_unknown", "rates[0].currency"],
      [{ period: JAN, rates: [], newCurrency: "THB" }, "required", "newRate"],
      [
        { period: JAN, rates: [{ currency: "THB", rate: 0.03 }], newCurrency: "THB", newRate: 0.02 },
        "checkin_rate_duplicate",
        "newCurrency",
      ],
      [{ period: "2026-12", rates: [{ currency: "THB", rate: 0.03 }] }, "not_found", undefined],
    ];
    for (const [input, code, field] of cases) {
      const result = await setPeriodRates(organiser, f.contest.id, f.cohortId, input);
      expect(result, code).toMatchObject({ ok: false, error: { code, ...(field ? { field } : {}) } });
    }
    for (const user of [f.mentor, f.lead, f.judge, null])
      expect(
        await setPeriodRates(await ctxOf(user), f.contest.id, f.cohortId, {
          period: JAN,
          rates: [{ currency: "THB", rate: 0.03 }],
        }),
      ).toEqual({
        ok: false,
        error: { code: "not_found" },
      });
    // A cohort of another contest does not exist under this one.
    expect(await ratesPage(organiser, other.id, f.cohortId)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(
      await setPeriodRates(organiser, other.id, f.cohortId, { period: JAN, rates: [{ currency: "THB", rate: 0.03 }] }),
    ).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("lists the overdue check-ins of teams still filing", async () => {
    await saveCheckin(await makeCtx(t.db, f.stranger, { now: DURING_JAN_WINDOW }), f.ctB, JAN, {
      ...full(),
      milestones: [],
    });
    const result = await overdueCheckins(await ctxOf(f.organiser, at("2027-03-12")), f.contest.id, f.cohortId);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.map((o) => [o.teamName, o.period.key, o.status])).toEqual([
      ["GreenLoop Energy", "2027-01", "none"],
      ["Coral Watch", "2027-02", "none"],
      ["GreenLoop Energy", "2027-02", "none"],
    ]);
    await t.db.updateTable("cohort_teams").set({ status: "left" }).where("id", "=", f.ctB).execute();
    const after = await overdueCheckins(await ctxOf(f.organiser, at("2027-03-12")), f.contest.id, f.cohortId);
    expect(after.ok && after.value.map((o) => o.teamName)).toEqual(["GreenLoop Energy", "GreenLoop Energy"]);
  });
});

describe("check-in reminders", () => {
  const APP = "https://trellis.example.org";
  const outbox = () =>
    t.db
      .selectFrom("outbox_messages")
      .select(["to_address", "language", "subject", "text_body"])
      .where("kind", "=", "checkin_reminder")
      .orderBy("id")
      .execute();

  it("emails every member in their language once per step, and nothing for a submitted check-in", async () => {
    // Coral Watch submits January; GreenLoop does not.
    await saveCheckin(await makeCtx(t.db, f.stranger, { now: DURING_JAN_WINDOW }), f.ctB, JAN, { ...full(), milestones: [] });

    // Not yet: the first step for January is three days before 10 February.
    expect(await sendCheckinReminders(t.db, at("2027-02-06"), APP)).toEqual({ reminders: 0, emails: 0 });
    expect(await sendCheckinReminders(t.db, at("2027-02-07"), APP)).toEqual({ reminders: 1, emails: 2 });
    const mails = await outbox();
    expect(mails.map((m) => [m.to_address, m.language])).toEqual([
      [f.lead.email, "en"],
      [f.member.email, "zh-CN"],
    ]);
    expect(mails[0]!.subject).toBe("Check-in due on Feb 10, 2027: GreenLoop Energy, January 2027");
    expect(mails[0]!.text_body).toContain(`${APP}/incubation/${f.ctA}/checkins/2027-01`);
    expect(mails[0]!.text_body).toContain("in Cohort 2027 is due on Feb 10, 2027");
    expect(mails[1]!.subject).toBe("进展报告将于 2027年2月10日 截止：GreenLoop Energy，2027年1月");
    expect(mails[1]!.text_body).toContain("2027 孵化批次");

    // The same day again, and the next day: nothing more.
    expect(await sendCheckinReminders(t.db, at("2027-02-07"), APP)).toEqual({ reminders: 0, emails: 0 });
    expect(await sendCheckinReminders(t.db, at("2027-02-08"), APP)).toEqual({ reminders: 0, emails: 0 });
    // Overdue the day after the due day, then a week later; each once.
    expect(await sendCheckinReminders(t.db, at("2027-02-11"), APP)).toEqual({ reminders: 1, emails: 2 });
    expect(await sendCheckinReminders(t.db, at("2027-02-11"), APP)).toEqual({ reminders: 0, emails: 0 });
    const overdue = (await outbox())[2]!;
    expect(overdue.subject).toBe("Overdue check-in: GreenLoop Energy, January 2027");
    expect(overdue.text_body).toContain("You can still file it until Apr 11, 2027.");

    const steps = await t.db.selectFrom("checkin_reminders").select(["cohort_team_id", "period", "step"]).orderBy("id").execute();
    expect(steps).toEqual([
      { cohort_team_id: f.ctA, period: JAN, step: "due_soon" },
      { cohort_team_id: f.ctA, period: JAN, step: "overdue" },
    ]);
    const audits = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "checkin.reminder_sent").execute();
    expect(audits.map((a) => [a.actor_user_id, JSON.parse(a.after_json!).step])).toEqual([
      [null, "due_soon"],
      [null, "overdue"],
    ]);

    // Once January is submitted, its last step never goes out.
    const row = await checkinRow();
    await saveCheckin(await ctxOf(f.lead, at("2027-02-12")), f.ctA, JAN, full({ version: row?.version ?? 0 }));
    expect(await sendCheckinReminders(t.db, at("2027-02-18"), APP)).toEqual({ reminders: 0, emails: 0 });
  });

  it("sends only the latest step after a pause, and nothing to a team that left or for a closed period", async () => {
    // Nothing ran in February: on 20 February January's latest step is "overdue again".
    expect(await sendCheckinReminders(t.db, at("2027-02-20"), APP)).toEqual({ reminders: 2, emails: 3 });
    const steps = await t.db
      .selectFrom("checkin_reminders")
      .select(["cohort_team_id", "step"])
      .orderBy("cohort_team_id")
      .execute();
    expect(steps).toEqual([
      { cohort_team_id: f.ctA, step: "overdue_again" },
      { cohort_team_id: f.ctB, step: "overdue_again" },
    ]);
    expect((await outbox()).find((m) => m.language === "vi")?.subject).toBe(
      "Vẫn chưa nhận được: báo cáo tiến độ của Coral Watch cho tháng 1 năm 2027",
    );
    await t.db.updateTable("cohort_teams").set({ status: "left" }).where("id", "=", f.ctB).execute();
    // February's first step is due on 7 March: only GreenLoop gets it.
    expect(await sendCheckinReminders(t.db, at("2027-03-07"), APP)).toEqual({ reminders: 1, emails: 2 });
    // Long after every period closed, nothing is sent.
    const before = await snapshot(t.db);
    expect(await sendCheckinReminders(t.db, at("2027-12-01"), APP)).toEqual({ reminders: 0, emails: 0 });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("delivers a reminder over real SMTP with the link to the check-in", async () => {
    const smtp = await startSmtpCatcher();
    try {
      await sendCheckinReminders(t.db, at("2027-02-07"), APP);
      const transport = createSmtpTransport(smtp.url);
      const report = await deliverDueMail(t.db, transport, { from: "Trellis <no-reply@trellis.test>", now: at("2027-02-07") });
      transport.close();
      // GreenLoop's two members and Coral Watch's one.
      expect(report).toEqual({ sent: 3, failed: 0 });
      const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(f.member.email));
      expect(mail.subject).toBe("进展报告将于 2027年2月10日 截止：GreenLoop Energy，2027年1月");
      expect(mail.text).toContain(`${APP}/incubation/${f.ctA}/checkins/2027-01`);
      expect(mail.html).toContain(`href="${APP}/incubation/${f.ctA}/checkins/2027-01"`);
      expect(mail.headers.get("content-language")).toBe("zh-CN");
    } finally {
      await smtp.close();
    }
  });

  it("is sent for one cohort on an organiser's request, audited with the organiser's name", async () => {
    const ctx = await ctxOf(f.organiser, at("2027-02-07"));
    expect(await remindCohortNow(ctx, f.contest.id, f.cohortId)).toEqual({ ok: true, value: { reminders: 2, emails: 3 } });
    const audits = await t.db
      .selectFrom("audit_events")
      .select("actor_user_id")
      .where("action", "=", "checkin.reminder_sent")
      .execute();
    expect(audits).toEqual([{ actor_user_id: f.organiser.id }, { actor_user_id: f.organiser.id }]);
    const before = await snapshot(t.db);
    for (const user of [f.mentor, f.lead, f.judge, null])
      expect(await remindCohortNow(await ctxOf(user, at("2027-02-11")), f.contest.id, f.cohortId)).toEqual({
        ok: false,
        error: { code: "not_found" },
      });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("runs from the server's timer right away and then on its interval, and not at all with interval 0", async () => {
    expect(startCheckinReminders({ db: t.db, appUrl: APP, intervalMs: 0, isPrimary: async () => true })).toBeNull();
    const lines: string[] = [];
    const timer = startCheckinReminders({
      db: t.db,
      appUrl: APP,
      intervalMs: 60_000,
      isPrimary: async () => true,
      log: (line) => lines.push(line),
      now: () => at("2027-02-07"),
    });
    expect(timer).not.toBeNull();
    await timer!.stop();
    expect(await t.db.selectFrom("checkin_reminders").select("step").execute()).toHaveLength(2);
    expect(lines).toEqual(["check-in reminders: 2 sent (3 emails)"]);

    // A replica sends nothing.
    await t.db.deleteFrom("checkin_reminders").execute();
    const replica = startCheckinReminders({
      db: t.db,
      appUrl: APP,
      intervalMs: 60_000,
      isPrimary: async () => false,
      now: () => at("2027-02-07"),
    });
    await replica!.stop();
    expect(await t.db.selectFrom("checkin_reminders").select("step").execute()).toHaveLength(0);
  });
});
