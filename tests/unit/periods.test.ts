// Check-in periods of an incubation cohort, worked out by hand: monthly and quarterly periods with a
// partial first and last period, leap years, due and closing days, the state on a given day, and
// which reminder is due (never before the period ends, never after it closes, missed steps skipped).
import { describe, expect, it } from "vitest";
import {
  addDays,
  cohortPeriods,
  dateIn,
  formatDateOnly,
  isDateOnly,
  isOverdue,
  LATE_DAYS,
  periodLabel,
  periodState,
  reminderDue,
  reminderSchedule,
  type Period,
  type ReminderStep,
} from "#app/domain/periods";

const byKey = (periods: Period[], key: string) => {
  const found = periods.find((p) => p.key === key);
  if (!found) throw new Error(`no period ${key}`);
  return found;
};

describe("calendar dates", () => {
  it("knows real dates, leap days included", () => {
    expect(isDateOnly("2028-02-29")).toBe(true);
    expect(isDateOnly("2027-02-29")).toBe(false);
    expect(isDateOnly("2000-02-29")).toBe(true);
    expect(isDateOnly("2100-02-29")).toBe(false);
    expect(isDateOnly("2027-13-01")).toBe(false);
    expect(isDateOnly("2027-1-01")).toBe(false);
    expect(isDateOnly("2027-01-01T00:00")).toBe(false);
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addDays("2027-02-10", LATE_DAYS)).toBe("2027-04-11");
  });

  it("gives the date of an instant in a time zone", () => {
    // 16:30 UTC on 31 January is already 1 February in Shanghai (UTC+8), still 31 January in UTC.
    expect(dateIn("Asia/Shanghai", new Date("2027-01-31T16:30:00Z"))).toBe("2027-02-01");
    expect(dateIn("UTC", new Date("2027-01-31T16:30:00Z"))).toBe("2027-01-31");
    expect(dateIn("America/Los_Angeles", new Date("2027-02-01T05:00:00Z"))).toBe("2027-01-31");
  });
});

describe("monthly periods", () => {
  const periods = cohortPeriods({ startsOn: "2027-01-15", endsOn: "2027-04-10", cadence: "monthly", dueDays: 10 });

  it("covers the cohort month by month, the first and last clipped to its dates", () => {
    expect(periods).toEqual([
      { key: "2027-01", start: "2027-01-15", end: "2027-01-31", dueOn: "2027-02-10", closesOn: "2027-04-11" },
      { key: "2027-02", start: "2027-02-01", end: "2027-02-28", dueOn: "2027-03-10", closesOn: "2027-05-09" },
      { key: "2027-03", start: "2027-03-01", end: "2027-03-31", dueOn: "2027-04-10", closesOn: "2027-06-09" },
      { key: "2027-04", start: "2027-04-01", end: "2027-04-10", dueOn: "2027-04-20", closesOn: "2027-06-19" },
    ]);
  });

  it("crosses a year and ends February on the 29th in a leap year", () => {
    const leap = cohortPeriods({ startsOn: "2027-12-01", endsOn: "2028-03-31", cadence: "monthly", dueDays: 5 });
    expect(leap.map((p) => p.key)).toEqual(["2027-12", "2028-01", "2028-02", "2028-03"]);
    expect(byKey(leap, "2028-02")).toMatchObject({ start: "2028-02-01", end: "2028-02-29", dueOn: "2028-03-05" });
  });

  it("has one short period when the cohort lies inside one month", () => {
    expect(cohortPeriods({ startsOn: "2027-05-10", endsOn: "2027-05-20", cadence: "monthly", dueDays: 0 })).toEqual([
      { key: "2027-05", start: "2027-05-10", end: "2027-05-20", dueOn: "2027-05-20", closesOn: "2027-07-19" },
    ]);
  });

  it("has no periods for dates that are not dates or run backwards", () => {
    expect(cohortPeriods({ startsOn: "2027-05-10", endsOn: "2027-05-09", cadence: "monthly", dueDays: 10 })).toEqual([]);
    expect(cohortPeriods({ startsOn: "2027-02-30", endsOn: "2027-05-09", cadence: "monthly", dueDays: 10 })).toEqual([]);
  });
});

describe("quarterly periods", () => {
  it("follows calendar quarters, the first and last clipped", () => {
    const periods = cohortPeriods({ startsOn: "2026-11-15", endsOn: "2027-08-20", cadence: "quarterly", dueDays: 15 });
    expect(periods).toEqual([
      { key: "2026-Q4", start: "2026-11-15", end: "2026-12-31", dueOn: "2027-01-15", closesOn: "2027-03-16" },
      { key: "2027-Q1", start: "2027-01-01", end: "2027-03-31", dueOn: "2027-04-15", closesOn: "2027-06-14" },
      { key: "2027-Q2", start: "2027-04-01", end: "2027-06-30", dueOn: "2027-07-15", closesOn: "2027-09-13" },
      { key: "2027-Q3", start: "2027-07-01", end: "2027-08-20", dueOn: "2027-09-04", closesOn: "2027-11-03" },
    ]);
  });

  it("ends the first quarter of a leap year on 31 March, the leap day inside it", () => {
    const [q1] = cohortPeriods({ startsOn: "2028-02-29", endsOn: "2028-03-31", cadence: "quarterly", dueDays: 10 });
    expect(q1).toEqual({ key: "2028-Q1", start: "2028-02-29", end: "2028-03-31", dueOn: "2028-04-10", closesOn: "2028-06-09" });
  });
});

