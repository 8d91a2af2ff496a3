// The audit log viewer's pure helpers: reading its query string, days in the viewer's zone as UTC
// bounds, the page cursor, labels that fall back to the raw code, the before/after comparison, and
// who may read which log.
import { describe, expect, it } from "vitest";
import {
  auditActionKey,
  auditPageLinks,
  auditQueryString,
  auditSubjectTypeKey,
  compareAuditPayloads,
  decodeCursor,
  encodeCursor,
  hasAuditFilters,
  labelOrCode,
  MAX_PAYLOAD_CHARS,
  parseAuditQuery,
  parseDay,
  utcBounds,
} from "#app/domain/audit-log";
import { can, type Actor } from "#app/domain/permissions";

const q = (search: string) => parseAuditQuery(new URLSearchParams(search));

describe("parseAuditQuery", () => {
  it("reads every filter and the cursor", () => {
    expect(
      q(
        "action=entry.withdrawn&actor=%20Organiser@Demo.Test%20&subjectType=entry&subjectId=42&from=2026-03-01&to=2026-03-31&before=2026-03-05T10:00:00.000Z_17",
      ),
    ).toEqual({
      action: "entry.withdrawn",
      actor: "organiser@demo.test",
      subjectType: "entry",
      subjectId: "42",
      from: "2026-03-01",
      to: "2026-03-31",
      before: { createdAt: "2026-03-05T10:00:00.000Z", id: 17 },
    });
  });

  it("treats empty fields as no filter", () => {
    expect(q("action=&actor=&subjectType=&subjectId=&from=&to=&before=")).toEqual({});
  });

  it("drops what does not read instead of failing", () => {
    expect(
      q(
        [
          "action=" + encodeURIComponent("<script>"),
          "subjectType=" + encodeURIComponent("entry; drop table"),
          "from=2026-02-30",
          "to=yesterday",
          "before=17",
          "subjectId=" + encodeURIComponent("4\n2"),
          "subjectType=",
          "actor=" + "a".repeat(255),
        ].join("&"),
      ),
    ).toEqual({});
  });

  it("keeps a hostile-looking but harmless search as text (the query binds it)", () => {
    expect(q("actor=" + encodeURIComponent("' or 1=1 --")).actor).toBe("' or 1=1 --");
    expect(q("subjectType=entry&subjectId=" + encodeURIComponent("1 union select")).subjectId).toBe("1 union select");
  });

  it("reads a subject id only with its type", () => {
    expect(q("subjectId=11")).toEqual({});
    expect(q("subjectType=entry&subjectId=11")).toEqual({ subjectType: "entry", subjectId: "11" });
  });
});

describe("parseDay", () => {
  it("accepts real days only", () => {
    expect(parseDay("2028-02-29")).toBe("2028-02-29");
    expect(parseDay("2026-02-29")).toBeNull();
    expect(parseDay("2026-13-01")).toBeNull();
    expect(parseDay("2026-1-1")).toBeNull();
    expect(parseDay("1969-12-31")).toBeNull();
  });
});

