import { describe, expect, it } from "vitest";
import { CHINA_AND_ASEAN } from "#app/domain/countries";
import {
  canEditRegistration,
  canWithdraw,
  checkMemberJoin,
  checkRegistration,
  type ContestEntryFacts,
  type ContestFacts,
  DEFAULT_ELIGIBLE_COUNTRIES,
  isRegistrationOpen,
  type MemberJoinFacts,
  normaliseTeamName,
  type RegistrationAttempt,
  type TeamFacts,
} from "#app/domain/registration";

const OPENS = "2026-03-01T00:00:00.000Z";
const CLOSES = "2026-04-01T00:00:00.000Z";
const PUBLISHED = "2026-11-24T04:50:00.000Z";
const DURING = new Date("2026-03-15T12:00:00.000Z");
const CONTEST_ID = 7;
const LEAD = 101;

function contest(over: Partial<ContestFacts> = {}): ContestFacts {
  return {
    state: "registration_open",
    eligibleCountries: [...DEFAULT_ELIGIBLE_COUNTRIES],
    teamMin: 2,
    teamMax: 4,
    registrationOpensAt: OPENS,
    registrationClosesAt: CLOSES,
    resultsPublishedAt: null,
    ...over,
  };
}

function team(over: Partial<TeamFacts> = {}): TeamFacts {
  return { teamId: 1, name: "GreenLoop", country: "VN", memberUserIds: [LEAD, 102, 103], womenLed: false, ...over };
}

function attempt(over: Partial<RegistrationAttempt> = {}): RegistrationAttempt {
  return {
    contest: contest(),
    contestId: CONTEST_ID,
    team: team(),
    track: { id: 70, contestId: CONTEST_ID, womenLedOnly: false },
    entries: [],
    now: DURING,
    actingUserId: LEAD,
    actingRole: "lead",
    ...over,
  };
}

const codes = (a: RegistrationAttempt) => checkRegistration(a).map((p) => p.code);

