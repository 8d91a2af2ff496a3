// Check-in periods of an incubation cohort, as calendar dates in the contest's time zone: which periods
// a cohort has (monthly "2027-01" or quarterly "2027-Q1"), when each check-in is due, whether a team
// may still file one, and which reminder is due. Pure: "today" is passed in.
import type { Cadence, DateOnly } from "#db/schema";

export interface Period {
  key: string;
  /** First and last day of the period, clipped to the cohort's dates. */
  start: DateOnly;
  end: DateOnly;
  /** The check-in is due this many days after the period ends (the cohort's `due_days`). */
  dueOn: DateOnly;
  /** After this day the period is closed: no check-in can be filed or changed by the team. */
  closesOn: DateOnly;
}

/** A check-in filed late is still accepted for this many days after it was due. */
export const LATE_DAYS = 60;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateOnly(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const toDate = (value: DateOnly) => new Date(`${value}T00:00:00.000Z`);
const fromDate = (date: Date): DateOnly => date.toISOString().slice(0, 10);

export function addDays(value: DateOnly, days: number): DateOnly {
  const d = toDate(value);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}

/** The calendar date of an instant in a time zone. */
export function dateIn(timeZone: string, instant: Date): DateOnly {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    instant,
  );
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Every period that overlaps the cohort's dates, in order. */
export function cohortPeriods(cohort: { startsOn: DateOnly; endsOn: DateOnly; cadence: Cadence; dueDays: number }): Period[] {
  if (!isDateOnly(cohort.startsOn) || !isDateOnly(cohort.endsOn) || cohort.endsOn < cohort.startsOn) return [];
  const months = cohort.cadence === "monthly" ? 1 : 3;
  const first = toDate(cohort.startsOn);
  let year = first.getUTCFullYear();
  // Quarters start in January, April, July and October.
  let month = cohort.cadence === "monthly" ? first.getUTCMonth() : Math.floor(first.getUTCMonth() / 3) * 3;
  const periods: Period[] = [];
  for (;;) {
    const start = `${year}-${pad(month + 1)}-01`;
    if (start > cohort.endsOn) break;
    const next = new Date(Date.UTC(year, month + months, 1));
    const end = addDays(fromDate(next), -1);
    const key = cohort.cadence === "monthly" ? `${year}-${pad(month + 1)}` : `${year}-Q${month / 3 + 1}`;
    const clippedEnd = end > cohort.endsOn ? cohort.endsOn : end;
    const dueOn = addDays(clippedEnd, cohort.dueDays);
    periods.push({
      key,
      start: start < cohort.startsOn ? cohort.startsOn : start,
      end: clippedEnd,
      dueOn,
      closesOn: addDays(dueOn, LATE_DAYS),
    });
    year = next.getUTCFullYear();
    month = next.getUTCMonth();
  }
  return periods;
}

/** not_open: the period has not started; open: fileable, not yet due; late: past due, still fileable; closed. */
export type PeriodState = "not_open" | "open" | "late" | "closed";

export function periodState(period: Period, today: DateOnly): PeriodState {
  if (today < period.start) return "not_open";
  if (today <= period.dueOn) return "open";
  if (today <= period.closesOn) return "late";
  return "closed";
}

/** The reminder steps of one period's check-in, each with the day it is due. */
export type ReminderStep = "due_soon" | "overdue" | "overdue_again";

export function reminderSchedule(period: Period): Array<{ step: ReminderStep; on: DateOnly }> {
  return [
    { step: "due_soon", on: addDays(period.dueOn, -3) },
    { step: "overdue", on: addDays(period.dueOn, 1) },
    { step: "overdue_again", on: addDays(period.dueOn, 8) },
  ];
}

/**
 * The reminder to send today for a check-in not yet submitted: the latest step whose day has come and
 * that was not sent, never one for a period that has not ended or is closed. Earlier missed steps are
 * skipped (one email, not three, after a pause in sending).
 */
export function reminderDue(period: Period, today: DateOnly, sent: ReadonlySet<ReminderStep>): ReminderStep | null {
  if (today < period.end || today > period.closesOn) return null;
  const due = reminderSchedule(period).filter((s) => s.on <= today);
  const latest = due[due.length - 1];
  if (!latest || sent.has(latest.step)) return null;
  return latest.step;
}

/** Whether a check-in counts as overdue on the dashboards: not submitted and past its due day. */
export function isOverdue(period: Period, today: DateOnly, submitted: boolean): boolean {
  return !submitted && today > period.dueOn;
}

const parseKey = (key: string) => {
  const m = /^(\d{4})-(?:(\d{2})|Q([1-4]))$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { year, first: month - 1, last: month - 1 } : null;
  }
  const q = Number(m[3]);
  return { year, first: (q - 1) * 3, last: (q - 1) * 3 + 2 };
};

/** A period's name in a language: "January 2027" for a month, "Jan – Mar 2027" for a quarter. */
export function periodLabel(key: string, locale: string): string {
  const parsed = parseKey(key);
  if (!parsed) return key;
  const at = (month: number) => new Date(Date.UTC(parsed.year, month, 1));
  if (parsed.first === parsed.last)
    return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(at(parsed.first));
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).formatRange(
    at(parsed.first),
    at(parsed.last),
  );
}

/** A calendar date as a date in a language ("10 Feb 2027"), with no time zone shift. */
export function formatDateOnly(value: DateOnly, locale: string): string {
  if (!isDateOnly(value)) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(toDate(value));
}
