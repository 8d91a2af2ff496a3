// From scores to winners in a real browser. The scores of round 1 are written straight into the
// app's database (three judges for every demo entry, so the methods differ), then the organiser
// compares the methods, advances the top 2 per track, gives awards and publishes; a founder reads the
// team's feedback and downloads its certificate (its text read back with pdfjs); the public page
// shows the winners; the certificate's verification page confirms it.
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, test, watchConsole } from "./fixtures";
import { signIn, signOut } from "./support";

const DB_PATH = "test-results/e2e/trellis.db";

/** Share of each criterion's scale per entry code: GreenLoop first, then the others in turn. */
const QUALITY: Record<string, number> = { "T-0427": 0.9, "T-1138": 0.8, "T-2051": 0.7, "T-3306": 0.6, "T-4712": 0.5 };
const JUDGES = ["judge2", "judge3", "judge4"];

function scoreRoundOne() {
  const db = new Database(DB_PATH);
  try {
    db.pragma("busy_timeout = 5000");
    const round = db.prepare("select id, rubric_id from rounds where contest_id = 1 order by position limit 1").get() as {
      id: number;
      rubric_id: number;
    };
    const criteria = db
      .prepare("select id, scale_min, scale_max, scale_step from criteria where rubric_id = ?")
      .all(round.rubric_id) as Array<{ id: number; scale_min: number; scale_max: number; scale_step: number }>;
    const entries = db.prepare("select id, code from entries where contest_id = 1 and status = 'registered'").all() as Array<{
      id: number;
      code: string;
    }>;
    const now = new Date().toISOString();
    db.transaction(() => {
      for (const [j, name] of JUDGES.entries()) {
        const judge = db.prepare("select id from users where email = ?").get(`${name}@demo.trellis.test`) as { id: number };
        for (const entry of entries) {
          const quality = (QUALITY[entry.code] ?? 0.4) - j * 0.05;
          db.prepare(
            "insert or ignore into assignments (round_id, entry_id, judge_id, source, assigned_by, created_at) values (?, ?, ?, 'manual', null, ?)",
          ).run(round.id, entry.id, judge.id, now);
          const assignment = db
            .prepare("select id from assignments where round_id = ? and entry_id = ? and judge_id = ?")
            .get(round.id, entry.id, judge.id) as { id: number };
          db.prepare("delete from reviews where assignment_id = ?").run(assignment.id);
          const feedback =
            entry.code === "T-0427" ? `Judge note ${j + 1}: strong traction; sharpen the go-to-market plan.` : null;
          const review = db
            .prepare(
              "insert into reviews (assignment_id, status, feedback, note, confidence, created_at, updated_at, submitted_at) values (?, 'submitted', ?, 'for organisers only', 4, ?, ?, ?) returning id",
            )
            .get(assignment.id, feedback, now, now, now) as { id: number };
          for (const c of criteria) {
            const raw = c.scale_min + quality * (c.scale_max - c.scale_min);
            const value = Math.min(c.scale_max, Math.max(c.scale_min, Math.round(raw / c.scale_step) * c.scale_step));
            db.prepare("insert into criterion_scores (review_id, criterion_id, value, comment) values (?, ?, ?, null)").run(
              review.id,
              c.id,
              value,
            );
          }
        }
      }
    })();
    return round.id;
  } finally {
    db.close();
  }
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
}

async function addAward(page: Page, name: string) {
  await page.getByRole("textbox", { name: "Award name (English)" }).fill(name);
  await page.getByRole("button", { name: "Add the award" }).click();
  await expect(page.getByText("The award was added.")).toBeVisible();
}

