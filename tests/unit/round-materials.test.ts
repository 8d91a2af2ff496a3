import { describe, expect, it } from "vitest";
import {
  archivePaths,
  countingVersions,
  fileExtension,
  formatFileSize,
  isLateByExtension,
  pathComponent,
  slugComponent,
  versionStatuses,
  type ArchiveItem,
} from "#app/domain/round-materials";

const closesAt = "2027-03-31T16:00:00.000Z";
const v = (id: number, requirementId: number, version: number, createdAt: string) => ({ id, requirementId, version, createdAt });

describe("countingVersions", () => {
  const versions = [
    v(1, 10, 1, "2027-03-10T00:00:00.000Z"),
    v(2, 10, 2, "2027-03-31T16:00:00.000Z"), // exactly at the deadline: still in time
    v(3, 10, 3, "2027-04-02T00:00:00.000Z"), // after it
    v(4, 20, 1, "2027-03-20T00:00:00.000Z"),
    v(5, 30, 1, "2027-04-01T00:00:00.000Z"), // the only version of material 30, late
  ];

  it("picks the latest version handed in at or before the deadline, per material", () => {
    const picked = countingVersions(versions, { closesAt, extensionUntil: null });
    expect([...picked.entries()].map(([req, x]) => [req, x.id])).toEqual([
      [10, 2],
      [20, 4],
    ]);
  });

  it("lets an extension move the deadline later, never earlier", () => {
    const later = countingVersions(versions, { closesAt, extensionUntil: "2027-04-05T00:00:00.000Z" });
    expect([...later.values()].map((x) => x.id).sort()).toEqual([3, 4, 5]);
    const earlier = countingVersions(versions, { closesAt, extensionUntil: "2027-03-01T00:00:00.000Z" });
    expect([...earlier.values()].map((x) => x.id).sort()).toEqual([2, 4]);
  });

  it("counts the highest version whatever the order it is given in, and everything when there is no deadline", () => {
    const shuffled = [versions[2]!, versions[0]!, versions[1]!];
    expect(countingVersions(shuffled, { closesAt: null, extensionUntil: null }).get(10)?.id).toBe(3);
    expect(countingVersions([], { closesAt, extensionUntil: null }).size).toBe(0);
  });

  it("gives every version its standing", () => {
    const statuses = versionStatuses(versions, { closesAt, extensionUntil: null });
    expect(Object.fromEntries(statuses)).toEqual({
      1: "superseded",
      2: "counts",
      3: "after_deadline",
      4: "counts",
      5: "after_deadline",
    });
  });

  it("says which versions came in after the round's own deadline", () => {
    expect(isLateByExtension("2027-04-01T00:00:00.000Z", closesAt)).toBe(true);
    expect(isLateByExtension(closesAt, closesAt)).toBe(false);
    expect(isLateByExtension("2027-04-01T00:00:00.000Z", null)).toBe(false);
  });
});

describe("path components", () => {
  it.each([
    ["A-0001 Green Leaf", "A-0001 Green Leaf"],
    ["../../etc", "etc"],
    ["..", "fallback"],
    ["a/b\\c", "a b c"],
    ["tab\there\u0000nul", "tab here nul"],
    ["evil\u202Efdp.exe", "evil fdp.exe"],
    ['who:*?"<>|me', "who me"],
    ["  trailing dots...  ", "trailing dots"],
    ["CON", "_CON"],
    ["nul.txt", "_nul.txt"],
    ["绿色科技 团队", "绿色科技 团队"],
    ["", "fallback"],
  ])("makes %j into %j", (input, expected) => {
    expect(pathComponent(input, 40, "fallback")).toBe(expected);
  });

  it("caps the length without splitting a Thai syllable or an emoji", () => {
    expect(pathComponent("x".repeat(200), 80, "f")).toHaveLength(80);
    // "กำ" is one grapheme of two code points; "👩‍💻" is one grapheme of five.
    expect(pathComponent("กำกำกำ", 2, "f")).toBe("กำกำ");
    expect(pathComponent("ab👩‍💻cd", 3, "f")).toBe("ab👩‍💻");
  });

  it("makes slugs that keep every script", () => {
    expect(slugComponent("Green Tech & Energy", 40, "t")).toBe("green-tech-energy");
    expect(slugComponent("绿色科技", 40, "t")).toBe("绿色科技");
    expect(slugComponent("Công nghệ xanh", 40, "t")).toBe("công-nghệ-xanh");
    expect(slugComponent("../..", 40, "track-3")).toBe("track-3");
    expect(slugComponent("aux", 40, "t")).toBe("_aux");
  });

  it("reads a file's extension only when it looks like one", () => {
    expect(fileExtension("deck v2.PDF")).toBe("pdf");
    expect(fileExtension("plan.docx")).toBe("docx");
    expect(fileExtension("no extension")).toBe("");
    expect(fileExtension("weird.p/df")).toBe("");
    expect(fileExtension(null)).toBe("");
  });
});

