// One-time messages carried across a redirect in a signed cookie ("Your password was changed").
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { z } from "zod";
import { getEnv } from "./env.server";

export const toastSchema = z.object({
  kind: z.enum(["success", "info", "error"]).default("success"),
  /** A key in the `common` or `auth` catalogs, e.g. "auth:passwordChanged". */
  key: z.string().max(100),
  params: z.record(z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

type ToastData = { toast: Toast };
let storage: ReturnType<typeof createCookieSessionStorage<ToastData, ToastData>> | undefined;
function toastStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<ToastData, ToastData>({
    cookie: {
      name: "trellis_toast",
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: env.NODE_ENV === "production",
      secrets: [env.SESSION_SECRET],
    },
  });
  return storage;
}

export async function toastCookie(toast: Toast): Promise<string> {
  const session = await toastStorage().getSession();
  session.flash("toast", toast);
  return toastStorage().commitSession(session);
}

/** Reads and clears the toast; returns the Set-Cookie that clears it. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const parsed = toastSchema.safeParse(session.get("toast"));
  if (!parsed.success) return { toast: null, setCookie: null };
  return { toast: parsed.data, setCookie: await toastStorage().commitSession(session) };
}

export async function redirectWithToast(url: string, toast: Toast, extraCookies: string[] = []): Promise<Response> {
  const headers = new Headers();
  for (const cookie of extraCookies) headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", await toastCookie(toast));
  return redirect(url, { headers });
}
