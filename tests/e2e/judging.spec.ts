// Judging in a real browser: the organiser assigns round 1 automatically; judge1 signs the
// agreement, declares a conflict, scores a blind entry without ever seeing who the team is, and
// submits; the organiser sees the review submitted in the assignments table.
import { expect, test, watchConsole } from "./fixtures";
import { setRoundWindow, shanghai, signIn, signOut } from "./support";

/** Everything that would identify the demo's registered teams. */
const IDENTIFYING = [
  "GreenLoop Energy",
  "Guangxi University",
  "Zhang Min",
  "PadiSense",
  "Universiti Utara Malaysia",
  "Ahmad Faizal",
  "OceanTrace",
  "Universitas Hasanuddin",
  "Budi Santoso",
  "Lotus Robotics",
  "Tran Van Minh",
  "Mekong Harvest",
  "Sokha Chea",
];

test("an organiser assigns a round; a judge signs, declares a conflict, scores a blind entry and submits", async ({
  page,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  // Submissions closed two days ago; the review opened yesterday.
  await signIn(page, "organiser@demo.trellis.test");
  await setRoundWindow(page, { opens: shanghai(-30), closes: shanghai(-2), reviewOpens: shanghai(-1) });
  await page.getByRole("link", { name: "Judges for this round" }).click();
  await page.getByText(/Start again/).click();
  await page.getByRole("button", { name: "Assign judges" }).click();
  // 5 entries × 3 judges, from 6 judges.
  await expect(page.getByText("Assignments added: 15. Removed: 0.")).toBeVisible();
  await checkA11y(page);
  await signOut(page);

  // judge1 has not signed yet: the home page asks for the agreement first.
  await signIn(page, "judge1@demo.trellis.test");
  await page.getByRole("link", { name: "Judging", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My reviews" })).toBeVisible();
  await page.getByRole("link", { name: "Read and sign the agreement" }).click();
  await expect(page.getByText("Once you sign the agreement you will see the registered teams here.")).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("I have read and accept this agreement.").check();
  await page.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(page.getByText("Thank you: you signed the agreement.")).toBeVisible();

  // A conflict with GreenLoop Energy: whatever was assigned, T-0427 is gone from this judge's list.
  await page.getByLabel(/GreenLoop Energy/).check();
  await page.getByRole("button", { name: "Save my conflicts" }).click();
  await expect(page.getByText("Your conflicts of interest were saved.")).toBeVisible();
  await expect(page.getByLabel(/GreenLoop Energy/)).toBeChecked();
  await checkA11y(page);

  await page.goto("/judging");
  const reviews = page.locator("a.entry-code");
  await expect(reviews.first()).toBeVisible();
  await expect(page.getByRole("link", { name: "T-0427" })).toHaveCount(0);
  const code = (await reviews.first().textContent())!.trim();
  await reviews.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Review of ${code}`);
  await expect(page.getByText("Blind review: the team is not named")).toBeVisible();
  // Nothing identifying in the page, its title or the data it carries.
  const html = await page.content();
  for (const text of IDENTIFYING) expect(html).not.toContain(text);
  await expect(page.locator('iframe[title$="(PDF)"]').first()).toBeVisible();
  await checkA11y(page);

  // A first score is saved as a draft by itself and is still there after a reload.
  const scores = page.getByLabel("Score", { exact: true });
  await scores.first().selectOption({ index: 3 });
  await expect(page.getByText(/^Saved at/)).toBeVisible();
  const drafted = await scores.first().inputValue();
  await page.reload();
  await expect(scores.first()).toHaveValue(drafted);

  // Score every criterion, give feedback, submit and lock.
  const count = await scores.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) await scores.nth(i).selectOption({ index: 4 });
  await page.getByLabel("Feedback for the team").fill("A clear problem and an honest plan; show more customer evidence.");
  await page.getByRole("button", { name: "Submit review" }).click();
  await page.getByRole("button", { name: "Submit and lock" }).click();
  await expect(page.getByText("Your review is submitted. Thank you!")).toBeVisible();
  await expect(page.getByText("Your review is locked.", { exact: false })).toBeVisible();
  await signOut(page);

  // The organiser sees it submitted, next to judge1's name, on the entry's row.
  await signIn(page, "organiser@demo.trellis.test");
  await page.goto("/manage/1/rounds/1/assignments");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: code }) });
  await expect(row.locator("li", { hasText: "Li Wei" })).toContainText("submitted");
  expect(problems).toEqual([]);
});
