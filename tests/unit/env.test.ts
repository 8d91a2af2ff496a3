import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "#app/infra/env.server";

describe("parseEnv", () => {
  it("fills in the embedded defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_PATH).toBe("./data/trellis.db");
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.NODE_ENV).toBe("development");
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("reads and coerces given values, trimming a trailing slash from APP_URL", () => {
    const env = parseEnv({
      PORT: "8081",
      APP_URL: "https://trellis.example.org/",
      TRUST_PROXY: "true",
      SMTP_URL: "smtp://127.0.0.1:2525",
    });
    expect(env.PORT).toBe(8081);
    expect(env.APP_URL).toBe("https://trellis.example.org");
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.SMTP_URL).toBe("smtp://127.0.0.1:2525");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ SMTP_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names a malformed variable in one clear message", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrowError(EnvError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrowError(/PORT .*eighty/);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.org" })).toThrowError(/SMTP_URL.*smtp:\/\//);
    expect(() => parseEnv({ NODE_ENV: "staging" })).toThrowError(/NODE_ENV/);
  });

  it("requires a strong SESSION_SECRET in production and names it", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/SESSION_SECRET is required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrowError(/SESSION_SECRET.*32/);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }).SESSION_SECRET).toBe("x".repeat(40));
  });

  it("does not print secrets in its message", () => {
    try {
      parseEnv({ NODE_ENV: "production", SESSION_SECRET: "sup3r-secret" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("sup3r-secret");
    }
  });
});