describe("a period's state on a day", () => {
  const february = byKey(
    cohortPeriods({ startsOn: "2027-01-15", endsOn: "2027-04-10", cadence: "monthly", dueDays: 10 }),
    "2027-02",
  );

  it.each([
    ["2027-01-31", "not_open"],
    ["2027-02-01", "open"],
    ["2027-03-10", "open"],
    ["2027-03-11", "late"],
    ["2027-05-09", "late"],
    ["2027-05-10", "closed"],
  ] as const)("on %s it is %s", (today, state) => {
    expect(periodState(february, today)).toBe(state);
  });

  it("counts a check-in as overdue only when not submitted after its due day", () => {
    expect(isOverdue(february, "2027-03-10", false)).toBe(false);
    expect(isOverdue(february, "2027-03-11", false)).toBe(true);
    expect(isOverdue(february, "2027-03-11", true)).toBe(false);
    expect(isOverdue(february, "2027-06-01", false)).toBe(true);
  });
});

describe("reminders", () => {
  // February 2027: ends on the 28th, due on 10 March, closes on 9 May.
  const february = byKey(
    cohortPeriods({ startsOn: "2027-01-15", endsOn: "2027-04-10", cadence: "monthly", dueDays: 10 }),
    "2027-02",
  );
  const sent = (...steps: ReminderStep[]) => new Set<ReminderStep>(steps);

  it("is due three days before, the day after and eight days after the due day", () => {
    expect(reminderSchedule(february)).toEqual([
      { step: "due_soon", on: "2027-03-07" },
      { step: "overdue", on: "2027-03-11" },
      { step: "overdue_again", on: "2027-03-18" },
    ]);
  });

  it("sends each step on its day, once", () => {
    expect(reminderDue(february, "2027-03-06", sent())).toBeNull();
    expect(reminderDue(february, "2027-03-07", sent())).toBe("due_soon");
    expect(reminderDue(february, "2027-03-07", sent("due_soon"))).toBeNull();
    expect(reminderDue(february, "2027-03-11", sent("due_soon"))).toBe("overdue");
    expect(reminderDue(february, "2027-03-12", sent("due_soon", "overdue"))).toBeNull();
    expect(reminderDue(february, "2027-03-18", sent("due_soon", "overdue"))).toBe("overdue_again");
    expect(reminderDue(february, "2027-04-30", sent("due_soon", "overdue", "overdue_again"))).toBeNull();
  });

  it("skips steps missed during a pause: one email with the latest step, not three", () => {
    expect(reminderDue(february, "2027-03-11", sent())).toBe("overdue");
    expect(reminderDue(february, "2027-03-20", sent())).toBe("overdue_again");
    // The latest step went out; earlier ones that never did are not sent afterwards.
    expect(reminderDue(february, "2027-03-20", sent("overdue_again"))).toBeNull();
  });

  it("sends nothing before the period ends, even when the first step's day has come", () => {
    // Due one day after the end: "due soon" would fall two days before the period ends.
    const short = byKey(
      cohortPeriods({ startsOn: "2027-01-01", endsOn: "2027-03-31", cadence: "monthly", dueDays: 1 }),
      "2027-02",
    );
    expect(reminderSchedule(short)[0]).toEqual({ step: "due_soon", on: "2027-02-26" });
    expect(reminderDue(short, "2027-02-26", sent())).toBeNull();
    expect(reminderDue(short, "2027-02-27", sent())).toBeNull();
    expect(reminderDue(short, "2027-02-28", sent())).toBe("due_soon");
  });

  it("sends nothing once the period is closed", () => {
    expect(reminderDue(february, "2027-05-09", sent())).toBe("overdue_again");
    expect(reminderDue(february, "2027-05-10", sent())).toBeNull();
    expect(reminderDue(february, "2028-01-01", sent())).toBeNull();
  });
});

describe("names of periods and dates", () => {
  it("names a month and a quarter in the viewer's language", () => {
    expect(periodLabel("2027-01", "en")).toBe("January 2027");
    // ICU puts thin spaces around the dash of a range.
    expect(periodLabel("2027-Q1", "en").replace(/\s/g, " ")).toBe("Jan – Mar 2027");
    expect(periodLabel("2027-01", "zh-CN")).toBe("2027年1月");
    expect(periodLabel("2027-13", "en")).toBe("2027-13");
    expect(periodLabel("nonsense", "en")).toBe("nonsense");
  });

  it("shows a calendar date without shifting it into a time zone", () => {
    expect(formatDateOnly("2027-02-10", "en")).toBe("Feb 10, 2027");
    expect(formatDateOnly("2027-02-10", "zh-CN")).toBe("2027年2月10日");
    expect(formatDateOnly("not a date", "en")).toBe("not a date");
  });
});
