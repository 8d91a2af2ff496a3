// Cohort rules without a database: template keys, milestone names and completion, what a mentor
// sees first about a team (latest check-in, overdue count), periods a date change would drop, and
// the forms' own checks.
import { describe, expect, it } from "vitest";
import {
  milestoneCompletion,
  milestoneName,
  orphanedPeriods,
  parseMilestoneTemplate,
  teamCheckinSummary,
  withTemplateKeys,
} from "#app/domain/cohorts";
import { cohortPeriods } from "#app/domain/periods";
import { cohortCreateSchema, milestoneUpdateSchema } from "#app/forms/cohorts";

describe("withTemplateKeys", () => {
  it("keeps given keys and gives new or repeated rows the first free custom key", () => {
    const keyed = withTemplateKeys([
      { key: "mvp", name: { en: "MVP" } },
      { name: { en: "Export licence" } },
      { key: "mvp", name: { en: "MVP again" } },
      { key: "custom_2", name: { en: "Kept" } },
      { key: "Not A Key", name: { en: "Bad key" } },
    ]);
    expect(keyed.map((m) => m.key)).toEqual(["mvp", "custom_1", "custom_3", "custom_2", "custom_4"]);
    expect(keyed[2]!.name).toEqual({ en: "MVP again" });
  });

  it("gives an empty list back for an empty template", () => {
    expect(withTemplateKeys([])).toEqual([]);
  });
});

describe("parseMilestoneTemplate", () => {
  it("reads stored rows and leaves out the ones that no longer read", () => {
    const json = JSON.stringify([
      { key: "mvp", name: { en: "MVP launched", th: "เปิดตัว MVP" } },
      { key: "mvp", name: { en: "duplicate" } },
      { key: "pilot", name: { th: "no English" } },
      { key: 7, name: { en: "numeric key" } },
      "junk",
    ]);
    expect(parseMilestoneTemplate(json)).toEqual([{ key: "mvp", name: { en: "MVP launched", th: "เปิดตัว MVP" } }]);
    expect(parseMilestoneTemplate("not json")).toEqual([]);
    expect(parseMilestoneTemplate('{"a":1}')).toEqual([]);
  });
});

describe("milestoneName", () => {
  const template = [{ key: "first_customer", name: { en: "First paying customer", "zh-CN": "获得首个付费客户" } }];

  it("shows a template milestone in the reader's language and a team's own by its title", () => {
    expect(milestoneName({ templateKey: "first_customer", title: "First paying customer" }, template, "zh-CN")).toBe(
      "获得首个付费客户",
    );
    expect(milestoneName({ templateKey: "first_customer", title: "First paying customer" }, template, "vi")).toBe(
      "First paying customer",
    );
    expect(milestoneName({ templateKey: null, title: "Halal certification" }, template, "zh-CN")).toBe("Halal certification");
  });

  it("falls back to the stored title when the cohort's template no longer has the key", () => {
    expect(milestoneName({ templateKey: "ip", title: "IP filed" }, template, "zh-CN")).toBe("IP filed");
  });
});

describe("milestoneCompletion", () => {
  it("counts done out of all but the dropped", () => {
    expect(
      milestoneCompletion([
        { status: "done" },
        { status: "dropped" },
        { status: "planned" },
        { status: "in_progress" },
        { status: "done" },
      ]),
    ).toEqual({ done: 2, total: 4 });
    expect(milestoneCompletion([])).toEqual({ done: 0, total: 0 });
  });
});

