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
  // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
  return new Intl.DateTimeFormat(options.locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
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
