// Small helpers for the end-to-end journeys.
import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "trellis-demo-2026";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}

/** A wall-clock time in Asia/Shanghai (the demo contest's zone) for a datetime-local input. */
export function shanghai(offsetDays: number): string {
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

/** The organiser sets the demo contest's first round's windows on its settings form. */
export async function setRoundWindow(page: Page, window: { opens: string; closes: string; reviewOpens?: string }) {
  await page.goto("/manage/1/rounds/1");
  const settings = page.locator("form", { has: page.locator('input[name="intent"][value="update-round"]') });
  await settings.getByLabel("Submissions open").fill(window.opens);
  await settings.getByLabel("Submissions close").fill(window.closes);
  await settings.getByLabel("Review opens").fill(window.reviewOpens ?? window.closes);
  await settings.getByRole("button", { name: "Save" }).click();
  await page.getByText("Your changes were saved.").waitFor();
}
