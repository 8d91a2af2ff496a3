// The guards behind the first check, in the world of the authorisation matrix. Many actions read
// their form (the intent, an id, a version) before anyone is asked who they are, so an empty POST is
// a 400 for everyone and the matrix cannot tell who would be let in. Here each of them gets a form
// that passes those checks, from every kind of visitor: only the right ones get through, and a
// refusal writes nothing. Then the organiser of another contest opens this contest's rounds,
// entries, cohorts, reviews and sessions through their own contest's addresses: nothing is found and
// nothing changes — while the same forms through this contest's addresses work for its organiser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, formatRow, paramsFor, parseRow, visitorSessions, type Answer, type Params } from "#tests/support/authz-calls";
import { buildAuthzWorld, VISITORS, type AuthzWorld, type Visitor } from "#tests/support/authz-world";
import { makePdf } from "#tests/support/documents";
import { insertEntry, insertTrack } from "#tests/support/entries";
import { appRoutes, fillPattern, type AppRoute } from "#tests/support/route-config";
import { BASE, get } from "#tests/support/routes";

type Form = Record<string, string | string[]> | FormData;
interface Probe {
  route: string;
  /** What the form asks for, and who should get it. */
  what: string;
  params: (w: AuthzWorld) => Params;
  form: (w: AuthzWorld) => Form | Promise<Form>;
  accept?: string;
  /** Sets the stage first (registration opened, an entry in another contest). */
  before?: (w: AuthzWorld) => Promise<void>;
  /** One answer per visitor, as in the matrix. */
  answers: string;
}

const TOKEN_OF = {
  invitations: "team",
  "judge-invitations": "judge",
  "mentor-invitations": "mentor",
  "heat-invitations": "heat",
} as const;
const id = (n: number) => String(n);
const ownTeam = (w: AuthzWorld) => ({ teamId: id(w.ownTeamId) });
const ownCohortTeam = (w: AuthzWorld) => ({ cohortTeamId: id(w.ownCohortTeamId) });
const teamVersion = async (w: AuthzWorld) =>
  String((await w.t.db.selectFrom("teams").select("version").where("id", "=", w.ownTeamId).executeTakeFirstOrThrow()).version);
const reviewVersion = async (w: AuthzWorld) =>
  String(
    (await w.t.db.selectFrom("reviews").select("version").where("assignment_id", "=", w.assignmentId).executeTakeFirstOrThrow())
      .version,
  );
const checkinVersion = async (w: AuthzWorld) =>
  String(
    (
      await w.t.db
        .selectFrom("checkins")
        .select("version")
        .where("cohort_team_id", "=", w.ownCohortTeamId)
        .where("period", "=", w.period)
        .executeTakeFirstOrThrow()
    ).version,
  );
let elsewhereEntryId = 0;
const deck = (w: AuthzWorld) => {
  const form = new FormData();
  form.set("requirementId", id(w.deckId));
  form.set("file", new File([new Uint8Array(makePdf(1))], "deck.pdf", { type: "application/pdf" }));
  return form;
};

