// The registration journey: an organiser opens a contest; a founder creates a team, invites a
// member who accepts from the mail, and registers; the organiser finds the team and exports it.
import { linkIn } from "../support/smtp";
import { expect, test, watchConsole } from "./fixtures";
import { signIn, signOut } from "./support";

const BASE = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

test("a founder forms a team and registers it; the organiser sees and exports it", async ({ page, mailbox, checkA11y }) => {
  const problems = watchConsole(page);
  const stamp = Date.now();
  const slug = `registration-cup-${stamp}`;
  const teamName = `Coral Watch ${stamp}`;

  // The organiser creates a contest and opens registration.
  await signIn(page, "organiser@demo.trellis.test");
  await page.goto("/contests/new");
  await page.getByLabel("Contest name (English)").fill(`Registration Cup ${stamp}`);
  await page.getByLabel("Web address").fill(slug);
  await page.getByRole("button", { name: "Create the contest" }).click();
  await expect(page.getByText("The contest was created as a draft.")).toBeVisible();
  const manageUrl = page.url();
  // A question of the contest's own, required.
  await page.getByRole("navigation", { name: "Contest management" }).getByRole("link", { name: "Questions" }).click();
  await expect(page.getByRole("heading", { name: "Add a question" })).toBeVisible();
  await page.getByLabel("Kind of answer").selectOption("short_text");
  await page.getByLabel("Key", { exact: true }).fill("university");
  await page.getByLabel("Question (English)").first().fill("Which university are you from?");
  await page.getByLabel("Teams must answer this question").check();
  await page.getByRole("button", { name: "Add the question" }).click();
  await expect(page.getByText("The question was added.")).toBeVisible();
  await checkA11y(page);
  await page.goto(manageUrl);
  await page.getByRole("button", { name: "Open registration" }).click();
  await expect(page.locator(".eyebrow .state")).toHaveText("Registration open");
  await signOut(page);

  // A founder creates a team and invites a member.
  await signIn(page, "founder1@demo.trellis.test");
  await page.getByRole("link", { name: "Create a team" }).click();
  await checkA11y(page);
  await page.getByLabel("Team name").fill(teamName);
  await page.getByLabel("Country or region").selectOption("ID");
  await page.getByLabel("Stage").selectOption("prototype");
  await page.getByLabel("Women", { exact: true }).fill("1");
  await page.getByLabel("Men", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Create the team" }).click();
  await expect(page.getByText("Your team was created.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(teamName);
  await page.getByLabel("Their email address").fill("founder12@demo.trellis.test");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("An invitation was sent to founder12@demo.trellis.test.")).toBeVisible();
  await checkA11y(page);
  const teamUrl = page.url();
  await signOut(page);

  // The invitee follows the link in the mail, signs in and accepts.
  const invitation = await mailbox.waitFor(
    (m) => JSON.stringify(m.to).includes("founder12@demo.trellis.test") && (m.subject ?? "").includes(teamName),
  );
  await page.goto(linkIn(invitation, `${BASE}/invitations/`));
  await expect(page.getByRole("heading", { name: "Invitation to a team" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email address").fill("founder12@demo.trellis.test");
  await page.getByLabel("Password").fill("trellis-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Join the team" }).click();
  await expect(page.getByText("Welcome to the team!")).toBeVisible();
  await expect(page.getByText("Dara Kim")).toBeVisible();
  await signOut(page);

  // The lead registers the team.
  await signIn(page, "founder1@demo.trellis.test");
  await page.goto(`/contests/${slug}`);
  await page.getByRole("link", { name: "Register your team" }).click();
  await checkA11y(page);
  await page.getByLabel("Team", { exact: true }).selectOption({ label: teamName });
  await page.getByLabel("Ocean and space").check();
  await page.getByLabel("We accept the terms and conditions.").check();
  await page.getByLabel("We make the declaration above.").check();
  await page.getByRole("button", { name: "Register" }).click();
  // The contest's own required question stops the form in the browser until it is answered.
  const university = page.getByLabel(/Which university are you from\?/);
  expect(await university.evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
  await university.fill("Universitas Indonesia");
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText(/Your team is registered\. Its entry code is T-\d{4}\./)).toBeVisible();
  await expect(page).toHaveURL(teamUrl);
  const confirmation = await mailbox.waitFor(
    (m) => JSON.stringify(m.to).includes("founder12@demo.trellis.test") && (m.subject ?? "").includes("is registered for"),
  );
  expect(confirmation.text).toMatch(/T-\d{4}/);
  await signOut(page);

  // The organiser finds the team among the registrations and exports them.
  await signIn(page, "organiser@demo.trellis.test");
  await page.goto(`${manageUrl}/registrations`);
  await expect(page.getByRole("cell", { name: teamName })).toBeVisible();
  await checkA11y(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /CSV/ }).click();
  const file = await download;
  const csv = await (await file.createReadStream())!.toArray();
  expect(Buffer.concat(csv).toString("utf8")).toContain(teamName);
  expect(problems).toEqual([]);
});
