// Delivers due outbox rows over SMTP with nodemailer, retrying with backoff. Runs on the primary only.
import nodemailer, { type Transporter } from "nodemailer";
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export const MAX_ATTEMPTS = 8;

/** Minutes to wait before attempt n+1 (1, 2, 4 … capped at 60). */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export function createSmtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

export async function deliverDueMail(
  db: Kysely<Database>,
  transport: Transporter,
  options: { from: string; now: Date; batch?: number },
): Promise<DeliveryReport> {
  const due = await db
    .selectFrom("outbox_messages")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", options.now.toISOString())
    .orderBy("id")
    .limit(options.batch ?? 20)
    .execute();
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const message of due) {
    try {
      await transport.sendMail({
        from: options.from,
        to: message.to_name ? { name: message.to_name, address: message.to_address } : message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        headers: { "X-Trellis-Message-Id": String(message.id), "Content-Language": message.language },
      });
      await db
        .updateTable("outbox_messages")
        .set({ status: "sent", sent_at: new Date().toISOString(), attempts: message.attempts + 1, last_error: null })
        .where("id", "=", message.id)
        .execute();
      report.sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      const why = error instanceof Error ? error.message : String(error);
      await db
        .updateTable("outbox_messages")
        .set({
          attempts,
          last_error: why.slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          next_attempt_at: new Date(options.now.getTime() + backoffMs(attempts)).toISOString(),
        })
        .where("id", "=", message.id)
        .execute();
      report.failed++;
    }
  }
  return report;
}

/** Polls the outbox every `intervalMs` and whenever `nudge` is called. Returns a stop function. */
export function startMailSender(options: {
  db: Kysely<Database>;
  smtpUrl: string;
  from: string;
  intervalMs: number;
  isPrimary: () => Promise<boolean>;
  log?: (line: string) => void;
}): { nudge: () => void; stop: () => Promise<void> } {
  const transport = createSmtpTransport(options.smtpUrl);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        if (!(await options.isPrimary())) return;
        const report = await deliverDueMail(options.db, transport, { from: options.from, now: new Date() });
        if (report.failed) options.log?.(`mail: ${report.sent} sent, ${report.failed} failed (will retry)`);
      } catch (error) {
        options.log?.(`mail: sender error: ${error instanceof Error ? error.message : String(error)}`);
      }
    })().finally(() => {
      running = null;
      if (again) {
        again = false;
        tick();
      }
    });
  };

  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return {
    nudge: tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
