// The settings form's tie-breaker selects: "— none —" skipped, order kept, and a repeat reported on
// the select that repeats it.
import { describe, expect, it } from "vitest";
import { contestSettingsSchema, encodeTieBreaker } from "#app/forms/contest";

// Everything else the settings form needs, valid.
const base = {
  name: { en: "Cup" },
  timeZone: "Asia/Bangkok",
  eligibleCountries: ["TH"],
  teamMin: "1",
  teamMax: "5",
  version: "1",
};

const parse = (tieBreakers: unknown) => contestSettingsSchema.safeParse({ ...base, tieBreakers });
const issues = (tieBreakers: unknown) => {
  const result = parse(tieBreakers);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("the tie-breakers field", () => {
  it("keeps the chosen order and skips empty selects, wherever they are", () => {
    const result = parse(["", "criterion:pitch", ""]);
    expect(result.success && result.data.tieBreakers).toEqual([{ kind: "criterion", key: "pitch" }]);
    const three = parse(["reviews", "", "criterion:market"]);
    expect(three.success && three.data.tieBreakers).toEqual([{ kind: "reviews" }, { kind: "criterion", key: "market" }]);
    const none = parse(["", "", ""]);
    expect(none.success && none.data.tieBreakers).toEqual([]);
    // A form that sends no select at all means no tie-breaker.
    const missing = contestSettingsSchema.safeParse(base);
    expect(missing.success && missing.data.tieBreakers).toEqual([]);
  });

  it("refuses a repeat on the select that repeats it", () => {
    expect(issues(["criterion:pitch", "", "criterion:pitch"])).toEqual(["tieBreakers.2:tieBreakers.duplicate"]);
    expect(issues(["reviews", "reviews"])).toEqual(["tieBreakers.1:tieBreakers.duplicate"]);
    expect(issues(["reviews", "criterion:pitch", "criterion:market"])).toEqual([]);
  });

  it("refuses an unknown kind, a malformed key and more than three", () => {
    expect(issues(["loudest"])).toEqual(["tieBreakers.0:invalid_choice"]);
    expect(issues(["", "criterion:Bad Key"])).toEqual(["tieBreakers.1:criterion_key_invalid"]);
    expect(issues(["reviews", "criterion:a", "criterion:b", "criterion:c"])).toEqual(["tieBreakers:tieBreakers.at_most?max=3"]);
  });

  it("encodes a tie-breaker as the select's value", () => {
    expect(encodeTieBreaker({ kind: "reviews" })).toBe("reviews");
    expect(encodeTieBreaker({ kind: "criterion", key: "team_fit" })).toBe("criterion:team_fit");
  });
});
