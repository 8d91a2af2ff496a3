// Reminders of check-ins not yet submitted: for every team still filing and every period of its
// cohort, the step `reminderDue` says is due today (in the contest's zone) is emailed to each team
// member in their language, and recorded in the same transaction (a unique row, so never twice).
// The server runs it hourly; organisers can also run it for one cohort from the rates page.
import type { Kysely } from "kysely";
import { cohortPeriods, dateIn, formatDateOnly, periodLabel, reminderDue, type ReminderStep } from "#app/domain/periods";
import { isLanguage, type Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { audit } from "#app/infra/audit.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import {
  findContestCohort,
  listActiveCohortTeams,
  listTeamMembersForMail,
  remindersSent,
  submittedPeriods,
} from "#app/data/checkins.server";
import type { Database } from "#db/schema";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export interface ReminderReport {
  /** Reminder steps recorded (one per team and period). */
  reminders: number;
  /** Emails queued (one per member of each reminded team). */
  emails: number;
}

export async function sendCheckinReminders(
  db: Kysely<Database>,
  now: Date,
  appUrl: string,
  options: { cohortId?: number; actorUserId?: number | null; ip?: string | null } = {},
): Promise<ReminderReport> {
  const teams = await listActiveCohortTeams(db, options.cohortId);
  const ids = teams.map((t) => t.id);
  const [submitted, sentRows] = await Promise.all([submittedPeriods(db, ids), remindersSent(db, ids)]);
  const done = new Set(submitted.map((r) => `${r.cohortTeamId}/${r.period}`));
  const sent = new Map<string, Set<ReminderStep>>();
  for (const r of sentRows) {
    const key = `${r.cohortTeamId}/${r.period}`;
    sent.set(key, (sent.get(key) ?? new Set()).add(r.step as ReminderStep));
  }
  const report: ReminderReport = { reminders: 0, emails: 0 };
  for (const team of teams) {
    const today = dateIn(team.timeZone, now);
    const periods = cohortPeriods({ startsOn: team.startsOn, endsOn: team.endsOn, cadence: team.cadence, dueDays: team.dueDays });
    for (const period of periods) {
      const key = `${team.id}/${period.key}`;
      if (done.has(key)) continue;
      const step = reminderDue(period, today, sent.get(key) ?? new Set());
      if (!step) continue;
      const emails = await db.transaction().execute(async (trx) => {
        // Submitted since the list was read: nothing to remind.
        const checkin = await trx
          .selectFrom("checkins")
          .select("status")
          .where("cohort_team_id", "=", team.id)
          .where("period", "=", period.key)
          .executeTakeFirst();
        if (checkin?.status === "submitted") return null;
        // Another run (another process, or the organiser's button) may have sent this step already.
        const row = await trx
          .insertInto("checkin_reminders")
          .values({ cohort_team_id: team.id, period: period.key, step, sent_at: now.toISOString() })
          .onConflict((oc) => oc.doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!row) return null;
        const members = await listTeamMembersForMail(trx, team.teamId);
        const cohortName = parseLocalizedJson(team.cohortNameJson) ?? { en: "" };
        for (const member of members) {
          const language: Language = isLanguage(member.language) ? member.language : "en";
          await enqueueMail(trx, {
            kind: "checkin_reminder",
            to: { address: member.email, name: member.name, language },
            params: {
              name: member.name,
              team: team.teamName,
              cohort: pickLocalized(cohortName, language),
              period: periodLabel(period.key, language),
              dueOn: formatDateOnly(period.dueOn, language),
              closesOn: formatDateOnly(period.closesOn, language),
              url: `${appUrl}/incubation/${team.id}/checkins/${period.key}`,
              context: step === "due_soon" ? undefined : step,
            },
            now,
          });
        }
        await audit(trx, {
          actorUserId: options.actorUserId ?? null,
          action: "checkin.reminder_sent",
          subjectType: "cohort_team",
          subjectId: team.id,
          contestId: team.contestId,
          after: { period: period.key, step, recipients: members.map((m) => m.id) },
          ip: options.ip ?? null,
          now,
        });
        return members.length;
      });
      if (emails === null) continue;
      report.reminders++;
      report.emails += emails;
    }
  }
  return report;
}

/** "Send due reminders now" for one cohort, by an organiser: the same steps the hourly run would send. */
export async function remindCohortNow(ctx: ServiceContext, contestId: number, cohortId: number): Promise<Result<ReminderReport>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("not_found");
  if (!(await findContestCohort(ctx.db, contestId, cohortId))) return fail("not_found");
  return ok(await sendCheckinReminders(ctx.db, ctx.now, ctx.appUrl, { cohortId, actorUserId: ctx.actor!.userId, ip: ctx.ip }));
}

/**
 * Runs the reminders every `intervalMs` on the primary (like the mail sender), first right away.
 * Returns null when `intervalMs` is 0: tests and the e2e server turn the timer off that way.
 */
export function startCheckinReminders(options: {
  db: Kysely<Database>;
  appUrl: string;
  intervalMs: number;
  isPrimary: () => Promise<boolean>;
  log?: (line: string) => void;
  now?: () => Date;
}): { stop: () => Promise<void> } | null {
  if (options.intervalMs <= 0) return null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        if (!(await options.isPrimary())) return;
        const report = await sendCheckinReminders(options.db, options.now?.() ?? new Date(), options.appUrl);
        if (report.reminders) options.log?.(`check-in reminders: ${report.reminders} sent (${report.emails} emails)`);
      } catch (error) {
        options.log?.(`check-in reminders: error: ${error instanceof Error ? error.message : String(error)}`);
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
