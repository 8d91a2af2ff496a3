// The live final in real browsers: the organiser sets round 2 up (window open, 8+7, trimmed mean),
// creates a session with two finalists and two judges and runs it from the desk; two judges score
// on their phones, one of them through a dropped connection; the desk sees each score arrive live,
// reveals the result and opens the score sheet.
import type { Page } from "@playwright/test";
import { expect, test, watchConsole } from "./fixtures";
import { shanghai, signIn } from "./support";

const PHONE = { width: 390, height: 844 };

async function scoreAll(page: Page, option: "first" | "last") {
  const scores = page.locator(".roadshow-score-form select");
  const count = await scores.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const values = await scores
      .nth(i)
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await scores.nth(i).selectOption(option === "first" ? values[1]! : values[values.length - 1]!);
  }
}

test("an organiser runs the live final; judges score on their phones, through a dropped connection", async ({
  page,
  browser,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  await signIn(page, "organiser@demo.trellis.test");

  // Round 2: its review window open now, an 8+7 format and the trimmed mean.
  await page.goto("/manage/1/rounds/2");
  const settings = page.locator("form", { has: page.locator('input[name="intent"][value="update-round"]') });
  await settings.getByLabel("Submissions open").fill("");
  await settings.getByLabel("Submissions close").fill("");
  await settings.getByLabel("Review opens").fill(shanghai(-1));
  await settings.getByLabel("Review closes").fill(shanghai(2));
  await settings.getByLabel("How reviews are combined").selectOption("trimmed_mean");
  await settings.getByLabel("Pitch format (minutes)").fill("8 + 7");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your changes were saved.")).toBeVisible();
  await expect(settings.getByLabel("Pitch format (minutes)")).toHaveValue("8+7");

  // A session: the second registered entry goes first, then the first; judge2 and judge3 on the panel.
  await page.getByRole("link", { name: "Live final roadshow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Live final");
  const entries = page.locator('input[name="entry"]');
  await entries.nth(0).check();
  await entries.nth(1).check();
  const first = (await page.locator(".roadshow-pick li").nth(1).locator(".entry-code").textContent())!.trim();
  await page.locator('input[name^="position."]').nth(1).fill("1");
  await page.locator('input[name^="position."]').nth(0).fill("2");
  await page.getByLabel(/judge2@demo\.trellis\.test/).check();
  await page.getByLabel(/judge3@demo\.trellis\.test/).check();
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Control desk");
  const sessionId = /\/roadshow\/(\d+)$/.exec(page.url())![1]!;
  await checkA11y(page);

  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.locator(".roadshow-finalist")).toContainText(first);
  await page.getByRole("button", { name: "Start pitch" }).click();
  await expect(page.locator(".roadshow-current .phase-timer")).toContainText(/[78]:\d\d/);
  await expect(page.getByText("Panel: 0 of 2 have scored")).toBeVisible();
  await checkA11y(page);

  // Two judges on their phones.
  const contextA = await browser.newContext({ viewport: PHONE });
  const contextB = await browser.newContext({ viewport: PHONE });
  const judgeA = await contextA.newPage();
  const judgeB = await contextB.newPage();
  const problemsA = watchConsole(judgeA);
  const problemsB = watchConsole(judgeB);
  await signIn(judgeA, "judge2@demo.trellis.test");
  await judgeA.goto("/judging");
  await expect(judgeA.getByText("Live session in progress")).toBeVisible();
  await judgeA.getByRole("link", { name: "open", exact: true }).click();
  await expect(judgeA.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(judgeA.locator(".phase-pitch")).toBeVisible();
  await checkA11y(judgeA);
  await signIn(judgeB, "judge3@demo.trellis.test");
  await judgeB.goto(`/roadshow/${sessionId}`);

  // The organiser moves on to the questions: the phones follow without a reload.
  await page.getByRole("button", { name: "Start questions" }).click();
  await expect(judgeA.locator(".phase-qa")).toBeVisible();
  await expect(judgeB.locator(".phase-qa")).toBeVisible();

  await scoreAll(judgeA, "last");
  await judgeA.getByRole("button", { name: "Submit scores" }).click();
  await expect(judgeA.getByText("Sent ✓")).toBeVisible();
  await expect(judgeA.getByText("You have scored this finalist.")).toBeVisible();
  // The desk sees the tick arrive by itself.
  await expect(page.getByText("Panel: 1 of 2 have scored")).toBeVisible();

  // judge3's Wi-Fi drops as they press Submit: the score waits and goes out when back online.
  await page.getByRole("button", { name: "Open scoring" }).click();
  await expect(judgeB.locator(".phase-scoring")).toBeVisible();
  await scoreAll(judgeB, "first");
  await contextB.setOffline(true);
  await judgeB.getByRole("button", { name: "Submit scores" }).click();
  await expect(judgeB.getByText("Not sent yet — will retry")).toBeVisible();
  await contextB.setOffline(false);
  await expect(judgeB.getByText("Sent ✓")).toBeVisible();
  await expect(page.getByText("Panel: 2 of 2 have scored")).toBeVisible();

  // Close and reveal: two reviews, so a plain mean of 100 and 0 (trimming starts at five).
  await page.getByRole("button", { name: "Close and reveal" }).click();
  await expect(page.getByText("Result: 50.00")).toBeVisible();
  await expect(page.getByText(/2 reviews counted\. Nothing dropped/)).toBeVisible();
  await expect(judgeA.getByText("This finalist's result has been revealed.").or(judgeA.locator(".phase-closed"))).toBeVisible();
  await checkA11y(page);

  // The big screen shows the result, and never the scores.
  const screen = await page.context().newPage();
  const problemsScreen = watchConsole(screen);
  await screen.goto(`/roadshow/${sessionId}/screen`);
  await expect(screen.getByText("Result: 50.00")).toBeVisible();
  await checkA11y(screen);
  await screen.close();

  // The score sheet, printable and as CSV.
  await page.getByRole("link", { name: `Score sheet of ${first}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Score sheet: ${first}`);
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.getByRole("row", { name: /100\.00/ })).toBeVisible();
  const csv = await page.request.get(`${page.url()}.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain("50");
  await checkA11y(page);

  await contextA.close();
  await contextB.close();
  // Going offline makes the browser report the failed requests; nothing else may appear.
  const offline = /ERR_INTERNET_DISCONNECTED|Failed to fetch/;
  expect([...problems, ...problemsA, ...problemsB.filter((p) => !offline.test(p)), ...problemsScreen]).toEqual([]);
});