describe("the page cursor", () => {
  it("round-trips", () => {
    const cursor = { createdAt: "2026-11-24T04:50:00.000Z", id: 123 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
  it("refuses anything else", () => {
    expect(decodeCursor("2026-11-24T04:50:00.000Z")).toBeNull();
    expect(decodeCursor("2026-11-24T04:50:00.000Z_0")).toBeNull();
    expect(decodeCursor("2026-11-24T04:50:00.000Z_-3")).toBeNull();
    expect(decodeCursor("2026-99-24T04:50:00.000Z_3")).toBeNull();
    expect(decodeCursor("x_3")).toBeNull();
  });
});

describe("utcBounds", () => {
  it("takes the viewer's midnights: from included, the day after `to` excluded", () => {
    // Singapore is UTC+8 all year: its midnight is 16:00 UTC the day before.
    expect(utcBounds({ from: "2026-03-01", to: "2026-03-31" }, "Asia/Singapore")).toEqual({
      since: "2026-02-28T16:00:00.000Z",
      until: "2026-03-31T16:00:00.000Z",
    });
  });
  it("follows daylight saving (Berlin: +1 in winter, +2 in summer)", () => {
    expect(utcBounds({ from: "2026-03-29", to: "2026-03-29" }, "Europe/Berlin")).toEqual({
      since: "2026-03-28T23:00:00.000Z",
      until: "2026-03-29T22:00:00.000Z",
    });
  });
  it("crosses month and year ends", () => {
    expect(utcBounds({ to: "2026-12-31" }, "UTC")).toEqual({ until: "2027-01-01T00:00:00.000Z" });
    expect(utcBounds({ to: "2028-02-28" }, "UTC")).toEqual({ until: "2028-02-29T00:00:00.000Z" });
  });
  it("reads an unknown zone as UTC, and no days as no bounds", () => {
    expect(utcBounds({ from: "2026-03-01" }, "Mars/Olympus")).toEqual({ since: "2026-03-01T00:00:00.000Z" });
    expect(utcBounds({}, "Asia/Singapore")).toEqual({});
  });
});

describe("links", () => {
  it("keep the filters, never the cursor, in a fixed order", () => {
    const query = q("to=2026-03-31&action=entry.withdrawn&before=2026-03-05T10:00:00.000Z_17&actor=a@b.c");
    expect(auditQueryString(query)).toBe("action=entry.withdrawn&actor=a%40b.c&to=2026-03-31");
    expect(hasAuditFilters(query)).toBe(true);
    expect(hasAuditFilters(q("before=2026-03-05T10:00:00.000Z_17"))).toBe(false);
  });
  it("point to older events, back to the newest, and the CSV of the same selection", () => {
    const query = q("action=entry.withdrawn&before=2026-03-05T10:00:00.000Z_17");
    expect(auditPageLinks("/manage/3/audit", query, "2026-03-01T00:00:00.000Z_9")).toEqual({
      nextHref: "/manage/3/audit?action=entry.withdrawn&before=2026-03-01T00%3A00%3A00.000Z_9",
      firstHref: "/manage/3/audit?action=entry.withdrawn",
      csvHref: "/manage/3/audit/export?action=entry.withdrawn",
    });
    expect(auditPageLinks("/admin/audit", {}, null)).toEqual({ nextHref: null, firstHref: null, csvHref: "/admin/audit/export" });
  });
});

describe("labels", () => {
  const catalog: Record<string, string> = {
    "audit.actions.entry.withdrawn": "Entry withdrawn",
    "audit.subjectTypes.entry": "Entry",
  };
  const lookup = (key: string) => catalog[key];

  it("uses the catalog's label when there is one", () => {
    expect(labelOrCode("entry.withdrawn", auditActionKey("entry.withdrawn"), lookup)).toBe("Entry withdrawn");
    expect(labelOrCode("entry", auditSubjectTypeKey("entry"), lookup)).toBe("Entry");
  });

  it("falls back to the raw code for an unknown or odd action", () => {
    expect(labelOrCode("entry.teleported", auditActionKey("entry.teleported"), lookup)).toBe("entry.teleported");
    expect(auditActionKey("entry")).toBeNull();
    expect(auditActionKey("entry.withdrawn.twice")).toBeNull();
    expect(auditActionKey("<b>x</b>.y")).toBeNull();
    expect(labelOrCode("<b>x</b>.y", auditActionKey("<b>x</b>.y"), lookup)).toBe("<b>x</b>.y");
    expect(labelOrCode("x.y", "audit.actions.x.y", () => "  ")).toBe("x.y");
  });
});

describe("compareAuditPayloads", () => {
  it("lists the fields that changed, with each side as compact JSON", () => {
    const result = compareAuditPayloads(
      JSON.stringify({ status: "registered", withdrawn_at: null, version: 3, tags: ["a"] }),
      JSON.stringify({ status: "withdrawn", withdrawn_at: "2026-03-01T00:00:00.000Z", version: 4, tags: ["a"] }),
    );
    expect(result.changes).toEqual([
      { field: "status", before: '"registered"', after: '"withdrawn"' },
      { field: "withdrawn_at", before: "null", after: '"2026-03-01T00:00:00.000Z"' },
      { field: "version", before: "3", after: "4" },
    ]);
    expect(result.before?.text).toBe(
      '{\n  "status": "registered",\n  "withdrawn_at": null,\n  "version": 3,\n  "tags": [\n    "a"\n  ]\n}',
    );
    expect(result.after?.truncated).toBe(false);
  });

  it("shows added and removed fields against nothing", () => {
    expect(compareAuditPayloads(null, JSON.stringify({ name: "Green" })).changes).toEqual([
      { field: "name", before: null, after: '"Green"' },
    ]);
    expect(compareAuditPayloads(JSON.stringify({ a: 1, b: 2 }), JSON.stringify({ a: 1 })).changes).toEqual([
      { field: "b", before: "2", after: null },
    ]);
    expect(compareAuditPayloads(null, null)).toEqual({ before: null, after: null, changes: [] });
  });

  it("keeps text that is not JSON as it is, and compares nothing that is not an object", () => {
    const result = compareAuditPayloads("not json <b>", JSON.stringify([1, 2]));
    expect(result.before).toEqual({ text: "not json <b>", truncated: false });
    expect(result.after?.text).toBe("[\n  1,\n  2\n]");
    expect(result.changes).toEqual([]);
  });

  it("tells two long values apart even where the shown text is cut", () => {
    const long = "x".repeat(1000);
    const result = compareAuditPayloads(JSON.stringify({ note: `${long}a` }), JSON.stringify({ note: `${long}b` }));
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]!.before!.length).toBeLessThan(400);
  });

  it("cuts a huge payload short, without splitting a character", () => {
    const result = compareAuditPayloads(JSON.stringify({ text: "😀".repeat(MAX_PAYLOAD_CHARS) }), null);
    expect(result.before?.truncated).toBe(true);
    expect(result.before!.text.length).toBeLessThanOrEqual(MAX_PAYLOAD_CHARS + 1);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(result.before!.text).not.toMatch(loneSurrogate);
  });
});

describe("who may read an audit log", () => {
  const actor = (over: Partial<Actor> = {}): Actor => ({
    userId: 1,
    isAdmin: false,
    emailVerified: true,
    contestRoles: [],
    teams: [],
    ...over,
  });
  it("a contest's log: its organisers and admins only", () => {
    const read = { type: "contest.audit.read", contestId: 7 } as const;
    expect(can(actor({ contestRoles: [{ contestId: 7, role: "organiser" }] }), read)).toBe(true);
    expect(can(actor({ isAdmin: true }), read)).toBe(true);
    expect(can(actor({ contestRoles: [{ contestId: 8, role: "organiser" }] }), read)).toBe(false);
    expect(can(actor({ contestRoles: [{ contestId: 7, role: "judge" }] }), read)).toBe(false);
    expect(can(actor({ contestRoles: [{ contestId: 7, role: "mentor" }] }), read)).toBe(false);
    expect(can(actor({ teams: [{ teamId: 1, role: "lead" }] }), read)).toBe(false);
    expect(can(null, read)).toBe(false);
  });
  it("the platform's log: admins only", () => {
    expect(can(actor({ isAdmin: true }), { type: "admin.audit.read" })).toBe(true);
    expect(can(actor({ contestRoles: [{ contestId: 7, role: "organiser" }] }), { type: "admin.audit.read" })).toBe(false);
  });
});
