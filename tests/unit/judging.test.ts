import { describe, expect, it } from "vitest";
import { parseCsv, parseJudgeCsv } from "#app/domain/judging";

const tracks = [
  { id: 11, position: 1, names: ["Digital economy", "数字经济"] },
  { id: 12, position: 2, names: ["Health and biotechnology"] },
];

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
    ]);
  });
});

describe("parseJudgeCsv", () => {
  it("reads every column, tracks by name or number, languages folded", () => {
    const csv = "Email,Name,Organisation,Country,Tracks,Languages\nLI@Example.org,Li Wei,Mekong VC,cn,数字经济;2,zh-CN;en\n";
    expect(parseJudgeCsv(csv, tracks)).toEqual({
      rows: [
        {
          email: "li@example.org",
          name: "Li Wei",
          organisation: "Mekong VC",
          country: "CN",
          trackIds: [11, 12],
          languages: ["zh", "en"],
        },
      ],
      problems: [],
    });
  });

  it("reports each bad line with its number", () => {
    const csv = [
      "email,country,tracks,languages",
      "bad,,,",
      "a@x.org,ZZ,,",
      "b@x.org,,Space,",
      "c@x.org,,,klingon",
      "a@x.org,,,",
    ].join("\n");
    expect(parseJudgeCsv(csv, tracks).problems).toEqual([
      { line: 2, code: "csv_bad_email" },
      { line: 3, code: "csv_bad_country", params: { value: "ZZ" } },
      { line: 4, code: "csv_bad_track", params: { value: "Space" } },
      { line: 5, code: "csv_bad_language", params: { value: "klingon" } },
      { line: 6, code: "csv_duplicate_email" },
    ]);
  });

  it("needs an email column and at least one line", () => {
    expect(parseJudgeCsv("name\nLi", tracks).problems).toEqual([{ line: 1, code: "csv_no_email_column" }]);
    expect(parseJudgeCsv("email\n", tracks).problems).toEqual([{ line: 1, code: "csv_empty" }]);
    expect(parseJudgeCsv("", tracks).problems).toEqual([{ line: 1, code: "csv_empty" }]);
  });
});
