// Small non-secret cookies: the chosen language, and the browser's time zone for anonymous
// visitors (written by a line of client script as plain text, so it is read by hand).
import { createCookie } from "@remix-run/node";
import { isTimeZone } from "#app/domain/time";

const ONE_YEAR = 60 * 60 * 24 * 365;

export const languageCookie = createCookie("lng", { path: "/", sameSite: "lax", maxAge: ONE_YEAR, httpOnly: true });

export const TIME_ZONE_COOKIE = "tz";

export function readTimeZoneCookie(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== TIME_ZONE_COOKIE) continue;
    try {
      const value = decodeURIComponent(rest.join("="));
      return isTimeZone(value) ? value : null;
    } catch {
      return null;
    }
  }
  return null;
}
