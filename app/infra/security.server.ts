// Security headers with a per-request CSP nonce, and the Origin check on mutating requests.
import { randomBytes } from "node:crypto";

export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Who may show a response in a frame: nobody, or our own pages. */
export type Framing = "none" | "self";

/**
 * Only a submitted file shown inline (`/files/<id>?inline=1`, the PDF viewer of the scoring page)
 * may be framed, and only by our own pages; everything else refuses every frame (clickjacking).
 */
export function framingFor(url: string): Framing {
  const { pathname, searchParams } = new URL(url, "http://localhost");
  return /^\/files\/\d+$/.test(pathname) && searchParams.get("inline") === "1" ? "self" : "none";
}

/**
 * `devServer`: Vite's hot reload needs eval, inline styles and a websocket.
 * `https`: the site is served over TLS (APP_URL is https), so HSTS and upgrades apply.
 * `framing`: see framingFor; "none" unless said otherwise.
 */
export function securityHeaders(options: {
  nonce: string;
  devServer: boolean;
  https: boolean;
  framing?: Framing;
}): Record<string, string> {
  const { nonce, https } = options;
  const framing = options.framing ?? "none";
  const production = !options.devServer;
  const csp = [
    "default-src 'self'",
    // Scripts only with this response's nonce; 'strict-dynamic' lets those load Remix's chunks.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    // Vite injects <style> tags in development only.
    `style-src 'self'${production ? "" : " 'unsafe-inline'"}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors '${framing}'`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": framing === "self" ? "SAMEORIGIN" : "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A mutating request must say where it comes from (Origin, or failing that Referer) and that
 * must be this site: the request's own host or the configured APP_URL.
 */
export function isAllowedOrigin(input: {
  method: string;
  origin: string | null | undefined;
  referer: string | null | undefined;
  host: string | null | undefined;
  appUrl: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  const claimed = input.origin && input.origin !== "null" ? input.origin : input.referer;
  if (!claimed) return false;
  let claimedUrl: URL;
  try {
    claimedUrl = new URL(claimed);
  } catch {
    return false;
  }
  if (claimedUrl.origin === new URL(input.appUrl).origin) return true;
  return Boolean(input.host) && claimedUrl.host === input.host;
}
