// The identity journey in a real browser: sign up, verify by email, sign out, a wrong password,
// sign in, switch to Chinese, reset a forgotten password; axe on every page on the way.
import { linkIn } from "../support/smtp";
import { expect, test, watchConsole } from "./fixtures";

const BASE = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

test("a newcomer signs up, verifies, signs in again, reads Chinese and resets a forgotten password", async ({
  page,
  mailbox,
  checkA11y,
}) => {
  const problems = watchConsole(page);
  const email = `mai.tran.${Date.now()}@example.org`;
  const password = "lotus pond at dawn";

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Run your innovation contest end to end");
  await checkA11y(page);

  // Sign up, first with a mistake the form explains.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await checkA11y(page);
  // An empty form is checked in the browser at once, each field saying what it needs.
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await expect(page.getByLabel("Full name")).toBeFocused();
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Full name").fill("Tran Thi Mai");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill("something else entirely");
  await page.getByLabel("Country or region").selectOption("VN");
  await page.getByLabel("Time zone").selectOption("Asia/Ho_Chi_Minh");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Welcome, Tran Thi Mai" })).toBeVisible();
  await expect(page.getByText(`We sent a confirmation link to ${email}`)).toBeVisible();
  await expect(page.getByText("Please confirm your email address")).toBeVisible();
  await checkA11y(page);

  // The verification mail arrives over SMTP; its link confirms the address.
  const verification = await mailbox.waitFor((m) => JSON.stringify(m.to).includes(email) && /Confirm/.test(m.subject ?? ""));
  const verifyLink = linkIn(verification, `${BASE}/verify-email/`);
  await page.goto(verifyLink);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await expect(page.getByText("Please confirm your email address")).toHaveCount(0);

  // Sign out.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await checkA11y(page);

  // A wrong password is refused with a clear message.
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email address or the password is wrong.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await checkA11y(page);

  // The right one works.
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Welcome back, Tran Thi Mai.")).toBeVisible();

  // Switch to Simplified Chinese: the page, its language attribute and the profile follow.
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tran Thi Mai");
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Welcome");
  const nav = page.getByRole("navigation").first();
  await expect(nav).not.toContainText("Account");
  await checkA11y(page);
  await page.goto("/settings");
  await expect(page.getByLabel(/语言/).first()).toBeVisible();
  await checkA11y(page);

  // Back to English, sign out, and reset the forgotten password.
  await page.locator("#language-select").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await checkA11y(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(`If an account exists for ${email}`)).toBeVisible();
  const reset = await mailbox.waitFor((m) => JSON.stringify(m.to).includes(email) && /Reset/.test(m.subject ?? ""));
  await page.goto(linkIn(reset, `${BASE}/reset-password/`));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await checkA11y(page);
  const newPassword = "monsoon rain on tin roofs";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the password").fill(newPassword);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByText("Your new password is saved and you are signed in.")).toBeVisible();

  // The old password no longer works; the new one does.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email address or the password is wrong.")).toBeVisible();
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Tran Thi Mai" })).toBeVisible();

  expect(problems).toEqual([]);
});

test("the demo admin signs in through the form and reads the mailbox", async ({ page, checkA11y }) => {
  const problems = watchConsole(page);
  await page.goto("/login");
  await page.getByLabel("Email address").fill("admin@demo.trellis.test");
  await page.getByLabel("Password").fill("trellis-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Platform administrator")).toBeVisible();
  await page.getByRole("link", { name: "Mailbox" }).click();
  await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();
  await checkA11y(page);
  await page.goto("/settings/sessions");
  await expect(page.getByText("This device", { exact: true })).toBeVisible();
  await checkA11y(page);
  expect(problems).toEqual([]);
});

test("a demo organiser sees their contest role; a founder cannot open the mailbox", async ({ page, checkA11y }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill("organiser@demo.trellis.test");
  await page.getByLabel("Password").fill("trellis-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Organiser of China–ASEAN Innovation and Entrepreneurship Contest 2026")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  await page.getByLabel("Email address").fill("founder3@demo.trellis.test");
  await page.getByLabel("Password").fill("trellis-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Team lead of PadiSense")).toBeVisible();
  const response = await page.goto("/admin/mailbox");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You may not open this page" })).toBeVisible();
  await checkA11y(page);
});

test("an unknown page is a translated 404 without a stack trace", async ({ page, checkA11y }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await page.content()).not.toMatch(/at .*\.js:\d+/);
  await checkA11y(page);
});

test("a cross-site form post is refused", async ({ request }) => {
  const response = await request.post("/login", {
    form: { email: "admin@demo.trellis.test", password: "trellis-demo-2026" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

test("the pages fit a 360 px phone screen", async ({ page, checkA11y }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/login", "/signup", "/forgot-password"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    await checkA11y(page);
  }
});

test("the browser bundle carries no server secrets or server-only code", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const dir = path.resolve("build/client/assets");
  const text = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
  expect(text.length).toBeGreaterThan(1000);
  for (const needle of [
    "SESSION_SECRET",
    "dev-only-secret",
    "password_hash",
    "better-sqlite3",
    "@node-rs/argon2",
    "nodemailer",
    "secret_hash",
  ]) {
    expect(text, needle).not.toContain(needle);
  }
});
