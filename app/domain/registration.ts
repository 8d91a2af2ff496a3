// The rules for a team entering a contest (registering, editing, withdrawing) and for a person joining
// a team that has already entered, as pure functions over plain facts the service has loaded.
import { acceptsRegistrations, type ContestState } from "#app/domain/contest-state";
import { CHINA_AND_ASEAN } from "#app/domain/countries";

/** The contest's home region: the countries a new contest admits until an organiser changes it. */
export const DEFAULT_ELIGIBLE_COUNTRIES: readonly string[] = CHINA_AND_ASEAN;

export type EntryStatus = "registered" | "withdrawn";

export interface ContestFacts {
  state: ContestState;
  /** ISO 3166-1 alpha-2 codes. An empty list admits no one; a worldwide contest lists every code. */
  eligibleCountries: readonly string[];
  teamMin: number;
  teamMax: number;
  /** ISO-8601 UTC instants; null means no bound on that side. */
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  resultsPublishedAt: string | null;
}

export interface TeamFacts {
  teamId: number;
  name: string;
  country: string;
  /** Every member, the lead included. */
  memberUserIds: readonly number[];
  womenLed: boolean;
}

export interface TrackFacts {
  id: number;
  contestId: number;
  womenLedOnly: boolean;
}

/** The existing entries of one contest, withdrawn ones included. */
export type ContestEntryFacts = ReadonlyArray<{
  entryId: number;
  teamId: number;
  teamName: string;
  status: EntryStatus;
  memberUserIds: readonly number[];
}>;

export type RegistrationProblemCode =
  | "not_team_lead"
  | "registration_closed"
  | "country_not_eligible"
  | "team_too_small"
  | "team_too_large"
  | "track_not_in_contest"
  | "track_women_led_only"
  | "team_already_registered"
  | "team_name_taken"
  | "member_in_other_team";

export interface RegistrationProblem {
  code: RegistrationProblemCode;
  params?: Record<string, string | number>;
}

// An unparseable instant compares as NaN, so every check below fails closed on bad data.
function at(iso: string): number {
  return Date.parse(iso);
}

/** Registration is open in the registration_open state, from opensAt (inclusive) to closesAt (exclusive). */
export function isRegistrationOpen(contest: ContestFacts, now: Date): boolean {
  if (!acceptsRegistrations(contest.state)) return false;
  const t = now.getTime();
  if (contest.registrationOpensAt !== null && !(t >= at(contest.registrationOpensAt))) return false;
  if (contest.registrationClosesAt !== null && !(t < at(contest.registrationClosesAt))) return false;
  return true;
}

/** A team may change its entry (track, members) only while registration is open. */
export function canEditRegistration(contest: ContestFacts, now: Date): boolean {
  return isRegistrationOpen(contest, now);
}

// Soft hyphen and zero-width characters are invisible, so two names differing only by them look alike.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * The form of a team name used to decide whether two names are the same: NFKC (so full-width
 * "ＧｒｅｅｎＬｏｏｐ" is "GreenLoop"), invisible characters removed, case folded, inner whitespace
 * collapsed to one space, trimmed. For comparison only; the name is shown as the team typed it.
 */
export function normaliseTeamName(name: string): string {
  return (
    name
      .normalize("NFKC")
      .replace(INVISIBLE, "")
      // Upper then lower folds more than lower alone: "ß" and "SS" meet at "ss", "ς" and "Σ" at "σ".
      .toUpperCase()
      .toLowerCase()
      .normalize("NFKC")
      .replace(/\s+/g, " ")
      .trim()
  );
}

export interface RegistrationAttempt {
  contest: ContestFacts;
  contestId: number;
  team: TeamFacts;
  /** The chosen track, or null when the contest has none or the team has not chosen one. */
  track: TrackFacts | null;
  entries: ContestEntryFacts;
  now: Date;
  actingUserId: number;
  /** The acting user's role in `team`, or null when they are not in it. */
  actingRole: "lead" | "member" | null;
}

/**
 * Every reason the team may not register, in a fixed order (see RegistrationProblemCode); an empty
 * list means it may. All problems are reported, so a form can show them together.
 */
