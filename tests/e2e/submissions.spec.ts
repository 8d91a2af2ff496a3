// Handing in materials in a real browser: a founder uploads a deck and a text answer, replaces the
// deck, and once the organiser moves the deadline into the past the page is read-only.
import type { Page } from "@playwright/test";
import { makePdf } from "../support/documents";
import { expect, test, watchConsole } from "./fixtures";
import { signIn, signOut } from "./support";

/** A wall-clock time in Asia/Shanghai (the demo contest's zone) for a datetime-local input. */
function shanghai(offsetDays: number): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

async function setRoundWindow(page: Page, opens: string, closes: string) {
  await page.goto("/manage/1/rounds/1");
  const settings = page.locator("form", { has: page.locator('input[name="intent"][value="update-round"]') });
  await settings.getByLabel("Submissions open").fill(opens);
  await settings.getByLabel("Submissions close").fill(closes);
  await settings.getByLabel("Review opens").fill(closes);
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your changes were saved.")).toBeVisible();
}

test("a founder hands in a deck and an answer, replaces the deck, and the form closes at the deadline", async ({
  page,
  mailbox,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  // The organiser opens the demo contest's first round now.
  await signIn(page, "organiser@demo.trellis.test");
  await setRoundWindow(page, shanghai(-30), shanghai(60));
  await signOut(page);

  // The lead registers the team, then opens the round's materials from the team page.
  await signIn(page, "founder5@demo.trellis.test");
  await page.goto("/contests/china-asean-2026/register");
  await page.getByLabel("Health and biotechnology").check();
  await page.getByLabel("We accept the terms and conditions.").check();
  await page.getByLabel("We make the declaration above.").check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText(/Your team is registered/)).toBeVisible();
  await page.getByRole("link", { name: "Materials: Preliminary online review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Materials for Preliminary online review");
  await checkA11y(page);

  const deck = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Pitch deck/ }) });
  await deck
    .getByLabel("Choose a file")
    .setInputFiles({ name: "MediBridge deck.pdf", mimeType: "application/pdf", buffer: makePdf(6) });
  await deck.getByRole("button", { name: "Hand in" }).click();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  await expect(deck.getByRole("link", { name: "MediBridge deck.pdf" })).toBeVisible();

  // A PNG dressed as a PDF is refused with a message, and nothing changes.
  await deck.getByLabel("Choose a file").setInputFiles({
    name: "fake.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
  });
  await deck.getByRole("button", { name: "Replace" }).click();
  await expect(deck.getByText("This file is not a PDF.")).toBeVisible();
  await checkA11y(page);

  await deck.getByLabel("Choose a file").setInputFiles({ name: "deck v2.pdf", mimeType: "application/pdf", buffer: makePdf(8) });
  await deck.getByRole("button", { name: "Replace" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await expect(deck.getByText("All 2 versions")).toBeVisible();

  const answer = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /What problem do you solve/ }) });
  await answer.getByLabel("Your answer").fill("Clinics near the borders lack doctors who speak their patients' languages.");
  await answer.getByRole("button", { name: "Hand in" }).click();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  // A receipt goes to every member, listing each file with its SHA-256.
  await page.getByRole("button", { name: "Email a receipt to the team" }).click();
  await expect(page.getByText("A receipt was sent to every member of the team.")).toBeVisible();
  const receipt = await mailbox.waitFor(
    (m) => JSON.stringify(m.to).includes("founder6@demo.trellis.test") && (m.subject ?? "").startsWith("Receipt:"),
  );
  expect(receipt.text).toContain("deck v2.pdf");
  expect(receipt.text).toMatch(/SHA-256 [0-9a-f]{64}/);
  const materialsUrl = page.url();
  await signOut(page);

  // The organiser moves the deadline into the past: the page becomes read-only.
  await signIn(page, "organiser@demo.trellis.test");
  await setRoundWindow(page, shanghai(-30), shanghai(-1));
  await signOut(page);
  await signIn(page, "founder5@demo.trellis.test");
  await page.goto(materialsUrl);
  await expect(page.getByText("The deadline has passed: the materials below are final.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Replace" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "deck v2.pdf" })).toBeVisible();
  await checkA11y(page);
  expect(problems).toEqual([]);
});
