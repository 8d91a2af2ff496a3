// Handing in materials in a real browser: a founder uploads a deck (with a progress bar) and drops a
// business plan onto its drop zone, replaces the deck, answers a question and mails a receipt; the
// form closes by itself when the countdown runs out, and once the organiser moves the deadline
// into the past the page is read-only.
import type { JSHandle, Page } from "@playwright/test";
import { makeDocx, makePdf } from "../support/documents";
import { expect, test, watchConsole } from "./fixtures";
import { setRoundWindow, shanghai, signIn, signOut } from "./support";

/** A DataTransfer holding one file, made in the page, as a drag from the desktop would carry it. */
function fileTransfer(page: Page, file: { name: string; type: string; base64?: string; size?: number }): Promise<JSHandle> {
  return page.evaluateHandle(({ name, type, base64, size }) => {
    const bytes = base64 ? Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) : new Uint8Array(size ?? 0);
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type }));
    return transfer;
  }, file);
}

test("a founder hands in a deck and a plan with progress, replaces the deck, and the form closes at the deadline", async ({
  page,
  browser,
  mailbox,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  // The organiser opens the demo contest's first round now.
  await signIn(page, "organiser@demo.trellis.test");
  await setRoundWindow(page, { opens: shanghai(-30), closes: shanghai(60) });
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
  // The deadline, then (once the page is live) the time left: about 60 days.
  await expect(page.getByRole("timer")).toHaveText(/^(59 days 23 hours|60 days) left$/);
  await checkA11y(page);

  const deck = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Pitch deck/ }) });
  await expect(deck.getByText("Not handed in yet")).toBeVisible();
  // A deck of a few hundred kilobytes, so there is something to show progress for.
  await deck.getByLabel("Choose a file").setInputFiles({
    name: "MediBridge deck.pdf",
    mimeType: "application/pdf",
    buffer: makePdf(6, { label: "x".repeat(60_000) }),
  });
  await expect(deck.getByText(/^Chosen: MediBridge deck\.pdf \(\d+(\.\d)? kB\)$/)).toBeVisible();
  await deck.getByRole("button", { name: "Hand in" }).click();
  await expect(deck.getByRole("progressbar", { name: "Uploaded: MediBridge deck.pdf" })).toHaveJSProperty("value", 100);
  await expect(deck.getByText("100%")).toBeVisible();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  await expect(deck.getByText("Handed in")).toBeVisible();
  await expect(deck.getByRole("link", { name: "MediBridge deck.pdf" })).toBeVisible();
  await checkA11y(page);

  // A PNG dressed as a PDF is refused by the server with a message under the deck, and nothing changes.
  await deck.getByLabel("Choose a file").setInputFiles({
    name: "fake.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
  });
  await deck.getByRole("button", { name: "Replace" }).click();
  await expect(deck.getByText("This file is not a PDF.")).toBeVisible();
  await expect(deck.getByLabel("Choose a file")).toHaveAttribute("aria-invalid", "true");
  await expect(deck.getByLabel("Choose a file")).toBeFocused();
  await expect(deck.getByText("Version 1:")).toBeVisible();
  await checkA11y(page);

  // An upload that hangs can be cancelled, and nothing is handed in. (The request is held, never answered.)
  await page.route("**/upload", () => {});
  await deck
    .getByLabel("Choose a file")
    .setInputFiles({ name: "deck draft.pdf", mimeType: "application/pdf", buffer: makePdf(2) });
  await deck.getByRole("button", { name: "Replace" }).click();
  await deck.getByRole("button", { name: "Cancel the upload" }).click();
  await expect(deck.getByText("The upload was cancelled.")).toBeAttached();
  await expect(deck.getByRole("button", { name: "Cancel the upload" })).toHaveCount(0);
  await expect(deck.getByLabel("Choose a file")).toBeFocused();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await expect(deck.getByText("Version 1:")).toBeVisible();

  await deck.getByLabel("Choose a file").setInputFiles({ name: "deck v2.pdf", mimeType: "application/pdf", buffer: makePdf(8) });
  await deck.getByRole("button", { name: "Replace" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await expect(deck.getByText("Version 2:")).toBeVisible();
  await expect(deck.getByText("All 2 versions")).toBeVisible();

  // A file over the deck's 20 MB is refused in the browser before anything is sent.
  const dropZone = deck.locator(".dropzone");
  await dropZone.dispatchEvent("drop", {
    dataTransfer: await fileTransfer(page, { name: "huge.pdf", type: "application/pdf", size: 21 * 1024 * 1024 }),
  });
  await expect(deck.getByText("This file is too large: at most 20 MB.")).toBeVisible();
  await deck.getByRole("button", { name: "Replace" }).click();
  await expect(deck.getByRole("progressbar")).toHaveCount(0);
  await expect(deck.getByText("Version 2:")).toBeVisible();

  // The business plan is dragged onto its drop zone: highlighted while over it, then chosen.
  const plan = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Business plan/ }) });
  const docx = await fileTransfer(page, {
    name: "MediBridge plan.docx",
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    base64: (await makeDocx()).toString("base64"),
  });
  const planZone = plan.locator(".dropzone");
  await planZone.dispatchEvent("dragenter", { dataTransfer: docx });
  await expect(planZone).toHaveClass(/is-dragging/);
  await planZone.dispatchEvent("drop", { dataTransfer: docx });
  await expect(planZone).not.toHaveClass(/is-dragging/);
  await expect(plan.getByText(/^Chosen: MediBridge plan\.docx/)).toBeVisible();
  await plan.getByRole("button", { name: "Hand in" }).click();
  await expect(plan.getByRole("progressbar", { name: "Uploaded: MediBridge plan.docx" })).toHaveJSProperty("value", 100);
  await expect(plan.getByText("Version 1:")).toBeVisible();
  await expect(plan.getByRole("link", { name: "MediBridge plan.docx" })).toBeVisible();

  const answer = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /What problem do you solve/ }) });
  await answer.getByLabel("Your answer").fill("Clinics near the borders lack doctors who speak their patients' languages.");
  await answer.getByRole("button", { name: "Hand in" }).click();
  await expect(answer.getByText("Version 1:")).toBeVisible();
  await checkA11y(page);
  // A receipt goes to every member, listing each file with its SHA-256.
  await page.getByRole("button", { name: "Email a receipt to the team" }).click();
  await expect(page.getByText("A receipt was sent to every member of the team.")).toBeVisible();
  const receipt = await mailbox.waitFor(
    (m) => JSON.stringify(m.to).includes("founder6@demo.trellis.test") && (m.subject ?? "").startsWith("Receipt:"),
  );
  expect(receipt.text).toContain("deck v2.pdf");
  expect(receipt.text).toContain("MediBridge plan.docx");
  expect(receipt.text).toMatch(/SHA-256 [0-9a-f]{64}/);
  const materialsUrl = page.url();

  // Without JavaScript the same form still hands in a file, through the page's own action.
  const noScript = await browser.newContext({ baseURL: new URL(materialsUrl).origin, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await signIn(plain, "founder5@demo.trellis.test");
  await plain.goto(materialsUrl);
  const plainDeck = plain.getByRole("article").filter({ has: plain.getByRole("heading", { name: /^Pitch deck/ }) });
  await plainDeck
    .getByLabel("Choose a file")
    .setInputFiles({ name: "deck v3.pdf", mimeType: "application/pdf", buffer: makePdf(2) });
  await plainDeck.getByRole("button", { name: "Replace" }).click();
  await expect(plain.getByText("Saved as version 3.")).toBeVisible();
  await expect(plainDeck.getByRole("link", { name: "deck v3.pdf" })).toBeVisible();
  await expect(plain.getByRole("timer")).toBeEmpty();
  await noScript.close();

  // When the countdown runs out on an open page, the forms close there and then.
  const later = await page.context().newPage();
  const laterProblems = watchConsole(later);
  await later.clock.install();
  await later.goto(materialsUrl);
  await expect(later.getByRole("timer")).toHaveText(/ left$/);
  await expect(later.getByRole("button", { name: "Replace" }).first()).toBeEnabled();
  await later.clock.fastForward(61 * 86_400_000);
  await expect(later.getByRole("alert")).toHaveText(
    "The deadline has just passed: the forms are closed. Everything handed in before it is kept.",
  );
  for (const button of await later.getByRole("button", { name: /^(Replace|Hand in)$/ }).all())
    await expect(button).toBeDisabled();
  await expect(later.getByLabel("Choose a file").first()).toBeDisabled();
  await checkA11y(later);
  await later.close();
  expect(laterProblems).toEqual([]);
  await signOut(page);

  // The organiser moves the deadline into the past: the page becomes read-only.
  await signIn(page, "organiser@demo.trellis.test");
  await setRoundWindow(page, { opens: shanghai(-30), closes: shanghai(-1) });
  await signOut(page);
  await signIn(page, "founder5@demo.trellis.test");
  await page.goto(materialsUrl);
  await expect(page.getByText("The deadline has passed: the materials below are final.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Replace" })).toHaveCount(0);
  await expect(page.getByLabel("Choose a file")).toHaveCount(0);
  await expect(page.getByRole("timer")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "deck v3.pdf" })).toBeVisible();
  await expect(page.getByRole("link", { name: "MediBridge plan.docx" })).toBeVisible();
  await checkA11y(page);
  expect(problems).toEqual([]);
});