export function checkRegistration(attempt: RegistrationAttempt): RegistrationProblem[] {
  const { contest, contestId, team, track, entries, now, actingUserId, actingRole } = attempt;
  const problems: RegistrationProblem[] = [];
  const members = new Set(team.memberUserIds);

  if (actingRole !== "lead" || !members.has(actingUserId)) problems.push({ code: "not_team_lead" });
  if (!isRegistrationOpen(contest, now)) problems.push({ code: "registration_closed" });

  const eligible = contest.eligibleCountries.map((c) => c.toUpperCase());
  if (!eligible.includes(team.country.toUpperCase())) {
    problems.push({ code: "country_not_eligible", params: { country: team.country } });
  }

  if (members.size < contest.teamMin) problems.push({ code: "team_too_small", params: { min: contest.teamMin } });
  if (members.size > contest.teamMax) problems.push({ code: "team_too_large", params: { max: contest.teamMax } });

  if (track !== null) {
    if (track.contestId !== contestId) problems.push({ code: "track_not_in_contest" });
    if (track.womenLedOnly && !team.womenLed) problems.push({ code: "track_women_led_only" });
  }

  const registered = entries.filter((e) => e.status === "registered");
  if (registered.some((e) => e.teamId === team.teamId)) problems.push({ code: "team_already_registered" });

  const others = registered.filter((e) => e.teamId !== team.teamId);
  const name = normaliseTeamName(team.name);
  if (others.some((e) => normaliseTeamName(e.teamName) === name)) problems.push({ code: "team_name_taken" });

  // A person can be in only one team per contest.
  const elsewhere = new Set(others.flatMap((e) => e.memberUserIds));
  const clashing = [...members].filter((id) => elsewhere.has(id)).length;
  if (clashing > 0) problems.push({ code: "member_in_other_team", params: { count: clashing } });

  return problems;
}

export type WithdrawCheck = { ok: true } | { ok: false; code: "already_withdrawn" | "results_published" };

/** A team may withdraw at any time until the contest's results are published. */
export function canWithdraw(contest: ContestFacts, entryStatus: EntryStatus, now: Date): WithdrawCheck {
  if (entryStatus === "withdrawn") return { ok: false, code: "already_withdrawn" };
  if (contest.resultsPublishedAt !== null && !(now.getTime() < at(contest.resultsPublishedAt))) {
    return { ok: false, code: "results_published" };
  }
  return { ok: true };
}

export interface MemberJoinFacts {
  userId: number;
  /** The team being joined, with its current members. */
  team: TeamFacts;
  /**
   * The team's entries. When contestState is given, entries of finished or archived contests are
   * skipped: a past contest's roster is history and does not limit who joins the team now.
   */
  teamEntries: ReadonlyArray<{ contestId: number; status: EntryStatus; contestState?: ContestState }>;
  /** For each contest the team is registered in: that contest's entries (the team's own may be included). */
  otherEntriesByContest: Readonly<Record<number, ContestEntryFacts>>;
  /** For each contest the team is registered in: its teamMax. */
  teamMaxByContest: Readonly<Record<number, number>>;
}

export type MemberJoinProblem =
  | { code: "member_in_other_team"; params: { contestId: number } }
  | { code: "team_too_large"; params: { contestId: number; max: number } };

/**
 * Whether `userId` may join `team`, given the contests the team is registered in. Reports, per contest
 * (by contest id, all member_in_other_team problems first): member_in_other_team when the user is in
 * another team's registered entry there, team_too_large when the team would pass that contest's
 * teamMax. An empty list means they may join.
 *
 * Missing facts for a contest the team is registered in are a bug in the caller, so they throw.
 */
export function checkMemberJoin(facts: MemberJoinFacts): MemberJoinProblem[] {
  const { userId, team, teamEntries, otherEntriesByContest, teamMaxByContest } = facts;
  const live = teamEntries.filter(
    (e) => e.status === "registered" && e.contestState !== "finished" && e.contestState !== "archived",
  );
  const contestIds = [...new Set(live.map((e) => e.contestId))].sort((a, b) => a - b);
  const sizeAfter = new Set([...team.memberUserIds, userId]).size;

  const inOtherTeam: MemberJoinProblem[] = [];
  const tooLarge: MemberJoinProblem[] = [];
  for (const contestId of contestIds) {
    const entries = otherEntriesByContest[contestId];
    const max = teamMaxByContest[contestId];
    if (entries === undefined) throw new Error(`checkMemberJoin: no entries given for contest ${contestId}`);
    if (max === undefined) throw new Error(`checkMemberJoin: no teamMax given for contest ${contestId}`);

    const clash = entries.some((e) => e.status === "registered" && e.teamId !== team.teamId && e.memberUserIds.includes(userId));
    if (clash) inOtherTeam.push({ code: "member_in_other_team", params: { contestId } });
    if (sizeAfter > max) tooLarge.push({ code: "team_too_large", params: { contestId, max } });
  }
  return [...inOtherTeam, ...tooLarge];
}
