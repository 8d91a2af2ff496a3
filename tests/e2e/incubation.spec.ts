// Incubation in a real browser: the organiser gives GreenLoop an award in the final, starts a cohort
// (the awarded team comes ticked) and assigns mentor1; founder1 files this month's check-in; the mentor
// marks it at risk; the organiser's dashboard lists the team at risk with its revenue, and the export
// carries the figures.
import { readFile } from "node:fs/promises";
import { expect, test, watchConsole } from "./fixtures";
import { signIn, signOut } from "./support";

const COHORT = "Mekong accelerator 2027";

/** A calendar date in Asia/Shanghai (the demo contest's zone), offset by days, as YYYY-MM-DD. */
function shanghaiDate(offsetDays: number): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

test("an organiser starts a cohort from the awarded teams; a team checks in; its mentor flags it; the dashboard and export follow", async ({
  page,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  await signIn(page, "organiser@demo.trellis.test");

  // An award in the final round for GreenLoop Energy.
  await page.goto("/manage/1/rounds/2/awards");
  await page.getByRole("textbox", { name: "Award name (English)" }).fill("Incubation place");
  await page.getByRole("button", { name: "Add the award" }).click();
  await expect(page.getByText("The award was added.")).toBeVisible();
  await page.getByLabel("Grant Incubation place to").selectOption({ label: "T-0427 — GreenLoop Energy" });
  await page
    .locator("form", { has: page.getByLabel("Grant Incubation place to") })
    .getByRole("button", { name: "Grant" })
    .click();
  await expect(page.getByText("The award was granted.")).toBeVisible();

  // The cohort: the awarded team is already ticked.
  await page.goto("/manage/1/cohorts");
  await page.getByRole("textbox", { name: "Cohort name (English)" }).fill(COHORT);
  await page.getByLabel("Starts on").fill(shanghaiDate(-40));
  await page.getByLabel("Ends on").fill(shanghaiDate(180));
  await page.getByLabel("Check-ins").selectOption("monthly");
  await expect(page.getByRole("checkbox", { name: /T-0427/ })).toBeChecked();
  await checkA11y(page);
  await page.getByRole("button", { name: "Create the cohort" }).click();
  await expect(page.getByText("The cohort was created.", { exact: false })).toBeVisible();

  // mentor1 (Rizal Hakim) follows GreenLoop.
  await page.getByLabel("Mentor for GreenLoop Energy").selectOption({ label: "Rizal Hakim" });
  await page
    .locator("form", { has: page.getByLabel("Mentor for GreenLoop Energy") })
    .getByRole("button", { name: "Assign" })
    .click();
  await expect(page.getByText("The mentor was assigned.")).toBeVisible();
  await checkA11y(page);
  const cohortUrl = page.url();
  await signOut(page);

  // founder1 files this month's check-in.
  await signIn(page, "founder1@demo.trellis.test");
  await page.goto("/teams/1");
  await page.getByRole("link", { name: `Incubation: ${COHORT}` }).click();
  await page.getByRole("link", { name: "Check-ins" }).click();
  const month = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "Asia/Shanghai" }).format(
    new Date(),
  );
  await page
    .getByRole("link", { name: new RegExp(month) })
    .first()
    .click();
  await page.getByLabel("Revenue in the period").fill("12000");
  await page.getByLabel("Currency of the revenue").selectOption("USD");
  await page.getByLabel("Funding raised in the period", { exact: false }).fill("50000");
  await page.getByLabel("Currency of the funding").selectOption("USD");
  await page.getByLabel("Employees", { exact: true }).fill("8");
  await page.getByLabel("Of whom women").fill("9");
  await page.getByLabel("Customers", { exact: false }).fill("40");
  await page.getByLabel("Jobs created in the period").fill("2");
  await page.getByLabel("Patents or other IP filed in the period").fill("1");
  await page.getByRole("button", { name: "Submit check-in" }).click();
  // Nine women of eight employees is refused, the figures are kept.
  await expect(page.getByText("At most the number of employees", { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel("Revenue in the period")).toHaveValue("12000");
  await page.getByLabel("Of whom women").fill("3");
  await page.getByRole("button", { name: "Submit check-in" }).click();
  await expect(page.getByText("Check-in submitted. Thank you!")).toBeVisible();
  await checkA11y(page);
  const checkinUrl = page.url();
  await signOut(page);

  // The mentor reads it and marks the team at risk.
  await signIn(page, "mentor1@demo.trellis.test");
  await page.goto("/mentoring");
  await expect(page.getByText("GreenLoop Energy").first()).toBeVisible();
  await checkA11y(page);
  await page.goto(checkinUrl);
  await page.getByLabel("Mentor's status").selectOption("at_risk");
  await page.getByLabel("Note for the team").fill("Cash runway under three months: let us plan the bridge round together.");
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByText("At risk").first()).toBeVisible();
  await signOut(page);

  // The organiser's dashboard shows the team at risk and the revenue; the export carries it.
  await signIn(page, "organiser@demo.trellis.test");
  await page.goto(`${cohortUrl.replace(/\/$/, "")}/dashboard`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Impact dashboard");
  await expect(page.getByRole("link", { name: /GreenLoop Energy/ }).first()).toBeVisible();
  await expect(page.getByText("12,000").first()).toBeVisible();
  await checkA11y(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Teams per period (CSV)" }).click(),
  ]);
  const csv = (await readFile(await download.path())).toString("utf8");
  expect(csv).toContain("GreenLoop Energy");
  expect(csv).toContain("12000");

  expect(problems).toEqual([]);
});
