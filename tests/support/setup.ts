// Every test starts from a known environment, and an unexpected console.error fails it.
import { afterEach, beforeEach, vi } from "vitest";
import { resetEnvCache } from "#app/infra/env.server";

process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3999";
process.env.SESSION_SECRET = "test-secret-test-secret-test-secret-0000";
delete process.env.SMTP_URL;
delete process.env.LITEFS_DIR;
resetEnvCache();

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`Unexpected console.error: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => {
  consoleError.mockRestore();
});