describe("archivePaths", () => {
  const item = (overrides: Partial<ArchiveItem>): ArchiveItem => ({
    trackId: 1,
    trackName: "Digital Economy",
    entryId: 1,
    entryCode: "A-0001",
    teamName: "Green Leaf",
    material: "Pitch deck",
    fileName: "deck.pdf",
    ...overrides,
  });

  it("builds <track>/<code team>/<material>.<ext>", () => {
    expect(archivePaths([item({}), item({ material: "Business plan", fileName: "plan.DOCX" })])).toEqual([
      "digital-economy/A-0001 Green Leaf/Pitch deck.pdf",
      "digital-economy/A-0001 Green Leaf/Business plan.docx",
    ]);
  });

  it("never leaves the archive, whatever the names say", () => {
    const [path] = archivePaths([
      item({ trackName: "../../..", teamName: "../../../root/.ssh", material: "..\\..\\evil", fileName: "x.pdf" }),
    ]);
    // The dots that stay are inside one component, where they are only characters.
    expect(path).toBe("track-1/A-0001 .. .. .. root .ssh/evil.pdf");
    expect(path!.split("/")).toHaveLength(3);
    for (const part of path!.split("/")) {
      expect(part).not.toMatch(/^\.|\.$|[\\:]/);
      expect(part.length).toBeGreaterThan(0);
    }
  });

  it("makes clashing names unique, ignoring case, and keeps the reserved names free", () => {
    const paths = archivePaths(
      [
        item({ material: "Deck" }),
        item({ material: "deck" }),
        item({ material: "Deck", fileName: "deck.docx" }),
        item({ trackId: 2, trackName: "digital economy!", entryId: 2, entryCode: "B-0002" }),
        item({ trackId: 3, trackName: "manifest.csv", entryId: 3, entryCode: "C-0003" }),
        item({ entryId: 4, entryCode: "A-0001", teamName: "green leaf" }),
      ],
      ["manifest-csv"],
    );
    expect(paths).toEqual([
      "digital-economy/A-0001 Green Leaf/Deck.pdf",
      "digital-economy/A-0001 Green Leaf/deck (2).pdf",
      "digital-economy/A-0001 Green Leaf/Deck.docx",
      "digital-economy-2/B-0002 Green Leaf/Pitch deck.pdf",
      "manifest-csv-2/C-0003 Green Leaf/Pitch deck.pdf",
      "digital-economy/A-0001 green leaf (2)/Pitch deck.pdf",
    ]);
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(paths.length);
  });

  it("caps every component so paths stay short enough for any unzip tool", () => {
    const [path] = archivePaths([
      item({ trackName: "T".repeat(300), teamName: "名".repeat(300), material: "M".repeat(300), fileName: "a.pdf" }),
    ]);
    const [track, entry, file] = path!.split("/");
    expect(track).toHaveLength(40);
    expect(Array.from(entry!)).toHaveLength(80);
    expect(file).toBe(`${"M".repeat(80)}.pdf`);
    const [again, twice] = archivePaths([item({ material: "M".repeat(300) }), item({ material: "M".repeat(300) })]);
    expect(again).not.toBe(twice);
    expect(twice!.split("/")[2]).toBe(`${"M".repeat(76)} (2).pdf`);
  });
});

describe("formatFileSize", () => {
  it("uses the largest unit that fits, in the reader's language", () => {
    expect(formatFileSize(512, "en")).toBe("512 byte");
    expect(formatFileSize(2048, "en")).toBe("2 kB");
    expect(formatFileSize(1.5 * 1024 * 1024, "en")).toBe("1.5 MB");
    expect(formatFileSize(1.5 * 1024 * 1024, "vi")).toBe("1,5 MB");
  });
});
