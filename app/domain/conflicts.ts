// Conflicts of interest a judge has without declaring them: the judge works where the team works,
// shares a company email domain with a member, or is (or was) on the team.
import type { ConflictReason } from "#db/schema";

/** Free mail providers: sharing one of these says nothing about where people work. */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.com.sg",
  "yahoo.co.id",
  "yahoo.com.vn",
  "ymail.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "mail.com",
  "zoho.com",
  "qq.com",
  "foxmail.com",
  "163.com",
  "126.com",
  "yeah.net",
  "sina.com",
  "sina.cn",
  "sohu.com",
  "aliyun.com",
  "139.com",
  "outlook.co.th",
  "hotmail.co.th",
]);

/**
 * Top-level domains reserved for tests and documentation (RFC 2606, RFC 6761): no organisation owns
 * them, so sharing one (e.g. every demo account's demo.trellis.test) says nothing either.
 */
const RESERVED_TLDS = ["test", "example", "invalid", "localhost"];

function isCompanyDomain(domain: string): boolean {
  if (!domain || PUBLIC_MAIL_DOMAINS.has(domain)) return false;
  return !RESERVED_TLDS.includes(domain.split(".").pop() ?? "");
}

export interface JudgeFacts {
  userId: number;
  email: string;
  organisation: string | null;
}

export interface TeamFacts {
  entryId: number;
  organisation: string | null;
  memberEmails: readonly string[];
  /** Current members and people who left or were removed. */
  memberUserIds: readonly number[];
}

/** The part after @, lower-cased, without a leading "mail." or "www.". */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return (at < 0 ? "" : email.slice(at + 1))
    .trim()
    .toLowerCase()
    .replace(/^(mail|www)\./, "");
}

/** An organisation name folded for comparison: case, width, punctuation and common suffixes. */
export function organisationKey(name: string | null | undefined): string {
  if (!name) return "";
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[.,'"()&/\\-]/g, " ")
    .replace(/\b(pte|ltd|limited|inc|co|corp|corporation|llc|plc|sdn|bhd|pt|tbk|jsc|company)\b/g, " ")
    .replace(/有限公司|有限責任公司|有限责任公司|股份/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function detectConflicts(
  judge: JudgeFacts,
  teams: readonly TeamFacts[],
): Array<{ entryId: number; reason: ConflictReason }> {
  const found: Array<{ entryId: number; reason: ConflictReason }> = [];
  const judgeOrg = organisationKey(judge.organisation);
  const judgeDomain = emailDomain(judge.email);
  const companyDomain = isCompanyDomain(judgeDomain) ? judgeDomain : null;
  for (const team of teams) {
    if (team.memberUserIds.includes(judge.userId)) found.push({ entryId: team.entryId, reason: "team_member" });
    if (judgeOrg && judgeOrg === organisationKey(team.organisation))
      found.push({ entryId: team.entryId, reason: "same_organisation" });
    if (companyDomain && team.memberEmails.some((e) => emailDomain(e) === companyDomain))
      found.push({ entryId: team.entryId, reason: "same_email_domain" });
  }
  return found;
}