describe("teamCheckinSummary", () => {
  // Q1 ends 31 March, due 10 April; Q2 ends 30 June, due 10 July.
  const periods = cohortPeriods({ startsOn: "2027-01-01", endsOn: "2027-06-30", cadence: "quarterly", dueDays: 10 });

  it("counts every period past its due day without a submitted check-in", () => {
    expect(teamCheckinSummary(periods, [], "2027-07-15")).toEqual({ latest: null, overdue: 2 });
  });

  it("is not overdue on the due day itself, only the day after", () => {
    expect(teamCheckinSummary(periods, [], "2027-04-10").overdue).toBe(0);
    expect(teamCheckinSummary(periods, [], "2027-04-11").overdue).toBe(1);
  });

  it("takes the latest submitted check-in in period order; a draft is not filed", () => {
    const summary = teamCheckinSummary(
      periods,
      [
        { period: "2027-Q2", status: "draft", mentorStatus: null },
        { period: "2027-Q1", status: "submitted", mentorStatus: "at_risk" },
      ],
      "2027-07-15",
    );
    expect(summary).toEqual({ latest: { period: "2027-Q1", mentorStatus: "at_risk" }, overdue: 1 });
  });

  it("ignores check-ins for periods the cohort does not have", () => {
    const summary = teamCheckinSummary(
      periods,
      [{ period: "2026-Q4", status: "submitted", mentorStatus: "on_track" }],
      "2027-05-01",
    );
    expect(summary).toEqual({ latest: null, overdue: 1 });
  });
});

describe("orphanedPeriods", () => {
  it("lists periods with check-ins that new dates would leave out, once each and sorted", () => {
    const periods = cohortPeriods({ startsOn: "2027-03-01", endsOn: "2027-05-31", cadence: "monthly", dueDays: 10 });
    expect(orphanedPeriods(["2027-02", "2027-03", "2027-06", "2027-02"], periods)).toEqual(["2027-02", "2027-06"]);
    expect(orphanedPeriods(["2027-04"], periods)).toEqual([]);
  });
});

describe("cohortCreateSchema", () => {
  const valid = {
    name: { en: "2027 cohort" },
    startsOn: "2027-01-01",
    endsOn: "2027-12-31",
    cadence: "quarterly",
    reportingCurrency: "usd",
    dueDays: 10,
    milestones: [{ key: "mvp", name: { en: "MVP launched" } }],
    entryIds: ["3", "5"],
  };
  const errorsOf = (input: Record<string, unknown>) => {
    const parsed = cohortCreateSchema.safeParse(input);
    return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };

  it("accepts a cohort and normalises the currency code and the entry ids", () => {
    const parsed = cohortCreateSchema.parse(valid);
    expect(parsed.reportingCurrency).toBe("USD");
    expect(parsed.entryIds).toEqual([3, 5]);
  });

  it("refuses an end on or before the start, on the end field", () => {
    expect(errorsOf({ ...valid, endsOn: "2027-01-01" })).toEqual(["endsOn:cohort_ends_before_start"]);
  });

  it("refuses an unknown currency, an impossible date, and due days outside 1 to 60", () => {
    expect(errorsOf({ ...valid, reportingCurrency: "XYZ" })).toEqual(["reportingCurrency:cohort_currency_unknown"]);
    expect(errorsOf({ ...valid, startsOn: "2027-02-30" })).toEqual(["startsOn:invalid_date"]);
    expect(errorsOf({ ...valid, dueDays: 0 })).toEqual(["dueDays:number_too_small?min=1"]);
    expect(errorsOf({ ...valid, dueDays: 61 })).toEqual(["dueDays:number_too_large?max=60"]);
  });

  it("refuses more than ten template rows and a row without an English name", () => {
    const rows = Array.from({ length: 11 }, (_, i) => ({ name: { en: `M${i}` } }));
    expect(errorsOf({ ...valid, milestones: rows })).toEqual(["milestones:cohort_too_many_milestones?max=10"]);
    expect(errorsOf({ ...valid, milestones: [{ name: { th: "ภาษาไทย" } }] })).toEqual(["milestones.0.name.en:required"]);
  });
});

describe("milestoneUpdateSchema", () => {
  it("wants the day a done milestone was done, and drops it for any other status", () => {
    expect(milestoneUpdateSchema.safeParse({ milestoneId: "4", status: "done" }).success).toBe(false);
    expect(milestoneUpdateSchema.parse({ milestoneId: "4", status: "done", doneOn: "2027-03-02" })).toEqual({
      milestoneId: 4,
      status: "done",
      doneOn: "2027-03-02",
      dueOn: null,
    });
    expect(
      milestoneUpdateSchema.parse({ milestoneId: "4", status: "in_progress", doneOn: "2027-03-02", dueOn: "2027-05-01" }),
    ).toEqual({
      milestoneId: 4,
      status: "in_progress",
      doneOn: null,
      dueOn: "2027-05-01",
    });
  });
});