// Visitors, left to right, as in the matrix: anonymous, founder of another team, member (lead) of the
// team, judge unassigned / assigned / conflicted, mentor of another team, organiser of another
// contest, organiser, admin. A probe let through ("ok") may change the world; later probes allow it.
const PROBES: Probe[] = [
  //          anonymous  othFounder member     judgeUnas  judgeAsgn  judgeConf  othMentor  othOrgnsr  organiser  admin
  {
    route: "routes/teams.$teamId",
    what: "the team's details, with the current version: its lead only",
    params: ownTeam,
    form: async (w) => ({
      intent: "update",
      version: await teamVersion(w),
      name: "Own Seeds",
      country: "SG",
      stage: "prototype",
      foundersWomen: "1",
      foundersMen: "1",
      foundersOther: "0",
    }),
    // The service's refusal comes back as a form error (400); admins read teams but do not run them.
    answers: "login      badRequest ok         badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  {
    route: "routes/teams.$teamId",
    what: "an invitation to join the team: its lead only",
    params: ownTeam,
    form: () => ({ intent: "invite", email: "probe-invitee@example.net" }),
    answers: "login      badRequest ok         badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  {
    route: "routes/entries.$entryId.rounds.$roundId",
    what: "a deck handed in (after the deadline): the team is told so, nobody else finds the entry",
    params: (w) => ({ entryId: id(w.ownEntryId), roundId: id(w.roundId) }),
    form: deck,
    answers: "login      notFound   badRequest notFound   notFound   notFound   notFound   notFound   notFound   notFound",
  },
  {
    route: "routes/entries.$entryId.rounds.$roundId_.upload",
    what: "the same deck through the upload script's endpoint",
    params: (w) => ({ entryId: id(w.ownEntryId), roundId: id(w.roundId) }),
    form: deck,
    answers: "noSession  notFound   badRequest notFound   notFound   notFound   notFound   notFound   notFound   notFound",
  },
  {
    route: "routes/incubation.$cohortTeamId._index",
    what: "a milestone added: the team only",
    params: ownCohortTeam,
    form: () => ({ intent: "add-milestone", title: "Probe milestone" }),
    // Organisers read the team's milestones (403 here); anyone else does not find the team.
    answers: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   forbidden  forbidden",
  },
  {
    route: "routes/incubation.$cohortTeamId_.checkins.$period",
    what: "the period's figures edited: the team only",
    params: (w) => ({ cohortTeamId: id(w.ownCohortTeamId), period: w.period }),
    form: async (w) => ({
      intent: "submit",
      version: await checkinVersion(w),
      revenue: "1300",
      revenueCurrency: "USD",
      funding: "0",
      fundingCurrency: "USD",
      employees: "3",
      womenEmployees: "1",
      customers: "5",
      jobsCreated: "1",
      ipFiled: "0",
    }),
    answers: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   badRequest badRequest",
  },
  {
    route: "routes/incubation.$cohortTeamId_.checkins.$period",
    what: "the mentor's status on the check-in: its mentors and the organisers",
    params: (w) => ({ cohortTeamId: id(w.ownCohortTeamId), period: w.period }),
    form: () => ({ intent: "review", mentorStatus: "on_track", mentorNote: "Steady month." }),
    // The team sees its check-in but may not judge it (a form error); a mentor of another team finds nothing.
    answers: "login      notFound   badRequest notFound   notFound   notFound   notFound   notFound   ok         ok",
  },
  {
    route: "routes/incubation.$cohortTeamId_.support",
    what: "a support request: the team only",
    params: ownCohortTeam,
    form: () => ({ intent: "create", kind: "legal_ip", details: "Help with a trademark filing in Vietnam, please." }),
    answers: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   badRequest badRequest",
  },
  {
    route: "routes/mentoring_.support",
    what: "an update on the team's request: organisers (and the mentor it is routed to: nobody yet)",
    params: () => ({}),
    form: (w) => ({ intent: "note", requestId: id(w.supportRequestId), note: "We are on it." }),
    answers: "login      notFound   badRequest notFound   notFound   notFound   notFound   notFound   ok         ok",
  },
  {
    route: "routes/judging.$contestId._index",
    what: "conflicts declared (with the other team): the contest's judges only",
    params: (w) => ({ contestId: id(w.contestId) }),
    form: (w) => ({ intent: "conflicts", entryIds: [id(w.otherEntryId)] }),
    answers: "login      notFound   notFound   ok         ok         ok         notFound   notFound   notFound   notFound",
  },
  {
    route: "routes/reviews.$assignmentId",
    what: "scores saved on the assigned judge's (submitted) review: nobody else finds it",
    params: (w) => ({ assignmentId: id(w.assignmentId) }),
    form: async (w) => ({
      intent: "autosave",
      version: await reviewVersion(w),
      [`score-${w.criteria[0]}`]: "5",
      [`score-${w.criteria[1]}`]: "5",
    }),
    answers: "login      notFound   notFound   notFound   badRequest notFound   notFound   notFound   notFound   notFound",
  },
  {
    route: "routes/roadshow.$sessionId_.score",
    what: "a live-final score on the assigned judge's assignment (not on stage yet): nobody else finds it",
    params: (w) => ({ sessionId: id(w.roadshowSessionId) }),
    accept: "application/json",
    form: async (w) => ({
      assignmentId: id(w.assignmentId),
      version: await reviewVersion(w),
      submitKey: "probe-submit-key",
      [`score.${w.criteria[0]}`]: "6",
      [`score.${w.criteria[1]}`]: "6",
    }),
    answers: "login      notFound   notFound   notFound   badRequest notFound   notFound   notFound   notFound   notFound",
  },
  ...(["invitations", "judge-invitations", "mentor-invitations", "heat-invitations"] as const).map((kind): Probe => ({
    route: `routes/${kind}.$token`,
    what: "accepting an invitation sent to another address: nobody here",
    params: (w) => ({ token: w.tokens[TOKEN_OF[kind]] }),
    form: () => ({ answer: "accept" }),
    answers: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  })),
  // Last: these two open registration and withdraw an entry, which the probes above must not see.
  {
    route: "routes/contests.$slug_.register",
    what: "the team's registration edited while registration is open: its lead only",
    params: (w) => ({ slug: w.slug }),
    before: async (w) => {
      await w.t.db.updateTable("contests").set({ state: "registration_open" }).where("id", "=", w.contestId).execute();
    },
    form: (w) => ({ teamId: id(w.ownTeamId), trackId: id(w.trackId), acceptTerms: "on", acceptDeclaration: "on" }),
    // Any other visitor naming the team is refused (409); nothing is written.
    answers: "login      badRequest ok         badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  {
    route: "routes/teams.$teamId",
    what: "the team's entry in another contest withdrawn (the entry's id in the form): its lead only",
    params: ownTeam,
    // This contest's results are published, which no team may withdraw from: the other contest has none.
    before: async (w) => {
      const track = await insertTrack(w.t.db, w.otherContestId);
      const entry = await insertEntry(w.t.db, { contestId: w.otherContestId, teamId: w.ownTeamId, trackId: track.id });
      elsewhereEntryId = entry.id;
    },
    form: () => ({ intent: "withdraw", entryId: id(elsewhereEntryId) }),
    answers: "login      badRequest ok         badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
];

const routes: AppRoute[] = await appRoutes();
let world: AuthzWorld;
let visitors: ReturnType<typeof visitorSessions>;

beforeAll(async () => {
  world = await buildAuthzWorld();
  visitors = visitorSessions(world);
  await visitors.signInAll();
}, 60_000);
afterAll(async () => {
  await world?.cleanup();
});

const routeById = (routeId: string) => {
  const route = routes.find((r) => r.id === routeId);
  if (!route) throw new Error(`${routeId} is not a route any more`);
  return route;
};
type RouteModule = { loader?: unknown; action?: unknown };
const moduleOf = (route: AppRoute) => import(`#app/${route.file}`) as Promise<RouteModule>;

function formRequest(url: string, form: Form, cookie: string, accept?: string): Request {
  const body = form instanceof FormData ? form : new URLSearchParams();
  if (!(form instanceof FormData))
    for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  return new Request(new URL(url, BASE), {
    method: "POST",
    body,
    headers: { Origin: BASE, ...(cookie ? { Cookie: cookie } : {}), ...(accept ? { Accept: accept } : {}) },
  });
}

describe("forms that pass the first check", () => {
  for (const probe of PROBES) {
    it(`${probe.route}: ${probe.what}`, async () => {
      const route = routeById(probe.route);
      const { action } = await moduleOf(route);
      const expected = parseRow(probe.answers, probe.route);
      const observed = {} as Record<Visitor, string>;
      const problems: string[] = [];
      await probe.before?.(world);
      for (const visitor of VISITORS) {
        const given = probe.params(world);
        const url = fillPattern(route.pattern, given);
        const request = formRequest(url, await probe.form(world), visitors.cookie(visitor), probe.accept);
        const { answer, changed } = await visitors.post(visitor, action, request, paramsFor(route.pattern, given));
        observed[visitor] = answer;
        if (changed.length) problems.push(`the ${visitor}'s refused form changed ${changed.join(", ")}`);
      }
      const wrong = VISITORS.filter((v) => observed[v] !== expected[v]);
      if (wrong.length)
        problems.push(
          `${wrong.map((v) => `${v} got ${observed[v]}, not ${expected[v]}`).join("; ")}\n  observed: "${formatRow(observed)}"`,
        );
      expect(problems).toEqual([]);
    });
  }
});

const EXPORT_QUERIES: Record<string, string> = {
  "routes/manage.$contestId.registrations.export": "?format=csv",
  "routes/manage.$contestId.rounds.$roundId_.results.export": "?what=rankings&format=csv",
  "routes/manage.$contestId.cohorts_.$cohortId_.dashboard.export": "?what=kpis&format=csv",
};
/** This contest's ids for every organiser page, under the contest id given. */
const manageParams = (w: AuthzWorld, contestId: number): Params => ({
  contestId: id(contestId),
  cohortId: id(w.cohortId),
  roundId: id(w.roundId),
  entryId: id(w.ownEntryId),
  assignmentId: id(w.assignmentId),
  sessionId: id(w.roadshowSessionId),
  slotId: id(w.slotId),
});

interface CrossProbe {
  route: string;
  what: string;
  form: (w: AuthzWorld) => Form;
  /** The answer to the contest's own organiser, through the contest's own address: past every guard. */
  control: Answer;
}

// Each form works for this contest's organiser (the control, sent second: it may change the world);
// sent first by the organiser of another contest through their contest's address, it must not.
const CROSS: CrossProbe[] = [
  {
    route: "routes/manage.$contestId.rounds.$roundId_.results",
    what: "choosing the round's method",
    form: () => ({ intent: "decide", method: "median" }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.rounds.$roundId_.assignments",
    what: "reminding the round's judges",
    form: () => ({ intent: "remind" }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.rounds.$roundId_.awards",
    what: "adding an award to the round",
    form: () => ({ intent: "create", "name.en": "Probe award" }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.rounds.$roundId",
    what: "adding a material to the round",
    form: () => ({ intent: "add-material", kind: "text_answer", "label.en": "Probe question", required: "on", maxChars: "200" }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.registrations.$entryId",
    what: "restoring the team's entry (not withdrawn: a 400 with the reason, past the guard)",
    form: () => ({ intent: "restore" }),
    control: "badRequest",
  },
  {
    route: "routes/manage.$contestId.cohorts.$cohortId._index",
    what: "assigning a mentor to the team",
    form: (w) => ({ intent: "assign", cohortTeamId: id(w.ownCohortTeamId), mentorId: id(w.users.otherMentor.id) }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.cohorts.$cohortId_.rates",
    what: "sending the cohort's due reminders",
    form: () => ({ intent: "remind" }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.cohorts_.$cohortId_.support",
    what: "a note on the team's support request",
    form: (w) => ({ intent: "note", requestId: id(w.supportRequestId), note: "Routed to a partner soon." }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.rounds.$roundId_.roadshow",
    what: "a live final of the round",
    form: (w) => ({ entry: [id(w.ownEntryId), id(w.otherEntryId)], judge: [id(w.users.judgeAssigned.id)] }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.roadshow.$sessionId",
    what: "starting the live final",
    form: () => ({ step: "start" }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.rounds.$roundId_.publish",
    what: "publishing a correction of the round's results",
    form: () => ({ reason: "A correction sent by the authorisation probes." }),
    control: "ok",
  },
  {
    route: "routes/manage.$contestId.reviews.$assignmentId.reopen",
    what: "reopening the assigned judge's review",
    form: () => ({ reason: "Reopened by the authorisation probes." }),
    control: "ok",
  },
];

describe("the organiser of another contest, through their own contest's addresses", () => {
  it("finds none of this contest's rounds, entries, cohorts, reviews and sessions", async () => {
    const pages = routes.filter((r) => /^\/manage\/:contestId\/.*:(?!contestId\b)/.test(r.pattern));
    const found: string[] = [];
    let read = 0;
    for (const route of pages) {
      const { loader } = await moduleOf(route);
      if (typeof loader !== "function") continue;
      const given = manageParams(world, world.otherContestId);
      const url = `${fillPattern(route.pattern, given)}${EXPORT_QUERIES[route.id] ?? ""}`;
      const answer = await callRoute(loader, get(url, visitors.cookie("otherOrganiser")), paramsFor(route.pattern, given));
      read++;
      if (answer !== "notFound" && answer !== "forbidden") found.push(`${route.id}: ${answer}`);
    }
    expect(found).toEqual([]);
    expect(read).toBeGreaterThan(15);
  });

  for (const probe of CROSS) {
    it(`${probe.route}: ${probe.what}`, async () => {
      const route = routeById(probe.route);
      const { action } = await moduleOf(route);
      const problems: string[] = [];
      for (const [visitor, contestId] of [
        ["otherOrganiser", world.otherContestId],
        ["organiser", world.contestId],
      ] as const) {
        const given = manageParams(world, contestId);
        const url = fillPattern(route.pattern, given);
        const request = formRequest(url, probe.form(world), visitors.cookie(visitor));
        const { answer, changed } = await visitors.post(visitor, action, request, paramsFor(route.pattern, given));
        // Refused as not found, or (where the route turns every service error into a form error) a 400.
        const expected = visitor === "organiser" ? [probe.control] : ["notFound", "forbidden", "badRequest"];
        if (!expected.includes(answer)) problems.push(`${visitor} through ${url} got ${answer}, not ${expected.join(" or ")}`);
        if (changed.length) problems.push(`the ${visitor}'s refused form changed ${changed.join(", ")}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
