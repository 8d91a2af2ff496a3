// The guarded form parser: forms no page sends are refused as unreadable (quickly, without throwing),
// zod's English messages become catalog codes, and Conform's own list buttons keep working.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWithZod } from "#app/utils/form";

const schema = z.object({
  name: z.string({ required_error: "required" }).max(5, "too_long?max=5"),
  rows: z
    .array(z.object({ weight: z.coerce.number() }))
    .max(20)
    .default([]),
});

const form = (entries: Array<[string, string]>) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe("parseWithZod (guarded)", () => {
  it("reads an ordinary form as Conform does", () => {
    const submission = parseWithZod(
      form([
        ["name", "Ada"],
        ["rows[0].weight", "40"],
      ]),
      { schema },
    );
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ name: "Ada", rows: [{ weight: 40 }] });
  });

  it("refuses a list index no form of ours reaches, before building a list that long", () => {
    const started = Date.now();
    for (const name of ["rows[9999999].weight", "other[4294967294]", "a.b[1000]"]) {
      const submission = parseWithZod(
        form([
          ["name", "Ada"],
          [name, "1"],
        ]),
        { schema },
      );
      expect(submission.status).toBe("error");
      expect(submission.reply().error).toEqual({ "": ["formInput.unreadable"] });
      expect(JSON.stringify(submission.reply()).length).toBeLessThan(500);
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      parseWithZod(
        form([
          ["rows[999].weight", "1"],
          ["name", "Ada"],
        ]),
        { schema },
      ).status,
    ).toBe("error");
  });

  it("refuses Conform's reserved fields filled by hand instead of throwing", () => {
    for (const [name, value] of [
      ["__intent__", "not json"],
      ["__intent__", "{}"],
      ["__intent__", '{"type":"remove","payload":{"name":"name","index":0}}'],
      ["__intent__", '{"type":"update","payload":{"name":"rows[99999999]","value":"x"}}'],
      ["__state__", "{"],
    ] as const) {
      const submission = parseWithZod(
        form([
          ["name", "Ada"],
          [name, value],
        ]),
        { schema },
      );
      expect(submission.reply().error, `${name}=${value}`).toEqual({ "": ["formInput.unreadable"] });
    }
  });

  it("answers Conform's own list buttons with the form, a row added", () => {
    const intent = JSON.stringify({ type: "insert", payload: { name: "rows" } });
    const submission = parseWithZod(
      form([
        ["name", "Ada"],
        ["rows[0].weight", "40"],
        ["__intent__", intent],
      ]),
      { schema },
    );
    expect(submission.status).toBeUndefined();
    expect(submission.reply().initialValue).toEqual({ name: "Ada", rows: [{ weight: "40" }, undefined] });
  });

  it("gives catalog codes for what a schema has no message of its own", () => {
    const twice = parseWithZod(
      form([
        ["name", "Ada"],
        ["name", "Bo"],
      ]),
      { schema },
    );
    expect(twice.reply().error).toEqual({ name: ["formInput.invalid_value"] });
    const notANumber = parseWithZod(
      form([
        ["name", "Ada"],
        ["rows[0].weight", "many"],
      ]),
      { schema },
    );
    expect(notANumber.reply().error).toEqual({ "rows[0].weight": ["formInput.invalid_value"] });
    const missing = parseWithZod(form([]), { schema });
    expect(missing.reply().error).toEqual({ name: ["required"] });
    // A schema's own message stays as it is: a check's, a type error's, a map's.
    expect(parseWithZod(form([["name", "Adalbert"]]), { schema }).reply().error).toEqual({ name: ["too_long?max=5"] });
    const own = z.object({
      count: z.coerce.number({ invalid_type_error: "not_a_number" }),
      accept: z.literal("on", { errorMap: () => ({ message: "must_accept" }) }),
    });
    expect(
      parseWithZod(
        form([
          ["count", "many"],
          ["accept", "off"],
        ]),
        { schema: own },
      ).reply().error,
    ).toEqual({
      count: ["not_a_number"],
      accept: ["must_accept"],
    });
  });
});
