// Heats feeding a final, in a real browser, on the demo's Startup Cup: the Viet Nam heat has already
// published; the organiser publishes the Indonesia and Thailand heats, sees the finalists roll up by
// quota (top 2 per heat and track), adds one wild card with a reason, and sends the finalists to the
// final. The final is judged pairwise: two judges compare entries in two browser contexts, and the
// organiser sees the ranking.
import type { Page } from "@playwright/test";
import { expect, test, watchConsole } from "./fixtures";
import { signIn } from "./support";

const FINAL = "China–ASEAN Startup Cup 2026 — Final";

async function openHeats(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: FINAL }).first().click();
  await page.getByRole("link", { name: "Heats", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Heats" })).toBeVisible();
}

async function publishHeat(page: Page, heat: string) {
  await openHeats(page);
  await page.getByRole("link", { name: heat }).click();
  await page.getByRole("link", { name: "Rounds", exact: true }).click();
  await page.getByRole("link", { name: "Heat round" }).first().click();
  await page.getByRole("link", { name: "Publish results" }).click();
  await page.getByRole("button", { name: "Publish the results" }).click();
  await expect(page.getByText("Results published.", { exact: false })).toBeVisible();
}

async function compare(page: Page, times: number) {
  for (let i = 1; i <= times; i++) {
    await expect(page.getByRole("heading", { name: "Entry A" })).toBeVisible();
    await page.getByRole("button", { name: i % 2 ? "A is stronger" : "B is stronger" }).click();
    await expect(page.getByRole("status")).toContainText(`You have made ${i} comparison`);
  }
}

test("two heats finish, their winners go to the final by quota and a wild card, and the final is judged pairwise", async ({
  page,
  browser,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  await signIn(page, "organiser@demo.trellis.test");

  // Before: only the Viet Nam heat has results; its top 2 per track are listed.
  await openHeats(page);
  const heats = page.getByRole("region", { name: "Heats of this final" });
  await expect(heats.getByRole("row", { name: /Indonesia heat.*Waiting for results/ })).toBeVisible();
  await expect(heats.getByRole("row", { name: /Thailand heat.*Waiting for results/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /VN-01 · Saigon Solar Rooftops/ })).toContainText("Place 1 in its heat");
  await checkA11y(page);

  // The Indonesia and Thailand heats finish.
  await publishHeat(page, "Startup Cup 2026 — Indonesia heat");
  await publishHeat(page, "Startup Cup 2026 — Thailand heat");

  await openHeats(page);
  await expect(heats.getByText("Waiting for results")).toHaveCount(0);
  // Top 2 of each heat in each of the two tracks: 12 finalists; the thirds stay out.
  await expect(page.getByText("12 finalists are ready to enter the final.")).toBeVisible();
  await expect(page.getByRole("row", { name: /ID-01 · Bandung Battery Works/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /TH-04 · Bangkok Clinic Queue/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /ID-03 · Medan Coffee Trace/ })).toHaveCount(0);

  // A wild card needs a reason: too short is refused with the field's error, then given.
  const entrySelect = page.getByLabel("Entry", { exact: true });
  const option = entrySelect.locator("option", { hasText: "ID-03 · Medan Coffee Trace" });
  await entrySelect.selectOption((await option.getAttribute("value"))!);
  await page.getByLabel("Reason", { exact: true }).fill("ok");
  await page.getByRole("button", { name: "Add the wild card" }).click();
  await expect(page.getByText("Write a reason of at least 5 characters.")).toBeVisible();
  await page.getByLabel("Reason", { exact: true }).fill("The only team tracing coffee from farm to cup");
  await page.getByRole("button", { name: "Add the wild card" }).click();
  await expect(page.getByText("The wild card was added.")).toBeVisible();
  const wildCardCode = "ID-03";
  await expect(page.getByRole("row", { name: new RegExp(`${wildCardCode} ·`) })).toContainText(
    "Wild card (place 3 in its heat): The only team tracing coffee from farm to cup",
  );
  await expect(page.getByText("13 finalists are ready to enter the final.")).toBeVisible();
  await checkA11y(page);

  await page.getByRole("button", { name: "Send the finalists to the final" }).click();
  await expect(
    page.getByText("Finalists entered in the final: 13. Skipped (withdrawn or already in the final): 0."),
  ).toBeVisible();
  await expect(page.getByRole("cell", { name: "In the final", exact: true })).toHaveCount(13);

  // The final's round is pairwise: two judges compare entries at the same time, each in their own browser.
  const contextA = await browser.newContext();
  const contextB = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const judgeA = await contextA.newPage();
  const judgeB = await contextB.newPage();
  const problemsA = watchConsole(judgeA);
  const problemsB = watchConsole(judgeB);
  for (const [judge, email] of [
    [judgeA, "judge5@demo.trellis.test"],
    [judgeB, "judge6@demo.trellis.test"],
  ] as const) {
    await signIn(judge, email);
    await judge.goto("/judging");
    await judge.getByRole("link", { name: "Compare entries" }).click();
    await expect(judge.getByRole("heading", { level: 1, name: "Grand final" })).toBeVisible();
  }
  await checkA11y(judgeB);
  await compare(judgeA, 4);
  await compare(judgeB, 3);
  await contextA.close();
  await contextB.close();

  // The organiser sees the ranking of the 13 finalists from 7 comparisons.
  await page.goto("/");
  await page.getByRole("link", { name: FINAL }).first().click();
  await page.getByRole("link", { name: "Rounds", exact: true }).click();
  await page.getByRole("link", { name: "Grand final" }).first().click();
  await page.getByRole("link", { name: "See the pairwise ranking" }).click();
  await expect(page.getByText("7 comparisons so far.")).toBeVisible();
  // One ranking per track: 7 finalists in Digital economy and AI (6 by quota and the wild card), 6 in Health.
  const digital = page.getByRole("region", { name: "Ranking: Digital economy and AI", exact: true });
  const health = page.getByRole("region", { name: "Ranking: Health and biotechnology", exact: true });
  await expect(digital.getByRole("row")).toHaveCount(8);
  await expect(health.getByRole("row")).toHaveCount(7);
  await expect(digital.getByRole("row", { name: new RegExp(wildCardCode) })).toBeVisible();
  await checkA11y(page);

  expect([...problems, ...problemsA, ...problemsB]).toEqual([]);
});