describe("DEFAULT_ELIGIBLE_COUNTRIES", () => {
  it("is China and the ten ASEAN members", () => {
    expect([...DEFAULT_ELIGIBLE_COUNTRIES].sort()).toEqual(["BN", "CN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "VN"]);
    expect(DEFAULT_ELIGIBLE_COUNTRIES).toEqual([...CHINA_AND_ASEAN]);
  });
});

describe("isRegistrationOpen", () => {
  it("is open exactly at opensAt and closed exactly at closesAt", () => {
    expect(isRegistrationOpen(contest(), new Date(OPENS))).toBe(true);
    expect(isRegistrationOpen(contest(), new Date(Date.parse(OPENS) - 1))).toBe(false);
    expect(isRegistrationOpen(contest(), new Date(Date.parse(CLOSES) - 1))).toBe(true);
    expect(isRegistrationOpen(contest(), new Date(CLOSES))).toBe(false);
  });

  it("treats a missing bound as no bound", () => {
    const open = contest({ registrationOpensAt: null, registrationClosesAt: null });
    expect(isRegistrationOpen(open, new Date("2000-01-01T00:00:00.000Z"))).toBe(true);
    expect(isRegistrationOpen(open, new Date("2100-01-01T00:00:00.000Z"))).toBe(true);
  });

  it("needs the registration_open state whatever the dates", () => {
    for (const state of ["draft", "running", "finished", "archived"] as const) {
      expect(isRegistrationOpen(contest({ state, registrationOpensAt: null, registrationClosesAt: null }), DURING)).toBe(false);
    }
  });

  it("fails closed on an unreadable instant", () => {
    expect(isRegistrationOpen(contest({ registrationClosesAt: "soon" }), DURING)).toBe(false);
    expect(isRegistrationOpen(contest({ registrationOpensAt: "" }), DURING)).toBe(false);
  });

  it("is the window for editing an entry too", () => {
    expect(canEditRegistration(contest(), DURING)).toBe(true);
    expect(canEditRegistration(contest(), new Date(CLOSES))).toBe(false);
    expect(canEditRegistration(contest({ state: "running" }), DURING)).toBe(false);
  });
});

describe("normaliseTeamName", () => {
  it("makes case, spacing and full-width variants equal", () => {
    expect(normaliseTeamName("GreenLoop")).toBe("greenloop");
    expect(normaliseTeamName(" greenloop ")).toBe("greenloop");
    expect(normaliseTeamName("ＧｒｅｅｎＬｏｏｐ")).toBe("greenloop");
    expect(normaliseTeamName("  Green \t\n  Loop　Labs ")).toBe("green loop labs");
    expect(normaliseTeamName("Green\u200BLoop")).toBe("greenloop");
    expect(normaliseTeamName("STRAßE")).toBe(normaliseTeamName("strasse"));
  });

  it("keeps different names different", () => {
    expect(normaliseTeamName("Green Loop")).not.toBe(normaliseTeamName("GreenLoop"));
    expect(normaliseTeamName("绿环")).toBe("绿环");
    expect(normaliseTeamName("Xanh Lá")).not.toBe(normaliseTeamName("Xanh La"));
  });
});

describe("checkRegistration", () => {
  it("accepts a well-formed registration", () => {
    expect(checkRegistration(attempt())).toEqual([]);
  });

  it("accepts a registration without a track", () => {
    expect(checkRegistration(attempt({ track: null }))).toEqual([]);
  });

  it("lets only the team's lead register", () => {
    expect(codes(attempt({ actingUserId: 102, actingRole: "member" }))).toEqual(["not_team_lead"]);
    expect(codes(attempt({ actingUserId: 999, actingRole: null }))).toEqual(["not_team_lead"]);
    // A lead role claimed for someone who is not in the team is not trusted.
    expect(codes(attempt({ actingUserId: 999, actingRole: "lead" }))).toEqual(["not_team_lead"]);
  });

  it("rejects outside the registration window", () => {
    expect(codes(attempt({ now: new Date(CLOSES) }))).toEqual(["registration_closed"]);
    expect(codes(attempt({ now: new Date(OPENS) }))).toEqual([]);
    expect(codes(attempt({ contest: contest({ state: "draft" }) }))).toEqual(["registration_closed"]);
  });

  it("rejects a team from a country the contest does not admit", () => {
    expect(checkRegistration(attempt({ team: team({ country: "JP" }) }))).toEqual([
      { code: "country_not_eligible", params: { country: "JP" } },
    ]);
    expect(codes(attempt({ team: team({ country: "JP" }), contest: contest({ eligibleCountries: ["JP"] }) }))).toEqual([]);
    expect(codes(attempt({ contest: contest({ eligibleCountries: [] }) }))).toEqual(["country_not_eligible"]);
  });

  it("checks team size at and beyond the bounds", () => {
    const sized = (n: number) => attempt({ team: team({ memberUserIds: [LEAD, 102, 103, 104, 105].slice(0, n) }) });
    expect(checkRegistration(sized(1))).toEqual([{ code: "team_too_small", params: { min: 2 } }]);
    expect(checkRegistration(sized(2))).toEqual([]);
    expect(checkRegistration(sized(4))).toEqual([]);
    expect(checkRegistration(sized(5))).toEqual([{ code: "team_too_large", params: { max: 4 } }]);
  });

  it("counts a member listed twice once", () => {
    expect(codes(attempt({ team: team({ memberUserIds: [LEAD, LEAD] }) }))).toEqual(["team_too_small"]);
  });

  it("rejects a track of another contest", () => {
    expect(codes(attempt({ track: { id: 80, contestId: 8, womenLedOnly: false } }))).toEqual(["track_not_in_contest"]);
  });

  it("keeps women-led tracks for women-led teams", () => {
    const track = { id: 71, contestId: CONTEST_ID, womenLedOnly: true };
    expect(codes(attempt({ track }))).toEqual(["track_women_led_only"]);
    expect(codes(attempt({ track, team: team({ womenLed: true }) }))).toEqual([]);
  });

  it("rejects a second registration of the same team, unless the first was withdrawn", () => {
    const own = { entryId: 1, teamId: 1, teamName: "GreenLoop", memberUserIds: [LEAD, 102, 103] };
    expect(codes(attempt({ entries: [{ ...own, status: "registered" }] }))).toEqual(["team_already_registered"]);
    expect(codes(attempt({ entries: [{ ...own, status: "withdrawn" }] }))).toEqual([]);
  });

  it.each(["GreenLoop", " greenloop ", "ＧｒｅｅｎＬｏｏｐ", "GREENLOOP", "Green\u200BLoop"])(
    "finds the name %j taken by another registered team",
    (takenAs) => {
      const entries: ContestEntryFacts = [
        { entryId: 9, teamId: 2, teamName: takenAs, status: "registered", memberUserIds: [201, 202] },
      ];
      expect(codes(attempt({ entries }))).toEqual(["team_name_taken"]);
      expect(codes(attempt({ entries, team: team({ name: "  ｇｒｅｅｎｌｏｏｐ" }) }))).toEqual(["team_name_taken"]);
    },
  );

  it("lets a withdrawn team's name be reused", () => {
    const entries: ContestEntryFacts = [
      { entryId: 9, teamId: 2, teamName: "greenloop", status: "withdrawn", memberUserIds: [201] },
    ];
    expect(codes(attempt({ entries }))).toEqual([]);
  });

  it("keeps a person in one team per contest and counts the clashing members", () => {
    const entries: ContestEntryFacts = [
      { entryId: 9, teamId: 2, teamName: "Mekong Labs", status: "registered", memberUserIds: [201, 102] },
      { entryId: 10, teamId: 3, teamName: "Padi", status: "registered", memberUserIds: [103, 102] },
    ];
    expect(checkRegistration(attempt({ entries }))).toEqual([{ code: "member_in_other_team", params: { count: 2 } }]);
  });

  it("ignores withdrawn entries when looking for members in other teams", () => {
    const entries: ContestEntryFacts = [
      { entryId: 9, teamId: 2, teamName: "Mekong Labs", status: "withdrawn", memberUserIds: [LEAD, 102, 103] },
    ];
    expect(codes(attempt({ entries }))).toEqual([]);
  });

  it("reports every problem, in the documented order", () => {
    const entries: ContestEntryFacts = [
      { entryId: 1, teamId: 1, teamName: "GreenLoop", status: "registered", memberUserIds: [LEAD] },
      { entryId: 2, teamId: 2, teamName: "greenloop", status: "registered", memberUserIds: [LEAD] },
    ];
    const problems = checkRegistration({
      contest: contest({ state: "running", teamMin: 2, teamMax: 0 }),
      contestId: CONTEST_ID,
      team: team({ country: "FR", memberUserIds: [LEAD] }),
      track: { id: 80, contestId: 8, womenLedOnly: true },
      entries,
      now: DURING,
      actingUserId: LEAD,
      actingRole: "member",
    });
    expect(problems).toEqual([
      { code: "not_team_lead" },
      { code: "registration_closed" },
      { code: "country_not_eligible", params: { country: "FR" } },
      { code: "team_too_small", params: { min: 2 } },
      { code: "team_too_large", params: { max: 0 } },
      { code: "track_not_in_contest" },
      { code: "track_women_led_only" },
      { code: "team_already_registered" },
      { code: "team_name_taken" },
      { code: "member_in_other_team", params: { count: 1 } },
    ]);
  });
});

describe("canWithdraw", () => {
  it("allows withdrawal until results are published", () => {
    const published = contest({ state: "finished", resultsPublishedAt: PUBLISHED });
    expect(canWithdraw(contest(), "registered", DURING)).toEqual({ ok: true });
    expect(canWithdraw(published, "registered", new Date(Date.parse(PUBLISHED) - 1))).toEqual({ ok: true });
    expect(canWithdraw(published, "registered", new Date(PUBLISHED))).toEqual({ ok: false, code: "results_published" });
  });

  it("allows withdrawal after registration has closed", () => {
    expect(canWithdraw(contest({ state: "running" }), "registered", new Date("2026-06-01T00:00:00.000Z"))).toEqual({ ok: true });
  });

  it("refuses to withdraw twice", () => {
    expect(canWithdraw(contest(), "withdrawn", DURING)).toEqual({ ok: false, code: "already_withdrawn" });
  });
});

describe("checkMemberJoin", () => {
  const JOINER = 500;

  function join(over: Partial<MemberJoinFacts> = {}): MemberJoinFacts {
    return {
      userId: JOINER,
      team: team({ memberUserIds: [LEAD, 102, 103] }),
      teamEntries: [{ contestId: CONTEST_ID, status: "registered" }],
      otherEntriesByContest: {
        [CONTEST_ID]: [
          { entryId: 1, teamId: 1, teamName: "GreenLoop", status: "registered", memberUserIds: [LEAD, 102, 103] },
          { entryId: 2, teamId: 2, teamName: "Mekong Labs", status: "registered", memberUserIds: [201, 202] },
        ],
      },
      teamMaxByContest: { [CONTEST_ID]: 4 },
      ...over,
    };
  }

  it("lets someone join when the team stays within teamMax", () => {
    expect(checkMemberJoin(join())).toEqual([]);
  });

  it("rejects joining past a registered contest's teamMax", () => {
    expect(checkMemberJoin(join({ teamMaxByContest: { [CONTEST_ID]: 3 } }))).toEqual([
      { code: "team_too_large", params: { contestId: CONTEST_ID, max: 3 } },
    ]);
  });

  it("rejects someone already in another registered team of the same contest", () => {
    expect(checkMemberJoin(join({ userId: 202 }))).toEqual([{ code: "member_in_other_team", params: { contestId: CONTEST_ID } }]);
  });

  it("ignores the other team's entry once it is withdrawn", () => {
    const otherEntriesByContest = {
      [CONTEST_ID]: [{ entryId: 2, teamId: 2, teamName: "Mekong Labs", status: "withdrawn" as const, memberUserIds: [202] }],
    };
    expect(checkMemberJoin(join({ userId: 202, otherEntriesByContest }))).toEqual([]);
  });

  it("ignores contests the team has withdrawn from or that are over", () => {
    expect(checkMemberJoin(join({ userId: 202, teamEntries: [{ contestId: CONTEST_ID, status: "withdrawn" }] }))).toEqual([]);
    for (const contestState of ["finished", "archived"] as const) {
      const teamEntries = [{ contestId: CONTEST_ID, status: "registered" as const, contestState }];
      expect(checkMemberJoin(join({ userId: 202, teamEntries, teamMaxByContest: { [CONTEST_ID]: 3 } }))).toEqual([]);
    }
    const running = [{ contestId: CONTEST_ID, status: "registered" as const, contestState: "running" as const }];
    expect(checkMemberJoin(join({ userId: 202, teamEntries: running }))).toHaveLength(1);
  });

  it("reports per contest, member clashes first", () => {
    const problems = checkMemberJoin({
      userId: 202,
      team: team({ memberUserIds: [LEAD, 102] }),
      teamEntries: [
        { contestId: 9, status: "registered" },
        { contestId: 8, status: "registered" },
      ],
      otherEntriesByContest: {
        8: [{ entryId: 3, teamId: 2, teamName: "Mekong Labs", status: "registered", memberUserIds: [202] }],
        9: [{ entryId: 4, teamId: 4, teamName: "Padi", status: "registered", memberUserIds: [202] }],
      },
      teamMaxByContest: { 8: 2, 9: 3 },
    });
    expect(problems).toEqual([
      { code: "member_in_other_team", params: { contestId: 8 } },
      { code: "member_in_other_team", params: { contestId: 9 } },
      { code: "team_too_large", params: { contestId: 8, max: 2 } },
    ]);
  });

  it("throws when the caller leaves out facts for a registered contest", () => {
    expect(() => checkMemberJoin(join({ teamMaxByContest: {} }))).toThrow(/teamMax/);
    expect(() => checkMemberJoin(join({ otherEntriesByContest: {} }))).toThrow(/entries/);
  });
});
