// Playwright fixtures: the SMTP server the app delivers to, and an axe check for every page.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);

export const test = base.extend<{ checkA11y: (page: Page) => Promise<void> }, { mailbox: SmtpCatcher }>({
  mailbox: [
    async ({}, use) => {
      const catcher = await startSmtpCatcher(SMTP_PORT);
      await use(catcher);
      await catcher.close();
    },
    { scope: "worker", auto: true },
  ],
  checkA11y: async ({}, use) => {
    await use(async (page: Page) => {
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
        .analyze();
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
      expect(summary, `axe violations on ${page.url()}`).toEqual([]);
    });
  },
});

export { expect };

/** Every page we visit must be free of CSP violations and script errors. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    // A form answered with 400/409/429 is expected; the browser logs it as a failed load.
    if (msg.type() === "error" && !/status of 4\d\d/.test(msg.text()))
      problems.push(`${page.url()}: ${msg.text().split("\n")[0]}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  return problems;
}
