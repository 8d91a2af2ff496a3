// Email bodies, written in the recipient's language from the `email` catalog. Every value put into
// HTML is escaped; the text part carries the same content for clients that do not show HTML.
import type { Language } from "#app/domain/locale";
import { getFixedT } from "../i18n.server";

export interface EmailParams extends AdvancementMailParams, ModerationMailParams {
  verify_email: { name: string; url: string; hours: number };
  reset_password: { name: string; url: string; minutes: number };
  password_changed: { name: string; url: string };
  /** A check-in not yet submitted (app/services/checkin-reminders.server.ts); dates already in the recipient's language. */
  checkin_reminder: {
    name: string;
    team: string;
    cohort: string;
    period: string;
    dueOn: string;
    closesOn: string;
    url: string;
    context?: "overdue" | "overdue_again";
  };
  /** Support requests (app/services/support.server.ts): `kind` is already in the recipient's language. */
  support_routed: { name: string; team: string; code: string; contest: string; kind: string; url: string };
  support_closed: { name: string; team: string; contest: string; kind: string; resolution: string; url: string };
  team_invitation: { name: string; team: string; inviter: string; url: string; days: number };
  registration_confirmed: { name: string; team: string; contest: string; track: string; code: string; url: string };
  submission_receipt: { name: string; team: string; contest: string; round: string; url: string; items: string[] };
  judge_invitation: { name: string; contest: string; inviter: string; url: string; days: number };
  /** An invitation to mentor teams of an incubation cohort (app/services/mentoring.server.ts). */
  mentor_invitation: { name: string; contest: string; cohort: string; inviter: string; url: string; days: number };
  /** Organisers of one heat (app/services/heat-organisers.server.ts): an invitation for an address without an account. */
  "heat_organiser.invitation": { name: string; heat: string; final: string; inviter: string; url: string; days: number };
  /** ... and the note to an existing account that it now organises the heat. */
  "heat_organiser.added": { name: string; heat: string; final: string; inviter: string; url: string };
  /**
   * `items` are entry codes, never team names. `context` picks the body's wording (i18next's
   * context): no deadline, or a deadline that reads the same in the judge's zone and the contest's.
   */
  review_reminder: {
    name: string;
    contest: string;
    round: string;
    count: number;
    deadline: string;
    contestDeadline: string;
    url: string;
    items: string[];
    context?: "no_deadline" | "one_zone";
  };
}
/** Sent when an advancement is confirmed: to every member of each team that took part in the round. */
export interface AdvancementMailParams {
  advancement_advanced: { name: string; team: string; contest: string; round: string; nextRound: string; url: string };
  advancement_not_advanced: { name: string; team: string; contest: string; round: string; url: string };
  results_published: { name: string; team: string; contest: string; round: string; url: string };
}
/** Sent to a judge asked for one more review of a disputed entry (named by its code only). */
export interface ModerationMailParams {
  moderation_request: {
    name: string;
    contest: string;
    round: string;
    code: string;
    /** The review deadline in the judge's time zone; empty with the "no_deadline" context. */
    deadline: string;
    url: string;
    context?: "no_deadline";
  };
}
export type EmailKind = keyof EmailParams;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function renderEmail<K extends EmailKind>(kind: K, language: Language, params: EmailParams[K]): RenderedEmail {
  const t = getFixedT(language, "email");
  const values = params as unknown as Record<string, string | number>;
  // A list (e.g. the files of a receipt) follows the paragraphs, one line each.
  const items = (params as { items?: unknown }).items;
  const list = Array.isArray(items) ? items.map(String) : [];
  const subject = t(`${kind}.subject`, values);
  const greeting = t("greeting", { name: values.name });
  const paragraphs = (t(`${kind}.body`, { ...values, returnObjects: true }) as unknown as string[]) ?? [];
  const action = "url" in values ? t(`${kind}.action`, values) : null;
  const url = typeof values.url === "string" ? values.url : null;
  const footer = t("footer");

  const text = [
    greeting,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(list.length ? [...list.map((i) => `- ${i}`), ""] : []),
    ...(url ? [`${action}: ${url}`, ""] : []),
    "—",
    footer,
  ].join("\n");
  const html = `<!doctype html><html lang="${escapeHtml(language)}"><body style="font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.5">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${list.length ? `<ul>${list.map((i) => `<li style="font-family:monospace">${escapeHtml(i)}</li>`).join("")}</ul>` : ""}
${url ? `<p><a href="${escapeHtml(url)}" style="color:#0b5cad">${escapeHtml(action ?? url)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(url)}</p>` : ""}
<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#555">${escapeHtml(footer)}</p>
</body></html>`;
  return { subject, text, html };
}