test("an organiser advances, awards and publishes; a team reads its feedback and certificate; the public sees the winners", async ({
  page,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  const roundId = scoreRoundOne();
  await signIn(page, "organiser@demo.trellis.test");

  // Compare the methods side by side, then look at the ranking by the median.
  await page.goto(`/manage/1/rounds/${roundId}/results`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Results");
  await page.getByLabel("Rank by").selectOption("median");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/method=median/);
  await expect(page.getByText("T-0427").first()).toBeVisible();
  await checkA11y(page);

  // Advance the top 2 per track.
  await page.goto(`/manage/1/rounds/${roundId}/advancement`);
  await page.getByLabel("The top").check();
  await page.getByLabel("Number of entries per track").fill("2");
  await page.getByRole("button", { name: "Preview the cut line" }).click();
  await checkA11y(page);
  await page.getByRole("button", { name: /Confirm: advance \d+ entr/ }).click();
  await expect(page.getByText(/Advancement confirmed: \d+ entr/)).toBeVisible();
  await expect(page.getByText(/Confirmed: \d+ entries advanced to/)).toBeVisible();

  // Awards: a gold for GreenLoop, a special prize for PadiSense.
  await page.goto(`/manage/1/rounds/${roundId}/awards`);
  await addAward(page, "Gold");
  await addAward(page, "Best social impact");
  await page.getByLabel("Grant Gold to").selectOption({ label: "T-0427 — GreenLoop Energy" });
  await page
    .locator("form", { has: page.getByLabel("Grant Gold to") })
    .getByRole("button", { name: "Grant" })
    .click();
  await expect(page.getByText("The award was granted.")).toBeVisible();
  await page.getByLabel("Grant Best social impact to").selectOption({ label: "T-1138 — PadiSense" });
  await page
    .locator("form", { has: page.getByLabel("Grant Best social impact to") })
    .getByRole("button", { name: "Grant" })
    .click();
  await expect(page.getByText("The award was granted.")).toBeVisible();

  await checkA11y(page);

  // Publish.
  await page.goto(`/manage/1/rounds/${roundId}/publish`);
  await checkA11y(page);
  await page.getByRole("button", { name: "Publish the results" }).click();
  await expect(page.getByText("Results published.", { exact: false })).toBeVisible();
  await signOut(page);

  // The founder of GreenLoop reads the team's results and feedback, and downloads the certificate.
  await signIn(page, "founder1@demo.trellis.test");
  await page.goto("/");
  await page
    .getByRole("link", { name: /GreenLoop Energy/ })
    .first()
    .click();
  await page
    .getByRole("link", { name: /Results/ })
    .first()
    .click();
  await expect(page.getByText("Judge note 1: strong traction; sharpen the go-to-market plan.")).toBeVisible();
  await expect(page.getByText("for organisers only")).toHaveCount(0);
  await expect(page.getByText("Judge Two")).toHaveCount(0);
  await checkA11y(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", { name: /Download PDF/ })
      .first()
      .click(),
  ]);
  const path = await download.path();
  const bytes = await import("node:fs/promises").then((fs) => fs.readFile(path));
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(bytes);
  expect(text).toContain("GreenLoop Energy");
  expect(text).toContain("Gold");
  const code = /TR-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)?.[0];
  expect(code, `verification code in: ${text}`).toBeTruthy();
  await signOut(page);

  // The public: the winners on the results page, and the certificate confirmed by its code.
  await page.goto("/contests/china-asean-2026");
  await page.getByRole("link", { name: "See the published results" }).click();
  await expect(page).toHaveURL(/\/contests\/china-asean-2026\/results$/);
  await expect(page.getByText("Gold").first()).toBeVisible();
  await expect(page.getByText("GreenLoop Energy").first()).toBeVisible();
  await expect(page.getByText("Best social impact").first()).toBeVisible();
  await expect(page.getByText("Judge note 1", { exact: false })).toHaveCount(0);
  await checkA11y(page);

  await page.goto(`/certificates/${code!.toLowerCase()}`);
  await expect(page.getByText("Valid certificate", { exact: false })).toBeVisible();
  await expect(page.getByText("GreenLoop Energy").first()).toBeVisible();
  await checkA11y(page);

  expect(problems).toEqual([]);
});
