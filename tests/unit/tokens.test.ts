import { describe, expect, it } from "vitest";
import { constantTimeEqual, randomToken, sha256, sha256Hex } from "#app/infra/crypto.server";
import { parseSessionToken } from "#app/infra/session.server";

describe("token hashing", () => {
  it("hashes with SHA-256 (known vector)", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256("abc").byteLength).toBe(32);
  });

  it("makes random tokens from the unambiguous alphabet, 120 bits by default", () => {
    const tokens = new Set(Array.from({ length: 500 }, () => randomToken()));
    expect(tokens.size).toBe(500);
    for (const t of tokens) expect(t).toMatch(/^[a-km-np-z2-9]{24}$/);
    expect(randomToken(32)).toHaveLength(32);
  });

  it("compares in constant time and refuses different lengths", () => {
    expect(constantTimeEqual(sha256("a"), sha256("a"))).toBe(true);
    expect(constantTimeEqual(sha256("a"), sha256("b"))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe("parseSessionToken", () => {
  it("splits id.secret", () => {
    const id = randomToken();
    const secret = randomToken();
    expect(parseSessionToken(`${id}.${secret}`)).toEqual({ id, secret });
  });

  it.each([
    "",
    "abc",
    "a.b",
    `${"a".repeat(24)}.${"b".repeat(24)}.c`,
    `${"A".repeat(24)}.${"b".repeat(24)}`,
    `${"a".repeat(24)}.`,
  ])("refuses the malformed token %j", (token) => {
    expect(parseSessionToken(token)).toBeNull();
  });
});
