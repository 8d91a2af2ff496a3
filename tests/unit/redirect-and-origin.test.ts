import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "#app/domain/redirect";
import { isAllowedOrigin, securityHeaders } from "#app/infra/security.server";

describe("safeRedirectPath", () => {
  it.each([
    ["/settings", "/settings"],
    ["/contests/1?tab=rounds#top", "/contests/1?tab=rounds#top"],
  ])("keeps our own path %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "settings",
    "",
    "/\u0000x",
    null,
    42,
  ])("refuses %j", (input) => {
    expect(safeRedirectPath(input, "/home")).toBe("/home");
  });
});

describe("isAllowedOrigin", () => {
  const base = { host: "localhost:3000", appUrl: "https://trellis.example.org" };
  it("lets safe methods through", () => {
    expect(isAllowedOrigin({ ...base, method: "GET", origin: "https://evil.example", referer: null })).toBe(true);
  });
  it("accepts a POST from this host or from APP_URL", () => {
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "http://localhost:3000", referer: null })).toBe(true);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "https://trellis.example.org", referer: null })).toBe(true);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: null, referer: "http://localhost:3000/login" })).toBe(true);
  });
  it("refuses a POST from elsewhere, or from nowhere", () => {
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "https://evil.example", referer: null })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "DELETE", origin: null, referer: null })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "null", referer: null })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "not a url", referer: null })).toBe(false);
  });
});

describe("securityHeaders", () => {
  it("allows scripts only with the nonce, and no inline styles or eval outside development", () => {
    const h = securityHeaders({ nonce: "abc123", devServer: false, https: true });
    const csp = h["Content-Security-Policy"]!;
    expect(csp).toContain("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(h["Strict-Transport-Security"]).toMatch(/max-age=/);
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
  });
  it("sends no HSTS over plain http", () => {
    expect(securityHeaders({ nonce: "n", devServer: false, https: false })["Strict-Transport-Security"]).toBeUndefined();
  });
});
