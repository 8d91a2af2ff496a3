// Instants are stored in UTC and shown in the viewer's time zone; these helpers do the showing.
export function isTimeZone(value: string): boolean {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** "24 Nov 2026, 12:50 (GMT+8)"-style text for an ISO instant, in the viewer's zone and language. */
export function formatInstant(iso: string, options: { locale: string; timeZone: string }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const timeZone = isTimeZone(options.timeZone) ? options.timeZone : "UTC";
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

/** A sorted list of the IANA zones this runtime knows, always including UTC. */
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return Array.from(new Set(["UTC", ...zones])).sort();
}
