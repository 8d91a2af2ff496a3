// Route modules called as Remix calls them: requests from our own origin with a session cookie, a
// sign-in through the real login action, and what a loader or action answered (returned or thrown).
import { expect } from "vitest";
import { action as loginAction } from "#app/routes/login";
import type { User } from "#db/schema";
import { TEST_PASSWORD } from "./factories";

export const BASE = "http://localhost:3999";

/** The load context server/index.ts gives every request; a distinct address keeps per-IP limits apart. */
export function loadContext(clientIp = "127.0.0.1") {
  return { cspNonce: "test", clientIp };
}

/** A form post from our own pages (the Origin the server's check wants), urlencoded. */
export function post(url: string, fields: Record<string, string> | URLSearchParams, cookie = ""): Request {
  return new Request(new URL(url, BASE), {
    method: "POST",
    body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, ...(cookie ? { Cookie: cookie } : {}) },
  });
}

export function get(url: string, cookie = ""): Request {
  return new Request(new URL(url, BASE), { headers: cookie ? { Cookie: cookie } : {} });
}

/** Signs `user` in through the login action and returns the `name=value` of the session cookie. */
export async function signInCookie(user: User, options: { password?: string; clientIp?: string } = {}): Promise<string> {
  const response = (await loginAction({
    request: post("/login", { email: user.email, password: options.password ?? TEST_PASSWORD }),
    context: loadContext(options.clientIp),
    params: {},
  })) as Response;
  expect(response.status).toBe(302);
  const session = response.headers.getSetCookie().find((c) => c.startsWith("trellis_session="));
  expect(session, `no session cookie after signing in ${user.email}`).toBeDefined();
  return session!.split(";")[0]!;
}

/** What a loader or action threw (a Response) or returned, with its status. */
export async function outcome(run: () => Promise<unknown>): Promise<{ status: number; value: unknown }> {
  try {
    const value = await run();
    if (value instanceof Response) return { status: value.status, value };
    const reply = value as { init?: { status?: number }; data?: unknown } | null;
    if (reply && typeof reply === "object" && "init" in reply && "data" in reply)
      return { status: reply.init?.status ?? 200, value: reply.data };
    return { status: 200, value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, value: thrown };
    throw thrown;
  }
}
