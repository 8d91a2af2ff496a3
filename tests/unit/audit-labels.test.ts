// Every audit action the services write has a label in the audit log viewer, in English (and, through
// the catalog test, in every language): a new action without one would show as a raw code.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionKey } from "#app/domain/audit-log";

const root = path.resolve(__dirname, "../..");
const services = path.join(root, "app/services");
const catalog = JSON.parse(fs.readFileSync(path.join(root, "locales/en/common.json"), "utf8")) as Record<string, unknown>;

function lookup(key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

/** The action codes written by audit(...) calls: `action: "a.b"` and both arms of `action: x ? "a.b" : "c.d"`. */
function writtenActions(): string[] {
  const codes = new Set<string>();
  for (const file of fs.readdirSync(services).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(services, file), "utf8");
    for (const line of text.matchAll(/\baction: ([^,\n]+)/g))
      for (const code of line[1]!.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) codes.add(code[1]!);
  }
  return [...codes].sort();
}

describe("audit action labels", () => {
  it("finds the actions the services write", () => {
    expect(writtenActions()).toEqual(expect.arrayContaining(["contest.created", "heat.finalists_sent", "results.corrected"]));
  });

  it("has an English label for each", () => {
    const missing = writtenActions().filter((code) => {
      const key = auditActionKey(code);
      return !key || typeof lookup(key) !== "string";
    });
    expect(missing).toEqual([]);
  });
});
