// Random tokens and their hashes. Tokens that grant access are stored only as SHA-256.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Lower-case letters and digits without the look-alikes (0, 1, l, o): 32 symbols, 5 bits each.
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A random string of `length` symbols (default 24 symbols = 120 bits), as in the Lucia guide. */
export function randomToken(length = 24): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! >> 3];
  return out;
}

export function sha256(input: string): Buffer {
  return createHash("sha256").update(input, "utf8").digest();
}

export function sha256Hex(input: string): string {
  return sha256(input).toString("hex");
}

/** Constant-time comparison of two byte strings of any length. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return timingSafeEqual(a, b);
}
