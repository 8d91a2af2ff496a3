// Which version of each material counts for judging, and where each counting file goes in the ZIP
// of a round's materials that organisers download.
import { effectiveDeadline } from "./files";

export interface VersionFacts {
  id: number;
  requirementId: number;
  version: number;
  /** When it was handed in (ISO-8601 UTC). */
  createdAt: string;
}

export interface DeadlineFacts {
  /** The round's own deadline; null when the round has none. */
  closesAt: string | null;
  /** The entry's extension, if an organiser granted one. */
  extensionUntil: string | null;
}

/** counts: what judges see; superseded: a later version counts; after_deadline: handed in too late to count. */
export type VersionStatus = "counts" | "superseded" | "after_deadline";

function handedInTime(version: VersionFacts, deadline: string | null): boolean {
  return deadline === null || Date.parse(version.createdAt) <= Date.parse(deadline);
}

/**
 * Per material (by requirement id), the version that counts: the latest one handed in at or before
 * the entry's effective deadline (the round's, or the extension when that is later). Versions after
 * it never count, even if the deadline moved earlier after they were accepted.
 */
export function countingVersions<T extends VersionFacts>(versions: readonly T[], deadline: DeadlineFacts): Map<number, T> {
  const closes = effectiveDeadline(deadline.closesAt, deadline.extensionUntil);
  const picked = new Map<number, T>();
  for (const v of versions) {
    if (!handedInTime(v, closes)) continue;
    const best = picked.get(v.requirementId);
    if (!best || v.version > best.version) picked.set(v.requirementId, v);
  }
  return picked;
}

/** One version as the history shows it. */
export interface HistoryVersion {
  id: number;
  version: number;
  kind: "file" | "text" | "link";
  fileName: string | null;
  size: number | null;
  sha256: string | null;
  pages: number | null;
  text: string | null;
  url: string | null;
  createdAt: string;
  uploadedBy: string | null;
  status: VersionStatus;
  lateByExtension: boolean;
  /** The language the version is in (a MATERIAL_LANGUAGES code), if the team said. */
  language?: string | null;
}

/** Every version's standing, by version id. */
export function versionStatuses(versions: readonly VersionFacts[], deadline: DeadlineFacts): Map<number, VersionStatus> {
  const closes = effectiveDeadline(deadline.closesAt, deadline.extensionUntil);
  const counting = new Set([...countingVersions(versions, deadline).values()].map((v) => v.id));
  return new Map(
    versions.map((v) => [v.id, counting.has(v.id) ? "counts" : handedInTime(v, closes) ? "superseded" : "after_deadline"]),
  );
}

/** Handed in after the round's own deadline (so, if it counts, only thanks to an extension). */
export function isLateByExtension(createdAt: string, closesAt: string | null): boolean {
  return closesAt !== null && Date.parse(createdAt) > Date.parse(closesAt);
}

// Archive paths. Every component is checked here even though the inputs were checked on the way
// in: team names, labels and file names are typed by people, and an archive path is where a
// traversal or a spoofed name would do harm on the organiser's computer.

const CONTROL = /[\p{Cc}\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const RESERVED = /[\\/:*?"<>|]/g;
// Names Windows will not create, with or without an extension.
const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

let graphemes: Intl.Segmenter | undefined;

/** At most `max` user-perceived characters, so a Thai vowel mark or an emoji is never cut in half. */
function capGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  // Made on first use: this module also reaches browsers, and older ones lack Intl.Segmenter.
  graphemes ??= typeof Intl.Segmenter === "function" ? new Intl.Segmenter("und", { granularity: "grapheme" }) : undefined;
  const parts = graphemes ? Array.from(graphemes.segment(text), (s) => s.segment) : Array.from(text);
  return parts.slice(0, max).join("");
}

/**
 * One path component: no separators, reserved or control characters, no leading or trailing dots
 * and spaces (so never "." or ".."), not a Windows device name, at most `max` characters.
 */
export function pathComponent(text: string, max: number, fallback: string): string {
  const ends = /^[\s.]+|[\s.]+$/g;
  const clean = (value: string) =>
    capGraphemes(
      value.normalize("NFC").replace(CONTROL, " ").replace(RESERVED, " ").replace(/\s+/g, " ").replace(ends, ""),
      max,
    ).replace(ends, "");
  const out = clean(text) || clean(fallback) || "_";
  return DEVICE_NAME.test(out) ? `_${out}` : out;
}

/** A lower-case, hyphenated name that keeps letters of every script ("Green Tech" → "green-tech", "绿色科技" stays). */
export function slugComponent(text: string, max: number, fallback: string): string {
  const slug = (value: string) =>
    capGraphemes(
      value
        .normalize("NFKC")
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
        .replace(/^-+|-+$/g, ""),
      max,
    ).replace(/-+$/, "");
  const out = slug(text) || slug(fallback) || "_";
  return DEVICE_NAME.test(out) ? `_${out}` : out;
}

/** The extension of a stored file name ("deck v2.PDF" → "pdf"), or "" when it has none that reads. */
export function fileExtension(fileName: string | null): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName ?? "");
  return match ? match[1]!.toLowerCase() : "";
}

