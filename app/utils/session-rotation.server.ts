// A new session when what the signed-in user may do changes (a role gained by accepting an
// invitation, creating a team or a contest, verifying the address): the old session id stops
// working, so a session id planted or leaked before the change never carries the new rights.
import type { Auth } from "#app/infra/auth.server";
import { serializeSessionCookie } from "#app/infra/session.server";
import type { ServiceContext } from "#app/services/context.server";
import { rotateSession } from "#app/services/identity.server";

/** Replaces the request's session with a new one; returns the Set-Cookie value for it. */
export async function rotatedSessionCookie(ctx: ServiceContext, auth: Pick<Auth, "user" | "session">): Promise<string> {
  const session = await rotateSession(ctx, auth.user.id, auth.session.id);
  return serializeSessionCookie(session.token, new Date(session.session.created_at));
}
