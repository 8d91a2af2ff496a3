// `redirectTo` may only lead to a path of our own: never to another site (no open redirects).
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(target)) return fallback;
  try {
    const url = new URL(target, "http://trellis.invalid");
    if (url.origin !== "http://trellis.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
