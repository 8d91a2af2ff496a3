// What a submitted file is by its content, what it may be called, and which video links are accepted.
export type SniffedType = "pdf" | "zip" | "png" | "jpeg" | "gif" | "unknown";

/** The type by magic bytes; the name and the browser's claimed type are never trusted. */
export function sniffFileType(head: Uint8Array): SniffedType {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf"; // %PDF-
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "zip"; // PK\x03\x04 (DOCX is a ZIP)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "gif";
  return "unknown";
}

const RESERVED = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/**
 * A file name safe to store and to offer in Content-Disposition: no path, no control or reserved
 * characters, no leading dots, at most 120 characters with the extension kept, and the extension
 * the content proved (e.g. a "deck.exe" that is a PDF becomes "deck.pdf").
 */
export function sanitiseFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(RESERVED, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  const withoutExt = base.replace(/\.[^.]{1,10}$/, "").trim() || "file";
  const ext = extension.replace(/^\./, "").toLowerCase();
  const max = 120 - ext.length - 1;
  return `${Array.from(withoutExt).slice(0, max).join("")}.${ext}`;
}

export type VideoHost = "youtube" | "bilibili" | "vimeo" | "youku" | "other";

/** A video link: https only (any host), parsed strictly; the server never fetches it. */
export function checkVideoLink(
  input: string,
): { ok: true; url: string; host: VideoHost } | { ok: false; code: "video_link_https" | "video_link_invalid" } {
  const text = input.trim();
  if (!text || text.length > 2000 || /\s/.test(text)) return { ok: false, code: "video_link_invalid" };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: "video_link_invalid" };
  }
  if (url.protocol !== "https:") return { ok: false, code: "video_link_https" };
  if (!url.hostname.includes(".") || url.username || url.password) return { ok: false, code: "video_link_invalid" };
  const host = url.hostname.toLowerCase();
  const is = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  const kind: VideoHost =
    is("youtube.com") || is("youtu.be")
      ? "youtube"
      : is("bilibili.com") || is("b23.tv")
        ? "bilibili"
        : is("vimeo.com")
          ? "vimeo"
          : is("youku.com")
            ? "youku"
            : "other";
  return { ok: true, url: url.toString(), host: kind };
}

export type SubmissionWindow = "not_yet_open" | "open" | "closed";

/**
 * Whether a team may submit now: the round's window, with the team's extension (if any) pushing
 * the close later. The server decides with its own clock; whatever the client says does not count.
 */
export function submissionWindow(
  round: { opensAt: string | null; closesAt: string | null },
  extensionUntil: string | null,
  now: Date,
): SubmissionWindow {
  const t = now.getTime();
  if (round.opensAt && t < Date.parse(round.opensAt)) return "not_yet_open";
  const closes = effectiveDeadline(round.closesAt, extensionUntil);
  if (closes && t >= Date.parse(closes)) return "closed";
  return "open";
}

/** The later of the round's deadline and the team's extension; null when there is no deadline. */
export function effectiveDeadline(closesAt: string | null, extensionUntil: string | null): string | null {
  if (!closesAt) return null;
  if (!extensionUntil) return closesAt;
  return Date.parse(extensionUntil) > Date.parse(closesAt) ? extensionUntil : closesAt;
}
