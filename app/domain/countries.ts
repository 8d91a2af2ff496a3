// Countries as ISO 3166-1 alpha-2 codes. Names come from Intl.DisplayNames in the viewer's
// language, so no catalog has to carry them. The contest's home region is listed first.
export const CHINA_AND_ASEAN = ["CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"] as const;

const ALL = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV " +
  "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES " +
  "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE " +
  "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
  "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU " +
  "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM " +
  "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE " +
  "VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

export const COUNTRY_CODES: readonly string[] = ALL;

export function isCountryCode(value: string): boolean {
  return ALL.includes(value);
}

// Making Intl.DisplayNames costs far more than asking it, and a country list asks 249 times
// (docs/performance.md): one per language is made and kept, and so is each language's sorted list.
const KEEP_AT_MOST = 200;
const regionNames = new Map<string, Intl.DisplayNames | null>();
const optionLists = new Map<string, ReadonlyArray<{ code: string; name: string }>>();

/** The country's name in `locale`, falling back to the code. */
export function countryName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale, "en"], { type: "region" });
    } catch {
      names = null;
    }
    if (regionNames.size < KEEP_AT_MOST) regionNames.set(locale, names);
  }
  if (!names) return code;
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Options for a country select: China and ASEAN first, then the rest by name in `locale`. */
export function countryOptions(locale: string): Array<{ code: string; name: string }> {
  let options = optionLists.get(locale);
  if (!options) {
    const collator = new Intl.Collator(locale);
    const home = new Set<string>(CHINA_AND_ASEAN);
    const first = CHINA_AND_ASEAN.map((code) => ({ code, name: countryName(code, locale) }));
    const rest = ALL.filter((c) => !home.has(c))
      .map((code) => ({ code, name: countryName(code, locale) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    options = [...first, ...rest];
    if (optionLists.size < KEEP_AT_MOST) optionLists.set(locale, options);
  }
  // Copies: a caller may change its list without changing the next caller's.
  return options.map((o) => ({ ...o }));
}
