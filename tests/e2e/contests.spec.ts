// Organisers set up a contest in a real browser: create it, add a track and two rounds, take a
// rubric from a template, meet the "weights must total 100" rule, and open registration.
import { expect, test, watchConsole } from "./fixtures";
import { signIn, signOut } from "./support";

test("an organiser sets up a contest and opens registration; the public sees it only then", async ({ page, checkA11y }) => {
  const problems = watchConsole(page);
  const slug = `mekong-cup-${Date.now()}`;
  await signIn(page, "organiser@demo.trellis.test");
  await page.getByRole("link", { name: "Create a contest" }).click();
  await checkA11y(page);
  await page.getByLabel("Contest name (English)").fill("Mekong Startup Cup");
  await page.getByText("Other languages").first().click();
  await page.getByLabel("Contest name (简体中文)").fill("湄公河创业杯");
  await page.getByLabel("Web address").fill(slug);
  await page.getByLabel("Contest time zone").selectOption("Asia/Bangkok");
  await page.getByRole("button", { name: "Create the contest" }).click();
  await expect(page.getByText("The contest was created as a draft.")).toBeVisible();
  await expect(page.locator(".eyebrow .state")).toHaveText("Draft");
  await checkA11y(page);
  const manageUrl = page.url();

  // A draft is not there for anyone else.
  const context = page.context();
  const anonymous = await context.browser()!.newPage();
  expect((await anonymous.goto(`/contests/${slug}`))?.status()).toBe(404);

  // Tracks: the defaults are there; add one more.
  await page.getByRole("navigation", { name: "Contest management" }).getByRole("link", { name: "Tracks" }).click();
  await expect(page.getByRole("heading", { name: "Add a track" })).toBeVisible();
  await expect(page.locator(".badge", { hasText: "Women-led teams only" })).toBeVisible();
  await page.getByRole("textbox", { name: "Track name (English)" }).fill("Space economy");
  await page.getByRole("button", { name: "Add a track" }).click();
  await expect(page.getByText("The track was added.")).toBeVisible();
  await expect(page.getByText("Space economy")).toBeVisible();
  // Rename it.
  await page.getByLabel("Edit the track Space economy").click();
  await page.locator("details[open]").getByLabel("Track name (English)").fill("Space and satellite economy");
  await page.locator("details[open]").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your changes were saved.")).toBeVisible();
  await expect(page.getByText("Space and satellite economy")).toBeVisible();
  await checkA11y(page);

  // Two rounds; the first with a deadline on the contest's clock and a rubric from a template.
  for (const [name, closes] of [
    ["Preliminary online review", "2027-03-31T23:59"],
    ["Final roadshow", "2027-05-15T18:00"],
  ] as const) {
    await page.getByRole("navigation", { name: "Contest management" }).getByRole("link", { name: "Rounds" }).click();
    await expect(page.getByRole("heading", { name: "Add a round" })).toBeVisible();
    await page.getByLabel("Round name (English)").fill(name);
    await page.getByLabel("Submissions close").fill(closes);
    await page.getByRole("button", { name: "Add a round" }).click();
    await expect(page.getByText("The round was added.")).toBeVisible();
  }
  await checkA11y(page);
  await page.getByLabel("Kind").selectOption("pitch_deck");
  await page.getByLabel("Label shown to teams (English)").fill("Final pitch deck");
  await page.getByRole("button", { name: "Add a material" }).click();
  await expect(page.getByText("The material was added.")).toBeVisible();
  await page.getByLabel("Start from a template").selectOption("general_startup");
  await page.getByRole("button", { name: "Use this template" }).click();
  await expect(page.getByText("The rubric was saved as a new version.")).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Innovation");
  await expect(page.getByRole("table")).toContainText("100%");
  await checkA11y(page);

  // Weights that do not total 100 are refused with the total named.
  await page.getByText("Edit the criteria").click();
  await page.getByLabel("Weight (%)").first().fill("30");
  await page.getByRole("button", { name: "Save the rubric" }).click();
  await expect(page.getByText("The weights must total 100; they total 105 now.")).toBeVisible();
  await checkA11y(page);

  // Open registration; now the public page exists and shows the round deadline in two time zones.
  await page.goto(manageUrl);
  await page.getByRole("button", { name: "Open registration" }).click();
  await expect(page.locator(".eyebrow .state")).toHaveText("Registration open");
  await signOut(page);
  await page.goto(`/contests/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mekong Startup Cup");
  await expect(page.getByText("Space and satellite economy")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Final roadshow" })).toBeVisible();
  await checkA11y(page);
  await page.locator("#language-select").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("湄公河创业杯");
  await page.locator("#language-select").selectOption("en");
  await anonymous.close();
  expect(problems).toEqual([]);
});

test("the demo contest's public page lists its tracks and rounds; a founder cannot manage it", async ({ page, checkA11y }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "China–ASEAN Innovation and Entrepreneurship Contest 2026" }).click();
  await expect(page.getByRole("heading", { name: "Preliminary online review" })).toBeVisible();
  await expect(page.getByText("Health and biotechnology")).toBeVisible();
  await checkA11y(page);
  await signIn(page, "founder1@demo.trellis.test");
  const contestPage = await page.goto("/contests/china-asean-2026");
  expect(contestPage?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Manage this contest" })).toHaveCount(0);
  const manage = await page.goto("/manage/1");
  expect(manage?.status()).toBe(403);
  const create = await page.goto("/contests/new");
  expect(create?.status()).toBe(403);
});
