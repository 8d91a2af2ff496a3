// What every emailed link shares: the shape of its token, and whether an invitation can still be
// answered. Pure; the services look the token up by its SHA-256 and ask these.

/** Tokens the app makes: 16–64 lower-case letters and digits. Anything else is not looked up at all. */
export function isTokenShaped(token: string): boolean {
  return /^[a-z0-9]{16,64}$/.test(token);
}

export type InvitationProblem = "token_invalid" | "invitation_revoked" | "token_used" | "token_expired";

/** Why an invitation can no longer be answered, or null while it is pending and not expired. */
export function invitationProblem(
  invitation: { status: string; expiresAt: string } | null | undefined,
  now: Date,
): InvitationProblem | null {
  if (!invitation) return "token_invalid";
  if (invitation.status !== "pending") return invitation.status === "revoked" ? "invitation_revoked" : "token_used";
  if (Date.parse(invitation.expiresAt) <= now.getTime()) return "token_expired";
  return null;
}
