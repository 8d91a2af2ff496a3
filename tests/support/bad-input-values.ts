// The values bad-input tests send: hand-picked trouble (numbers that are not, dates that cannot be,
// injections, unicode edge cases, 100 KB texts), random text, hostile files and field names, and the
// helpers that describe each field's plausible values.
import fc from "fast-check";
import { makePdf, PNG } from "./documents";

/** One form value: text, or (in a multipart body) a file. */
export type FormValue = string | { file: string; bytes: Uint8Array; type: string };
export type FormEntry = readonly [name: string, value: FormValue];
export interface PostedForm {
  multipart: boolean;
  entries: FormEntry[];
}

/** Plausible values for one field: ids that exist in the world, texts that fit, files of the right kind. */
export type Plausible = fc.Arbitrary<FormValue>;
const HUGE = 100_000;

/** Hand-picked trouble: numbers that are not, dates that cannot be, injections, unicode edge cases. */
export const HOSTILE_TEXT: readonly string[] = [
  "",
  " ",
  "\t\n",
  "0",
  "-1",
  "-0",
  "1.5",
  "1e308",
  "-1e308",
  "1e-320",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x1F",
  "1_000",
  "9007199254740993",
  "99999999999999999999999",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "on",
  "0000-00-00",
  "2024-02-30",
  "9999-12-31",
  "+275760-09-13",
  "-000001-01-01",
  "2024-13-45T25:61",
  "0001-01-01T00:00",
  "9999-12-31T23:59",
  "'; drop table users; --",
  '" OR 1=1 --',
  "%_\\",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  '=HYPERLINK("http://evil.example","click")',
  "=cmd|' /C calc'!A0",
  "+cmd",
  "-2+3",
  "@SUM(A1)",
  "\t=1+1",
  "\r=1+1",
  "\uD800",
  "a\uDFFFb",
  "\u202Eevil\u202C",
  "\u200B",
  "\u200D\u200C\uFEFF",
  "a\u0000b",
  "👩‍👩‍👧‍👦",
  "e\u0301\u0301\u0301",
  "ﷺ",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "\u2028\u2029",
  "İß",
  "x".repeat(HUGE),
  "😀".repeat(HUGE / 2),
  "9".repeat(HUGE),
  " ".repeat(HUGE),
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Any text: the hand-picked list, random unicode (lone surrogates included), numbers and dates as text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom("a", " ", "<", "=", "\u0000"), loneSurrogate), maxLength: 12 }),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .date({ noInvalidDate: false, min: new Date(-8.64e15), max: new Date(8.64e15) })
      .chain((d) =>
        Number.isNaN(d.getTime())
          ? fc.constant("Invalid Date")
          : fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 10), d.toISOString().slice(0, 16)),
      ),
  },
);

const fileNames = fc.constantFrom(
  "deck.pdf",
  "../../etc/passwd",
  "<script>alert(1)</script>.pdf",
  "a\u0000b.pdf",
  "😀.pdf",
  `${"x".repeat(300)}.pdf`,
  "",
  "=cmd.pdf",
);
const fileBytes = fc.oneof(
  fc.constant(new Uint8Array()),
  fc.constant(new Uint8Array(makePdf(1))),
  fc.constant(new Uint8Array(PNG)),
  fc.constant(new TextEncoder().encode("%PDF-1.7\n garbage that is not a PDF")),
  fc.uint8Array({ maxLength: 64 }),
);
export const hostileFile: fc.Arbitrary<FormValue> = fc.record({
  file: fileNames,
  bytes: fileBytes,
  type: fc.constantFrom("application/pdf", "text/plain", "", "image/png"),
});

/** Field names no page of ours sends: prototype keys, Conform's reserved names, absurd list indices. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "__proto__.polluted",
    "constructor.prototype.polluted",
    "__intent__",
    "__state__",
    "intent",
    "list[0]",
    "list[999999999]",
    "a[4294967294].b",
    "options[-1]",
    "name.en.deeper",
    "a..b",
    "",
    "😀",
    "\u0000",
  ),
  fc.string({ maxLength: 12 }),
);

/** Values for Conform's reserved names that are not what Conform itself sends. */
export const reservedValue = fc.constantFrom(
  "not json",
  "{}",
  '{"type":"insert"}',
  '{"type":"insert","payload":{"name":"intent"}}',
  '{"type":"update","payload":{"name":"list[99999999]","value":"x"}}',
  '{"type":"reorder","payload":{"name":"x","from":0,"to":99999999}}',
  "null",
  "[]",
);

// ---- Plausible values ---------------------------------------------------------------------------

/** Helpers for tables of plausible values. */
export const P = {
  one: (...values: string[]): Plausible => fc.constantFrom(...values),
  ids: (...ids: Array<number | string>): Plausible => fc.constantFrom(...ids.map(String)),
  text: (max = 60): Plausible =>
    fc.oneof(
      fc.string({ minLength: 1, maxLength: max }),
      fc.constantFrom("Alpha Foods", "金奖 🥇", "  Padded name  ", "Nguyễn Thị Minh", "<b>bold</b> & co", "=SUM(A1:A9)"),
    ),
  int: (min: number, max: number): Plausible => fc.integer({ min, max }).map(String),
  email: (): Plausible =>
    fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9.]{0,12}@example\.(org|com)$/),
      fc.constantFrom("Mixed.Case@Example.org", " padded@example.org "),
    ),
  date: (): Plausible =>
    fc
      .date({ min: new Date("2024-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  dateTime: (): Plausible =>
    fc
      .date({ min: new Date("2024-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 16)),
  box: (): Plausible => fc.constantFrom("on", ""),
  file: (name: string, type: string, bytes: fc.Arbitrary<Uint8Array>): Plausible =>
    bytes.map((b) => ({ file: name, bytes: b, type })),
};
