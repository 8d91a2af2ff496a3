import { describe, expect, it } from "vitest";
import { invitationProblem, isTokenShaped } from "#app/domain/invitations";

const now = new Date("2026-11-24T12:00:00.000Z");
const pending = { status: "pending", expiresAt: "2026-11-25T00:00:00.000Z" };

describe("invitation links", () => {
  it("looks up only tokens of the app's own shape", () => {
    expect(isTokenShaped("a".repeat(16))).toBe(true);
    expect(isTokenShaped("j9bnah3a5mzffcehhupbfxi5sg596efy")).toBe(true);
    for (const bad of ["", "a".repeat(15), "a".repeat(65), "ABCDEFGHIJKLMNOPQ", "abcdefghijklmnop'", "abcdefghijklmnop\n"])
      expect(isTokenShaped(bad)).toBe(false);
  });

  it("says why an invitation can no longer be answered", () => {
    expect(invitationProblem(pending, now)).toBeNull();
    expect(invitationProblem(undefined, now)).toBe("token_invalid");
    expect(invitationProblem({ ...pending, status: "revoked" }, now)).toBe("invitation_revoked");
    expect(invitationProblem({ ...pending, status: "accepted" }, now)).toBe("token_used");
    expect(invitationProblem({ ...pending, status: "declined" }, now)).toBe("token_used");
    expect(invitationProblem({ ...pending, expiresAt: now.toISOString() }, now)).toBe("token_expired");
  });
});
