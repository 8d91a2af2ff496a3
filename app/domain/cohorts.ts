// Rules of an incubation cohort that need no database: its milestone template (keys, the default
// five), how far a team has come on its milestones, and what a mentor sees first about a team (the
// latest check-in and how many are overdue). Pure.
import type { MentorStatus, MilestoneStatus } from "#db/schema";
import type { Language } from "./locale";
import { normaliseLocalized, pickLocalized, type LocalizedText } from "./localized";
import { isOverdue, type Period } from "./periods";

/** The milestones a new cohort offers, in order; their names live in the catalogs (cohorts.defaultMilestone.*). */
export const DEFAULT_MILESTONE_KEYS = ["mvp", "first_customer", "pilot", "funding", "ip"] as const;

/** A template is short: the teams add their own milestones beyond it. */
export const MAX_TEMPLATE_MILESTONES = 10;

export const MILESTONE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export interface TemplateMilestone {
  key: string;
  name: LocalizedText;
}

/** The stored template; rows that no longer read (hand-edited JSON) are left out rather than failing a page. */
export function parseMilestoneTemplate(json: string | null | undefined): TemplateMilestone[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: TemplateMilestone[] = [];
  for (const row of parsed) {
    if (!row || typeof row !== "object") continue;
    const { key, name } = row as { key?: unknown; name?: unknown };
    const text = name && typeof name === "object" ? normaliseLocalized(name as Record<string, unknown>) : null;
    if (typeof key === "string" && MILESTONE_KEY.test(key) && text && !out.some((m) => m.key === key))
      out.push({ key, name: text });
  }
  return out;
}

/**
 * Keys for the template rows as the organiser left them: a row keeps its key (a default one such as
 * "mvp") unless an earlier row took it; a new or repeated row gets the first free "custom_<n>".
 */
export function withTemplateKeys(rows: ReadonlyArray<{ key?: string | null; name: LocalizedText }>): TemplateMilestone[] {
  const taken = new Set<string>();
  const keyed = rows.map((row) => {
    const key = row.key && MILESTONE_KEY.test(row.key) && !taken.has(row.key) ? row.key : null;
    if (key) taken.add(key);
    return { key, name: row.name };
  });
  let n = 0;
  const nextFree = () => {
    do n++;
    while (taken.has(`custom_${n}`));
    taken.add(`custom_${n}`);
    return `custom_${n}`;
  };
  return keyed.map((row) => ({ key: row.key ?? nextFree(), name: row.name }));
}

/**
 * A milestone's name for a reader: the template's name in the reader's language when it came from
 * the template (and the cohort still has that key), else the title as stored.
 */
export function milestoneName(
  milestone: { templateKey: string | null; title: string },
  template: readonly TemplateMilestone[],
  language: Language,
): string {
  const fromTemplate = milestone.templateKey ? template.find((m) => m.key === milestone.templateKey) : undefined;
  return fromTemplate ? pickLocalized(fromTemplate.name, language) : milestone.title;
}

/** Done out of all that still count: a dropped milestone is neither done nor owed. */
export function milestoneCompletion(milestones: ReadonlyArray<{ status: MilestoneStatus }>): { done: number; total: number } {
  const counted = milestones.filter((m) => m.status !== "dropped");
  return { done: counted.filter((m) => m.status === "done").length, total: counted.length };
}

export interface CheckinFacts {
  period: string;
  status: "draft" | "submitted";
  mentorStatus: MentorStatus | null;
}

/**
 * What a mentor sees first about a team: its latest submitted check-in (by the cohort's period order)
 * with the mentor status given to it, and how many periods are overdue today. Drafts do not count as
 * filed; check-ins for periods the cohort no longer has are ignored.
 */
export function teamCheckinSummary(
  periods: readonly Period[],
  checkins: readonly CheckinFacts[],
  today: string,
): { latest: { period: string; mentorStatus: MentorStatus | null } | null; overdue: number } {
  const submitted = new Map(checkins.filter((c) => c.status === "submitted").map((c) => [c.period, c]));
  let latest: { period: string; mentorStatus: MentorStatus | null } | null = null;
  let overdue = 0;
  for (const period of periods) {
    const checkin = submitted.get(period.key);
    if (checkin) latest = { period: period.key, mentorStatus: checkin.mentorStatus };
    if (isOverdue(period, today, Boolean(checkin))) overdue++;
  }
  return { latest, overdue };
}

/** Periods that have a check-in but would no longer exist with the cohort's new dates or cadence. */
export function orphanedPeriods(checkinPeriods: readonly string[], periods: readonly Period[]): string[] {
  const keys = new Set(periods.map((p) => p.key));
  return [...new Set(checkinPeriods)].filter((p) => !keys.has(p)).sort();
}