export interface ArchiveItem {
  trackId: number;
  trackName: string;
  entryId: number;
  entryCode: string;
  teamName: string;
  /** The material's label in the reader's language, or its kind. */
  material: string;
  /** The stored file name, for its extension. */
  fileName: string | null;
}

const TRACK_MAX = 40;
const ENTRY_MAX = 80;
const FILE_MAX = 80;

/** The same name in another case is the same file on Windows and macOS. */
const sameNameKey = (path: string) => path.normalize("NFC").toLowerCase();

function withSuffix(base: string, n: number, max: number, join: string): string {
  const suffix = join === "-" ? `-${n}` : ` (${n})`;
  return `${capGraphemes(base, Math.max(1, max - suffix.length))}${suffix}`;
}

/**
 * The path of each item in the archive, in the same order:
 * `<track slug>/<entry code> <team name>/<material>.<ext>`. Every path is unique, whatever the
 * case, and none equals a `reserved` name (the manifest beside the folders).
 */
export function archivePaths(items: readonly ArchiveItem[], reserved: readonly string[] = []): string[] {
  const taken = new Set(reserved.map(sameNameKey));
  const trackFolders = new Map<number, string>();
  const entryFolders = new Map<number, string>();

  const claim = (parent: string, make: (n: number) => string): string => {
    for (let n = 1; ; n++) {
      const name = make(n);
      const key = sameNameKey(parent ? `${parent}/${name}` : name);
      if (!taken.has(key)) {
        taken.add(key);
        return name;
      }
    }
  };

  return items.map((item) => {
    let track = trackFolders.get(item.trackId);
    if (track === undefined) {
      const base = slugComponent(item.trackName, TRACK_MAX, `track-${item.trackId}`);
      track = claim("", (n) => (n === 1 ? base : withSuffix(base, n, TRACK_MAX, "-")));
      trackFolders.set(item.trackId, track);
    }
    let entry = entryFolders.get(item.entryId);
    if (entry === undefined) {
      const base = pathComponent(`${item.entryCode} ${item.teamName}`, ENTRY_MAX, `entry-${item.entryId}`);
      entry = claim(track, (n) => (n === 1 ? base : withSuffix(base, n, ENTRY_MAX, " ")));
      entryFolders.set(item.entryId, entry);
    }
    const folder = `${track}/${entry}`;
    const ext = fileExtension(item.fileName);
    const dot = ext ? `.${ext}` : "";
    const base = pathComponent(item.material, FILE_MAX, "file");
    const file = claim(folder, (n) => `${n === 1 ? base : withSuffix(base, n, FILE_MAX, " ")}${dot}`);
    return `${folder}/${file}`;
  });
}

/** "2.4 MB"-style size in the reader's language. */
export function formatFileSize(bytes: number, locale: string): string {
  const units = [
    ["byte", 1],
    ["kilobyte", 1024],
    ["megabyte", 1024 ** 2],
    ["gigabyte", 1024 ** 3],
  ] as const;
  const [unit, size] = units.findLast(([, s]) => bytes >= s) ?? units[0];
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "byte" ? 0 : 1,
  }).format(bytes / size);
}
