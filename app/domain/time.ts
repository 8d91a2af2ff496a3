// Instants are stored in UTC and shown in the viewer's time zone; these helpers do the showing.
// Making an Intl formatter costs far more than using one, and a page shows hundreds of instants
// (docs/performance.md): each zone check and formatter is made once and kept.
const KEEP_AT_MOST = 2000;
const zoneChecks = new Map<string, boolean>();
const instantFormats = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(value: string): boolean {
  if (!value) return false;
  const known = zoneChecks.get(value);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    valid = true;
  } catch {
    valid = false;
  }
  if (zoneChecks.size < KEEP_AT_MOST) zoneChecks.set(value, valid);
  return valid;
}

/** "24 Nov 2026, 12:50 (GMT+8)"-style text for an ISO instant, in the viewer's zone and language. */
export function formatInstant(iso: string, options: { locale: string; timeZone: string }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const timeZone = isTimeZone(options.timeZone) ? options.timeZone : "UTC";
  const key = `${options.locale}\u0000${timeZone}`;
  let format = instantFormats.get(key);
  if (!format) {
    // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
    format = new Intl.DateTimeFormat(options.locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
    if (instantFormats.size < KEEP_AT_MOST) instantFormats.set(key, format);
  }
  return format.format(date);
}

// ICU still lists some zones under names IANA has since replaced; people look for the new ones.
const MODERN_NAMES: Record<string, string> = {
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Europe/Kiev": "Europe/Kyiv",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Enderbury": "Pacific/Kanton",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville",
};

/** A sorted list of the IANA zones this runtime knows, by their current names, always including UTC. */
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const named = zones.map((zone) => {
    const modern = MODERN_NAMES[zone];
    return modern && isTimeZone(modern) ? modern : zone;
  });
  return Array.from(new Set(["UTC", ...named])).sort();
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall-clock parts of an instant in a zone. */
function zonedParts(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** How far the zone's wall clock is ahead of UTC at `date`, in milliseconds. */
function zoneOffsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * "2026-12-01T09:00" on the wall clock of `timeZone` → the UTC instant. A time that does not
 * exist (skipped by a daylight-saving change) moves forward by the gap; an ambiguous one takes
 * the earlier instant. Null for malformed input or an unknown zone.
 */
export function zonedLocalToUtc(local: string, timeZone: string): Date | null {
  const m = LOCAL_PATTERN.exec(local);
  if (!m || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  // The zone's offsets a day either side bracket any daylight-saving change near this time.
  const oneDay = 86_400_000;
  const candidates = [zoneOffsetMs(new Date(wall - oneDay), timeZone), zoneOffsetMs(new Date(wall + oneDay), timeZone)].map(
    (offset) => wall - offset,
  );
  const matching = candidates.filter((t) => utcToZonedLocal(new Date(t).toISOString(), timeZone) === local);
  // Ambiguous (clocks went back): the earlier instant. Skipped (clocks went forward): the later one.
  const candidate = matching.length ? Math.min(...matching) : Math.max(...candidates);
  return new Date(candidate);
}

/** A UTC instant → "YYYY-MM-DDTHH:mm" on the wall clock of `timeZone` (for datetime-local inputs). */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || !isTimeZone(timeZone)) return "";
  const p = zonedParts(date, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
