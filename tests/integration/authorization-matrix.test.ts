// Who gets in where. Every route of the app, listed from Remix's own route config, is called as Remix
// calls it by ten kinds of visitor in one shared contest world (tests/support/authz-world.ts): a GET
// to its loader and an empty form POST to its action. Each answer must be the one in the matrix, and
// an action that turns a visitor away must leave the database as it was. A route of the config
// without an entry here, or an entry without a route, fails the test by name. (Forms that get past
// the first check, and another contest's organiser using this contest's ids, are in
// authorization-probes.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, formatRow, paramsFor, parseRow, visitorSessions, type Params } from "#tests/support/authz-calls";
import { buildAuthzWorld, VISITORS, type AuthzWorld, type Visitor } from "#tests/support/authz-world";
import { appRoutes, fillPattern, type AppRoute } from "#tests/support/route-config";
import { get, post } from "#tests/support/routes";

interface Entry {
  /** The route's URL params in the world (a function may make a fresh token per call). */
  params?: (w: AuthzWorld) => Params | Promise<Params>;
  /** A query string for the GET, where the loader needs one to answer at all. */
  query?: string;
  /** One answer per visitor (ANSWERS in tests/support/authz-calls.ts); null: the module exports none. */
  loader: string | null;
  action: string | null;
}

const id = (n: number) => String(n);
const manage = (w: AuthzWorld): Params => ({
  contestId: id(w.contestId),
  cohortId: id(w.cohortId),
  roundId: id(w.roundId),
  entryId: id(w.ownEntryId),
  assignmentId: id(w.assignmentId),
  sessionId: id(w.roadshowSessionId),
  slotId: id(w.slotId),
});
const ownEntryRound = (w: AuthzWorld): Params => ({ entryId: id(w.ownEntryId), roundId: id(w.roundId) });
const ownCohortTeam = (w: AuthzWorld): Params => ({ cohortTeamId: id(w.ownCohortTeamId) });
const roadshowSession = (w: AuthzWorld): Params => ({ sessionId: id(w.roadshowSessionId) });

// Visitors, left to right: anonymous; founder (lead) of another team in the contest; member — the
// lead — of the team; judges of the contest: unassigned, assigned to the team's entry, conflicted with
// it; mentor of another team of the cohort; organiser of another contest; organiser; platform admin.
// "Own" ids everywhere: the team's entry, its cohort team, the assigned judge's review, the roadshow.
const MATRIX: Record<string, Entry> = {
  //         anonymous  othFounder member     judgeUnas  judgeAsgn  judgeConf  othMentor  othOrgnsr  organiser  admin
  "routes/_index": {
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/admin.audit._index": {
    // The platform-wide audit log (the audit viewer's routes): admins only.
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok",
    action: null,
  },
  "routes/admin.audit.export": {
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok",
    action: null,
  },
  "routes/admin.mailbox._index": {
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok",
    action: null,
  },
  "routes/admin.mailbox.$id": {
    params: (w) => ({ id: id(w.mailId) }),
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok",
    action: null,
  },
  "routes/certificates._index": {
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/heat-invitations.$token": {
    // An invitation to organise a heat, for an address none of the visitors has.
    params: (w) => ({ token: w.tokens.heat }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/i18n.$language": {
    params: () => ({ language: "th" }),
    // The app's own text, for the browser: public.
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/certificates.$code": {
    params: (w) => ({ code: w.certificateCode }),
    // The public check of a certificate.
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/certificates.$code[.]pdf": {
    params: (w) => ({ code: w.certificateCode }),
    // The PDF: its holder (the lead's own certificate) and the organisers.
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/contests.$slug": {
    params: (w) => ({ slug: w.slug }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/contests.$slug_.impact": {
    params: (w) => ({ slug: w.slug }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/contests.$slug_.register": {
    params: (w) => ({ slug: w.slug }),
    // Any signed-in visitor may open the form of a contest that is not a draft.
    loader: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // The empty form is refused by its checks; which team may register is the service's (see the probes).
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/contests.$slug_.results": {
    params: (w) => ({ slug: w.slug }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/contests.$slug_.vote": {
    // People's choice switched on with voting open, so the page exists for everyone.
    params: async (w) => {
      await w.t.db
        .updateTable("contests")
        .set({
          peoples_choice_enabled: 1,
          voting_opens_at: "2020-01-01T00:00:00.000Z",
          voting_closes_at: "2099-01-01T00:00:00.000Z",
        })
        .where("id", "=", w.contestId)
        .execute();
      return { slug: w.slug };
    },
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // Any signed-in visitor may vote; the empty form names no entry. Who may vote is the service's.
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/contests.new": {
    // Surprising but meant: an organiser of any contest may start another (contest.create).
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest badRequest",
  },
  "routes/entries.$entryId.results.$roundId": {
    params: ownEntryRound,
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/entries.$entryId.rounds.$roundId": {
    params: ownEntryRound,
    // The team's own hand-in page: organisers and admins read materials on the registration page instead.
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   notFound   notFound",
    // Hand-ins are multipart: an urlencoded POST is refused (415) before anyone is asked who they are.
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/entries.$entryId.rounds.$roundId_.upload": {
    params: ownEntryRound,
    loader: null,
    // JSON for the page's script: 401 without a session, then the same 415 as the page.
    action: "noSession  badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/entries.$entryId.texts": {
    params: (w) => ({ entryId: id(w.ownEntryId) }),
    // The team's own texts in several languages: its members only; to anyone else the entry does not exist.
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   notFound   notFound",
    // The empty form names no intent and is refused before the entry is looked up (the service checks the team).
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/files.$submissionId": {
    params: (w) => ({ submissionId: id(w.submissionId) }),
    // The team, the judge assigned to it (this is the version that counts), organisers; not a conflicted judge.
    loader: "login      notFound   ok         notFound   ok         notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/forgot-password": {
    loader: null,
    action: "badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  //         anonymous  othFounder member     judgeUnas  judgeAsgn  judgeConf  othMentor  othOrgnsr  organiser  admin
  "routes/incubation.$cohortTeamId_.checkins._index": {
    params: ownCohortTeam,
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/incubation.$cohortTeamId_.checkins.$period": {
    params: (w) => ({ cohortTeamId: id(w.ownCohortTeamId), period: w.period }),
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/incubation.$cohortTeamId_.checkins.attachments.$attachmentId": {
    params: (w) => ({ cohortTeamId: id(w.ownCohortTeamId), attachmentId: id(w.attachmentId) }),
    // A mentor of another team of the same cohort sees nothing.
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/incubation.$cohortTeamId_.support": {
    params: ownCohortTeam,
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/incubation.$cohortTeamId._index": {
    params: ownCohortTeam,
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   ok         ok",
    // Here and on the other incubation pages the intent is read first: an empty POST is a 400 for all.
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/invitations.$token": {
    params: (w) => ({ token: w.tokens.team }),
    // The token is the key: whoever holds it may read the invitation (as on the two pages below).
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // Addressed to someone who is none of these visitors: nobody may answer it.
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/judge-invitations.$token": {
    params: (w) => ({ token: w.tokens.judge }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/judging._index": {
    // An empty home for a visitor who judges nothing.
    loader: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: null,
  },
  "routes/judging.$contestId._index": {
    params: (w) => ({ contestId: id(w.contestId) }),
    // Every judge of the contest, conflicted included (conflicts are declared here); organisers are not judges.
    loader: "login      notFound   notFound   ok         ok         ok         notFound   notFound   notFound   notFound",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/judging.$contestId.pairwise.$roundId": {
    params: (w) => ({ contestId: id(w.contestId), roundId: id(w.roundId) }),
    // Every cleared judge of the contest (the world's round is a rubric round: they are told so); no one else.
    loader: "login      notFound   notFound   ok         ok         ok         notFound   notFound   notFound   notFound",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/login": {
    // Signed in: sent home.
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/logout": {
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // Signs the visitor out (they sign in again for the next route).
    action: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
  },
  //         anonymous  othFounder member     judgeUnas  judgeAsgn  judgeConf  othMentor  othOrgnsr  organiser  admin
  "routes/manage.$contestId._index": {
    params: manage,
    // Every /manage page: the contest's organisers and admins; the organiser of another contest is refused.
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.audit._index": {
    params: manage,
    // The contest's own audit log: its organisers and admins.
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.audit.export": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.cohorts_.$cohortId_.dashboard": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.cohorts_.$cohortId_.dashboard.export": {
    params: manage,
    query: "?what=kpis&format=csv",
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.cohorts_.$cohortId_.support": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    // The request id is read before the intent: 404.
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  notFound   notFound",
  },
  "routes/manage.$contestId.cohorts._index": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.cohorts.$cohortId_.rates": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.cohorts.$cohortId._index": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.heats": {
    params: manage,
    // The final's heats and what each sends: organisers of the contest (of a final: of its heats too).
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.judges": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.questions": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.registrations._index": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.registrations.$entryId": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.registrations.export": {
    params: manage,
    query: "?format=csv",
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.reviews.$assignmentId.reopen": {
    params: manage,
    // Action only: its loader is a 404 for everyone.
    loader: "notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound",
    // The missing reason comes back as an error message on the rounds page.
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  errorToast errorToast",
  },
  "routes/manage.$contestId.roadshow.$sessionId": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.roadshow.$sessionId_.sheet.$slotId": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.roadshow.$sessionId_.sheet.$slotId[.]csv": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.rounds._index": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId_.advancement": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId_.assignments": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId_.awards": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId_.publish": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    // Published already, so the empty form asks for a correction without its reason. (A round never
    // published needs no reason: there an empty POST from an organiser publishes.)
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId_.results": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId_.pairwise": {
    params: manage,
    // The pairwise ranking, judges' reliability included: organisers only.
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.rounds.$roundId_.results.export": {
    params: manage,
    query: "?what=rankings&format=csv",
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: null,
  },
  "routes/manage.$contestId.rounds.$roundId_.roadshow": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.rounds.$roundId.materials[.]zip": {
    params: manage,
    // 404, not 403: someone who does not organise the contest learns nothing of it.
    loader: "login      notFound   notFound   notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/manage.$contestId.settings": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.tracks": {
    params: manage,
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  "routes/manage.$contestId.votes": {
    params: manage,
    // Live vote counts and the addresses of bursts: organisers only.
    loader: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  ok         ok",
    action: "login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  badRequest badRequest",
  },
  //         anonymous  othFounder member     judgeUnas  judgeAsgn  judgeConf  othMentor  othOrgnsr  organiser  admin
  "routes/mentor-invitations.$token": {
    params: (w) => ({ token: w.tokens.mentor }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/mentoring_.support": {
    // An empty list for anyone who has no request routed to them.
    loader: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // The request id is read first: 404 for all.
    action: "login      notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound",
  },
  "routes/mentoring._index": {
    loader: "login      notFound   notFound   notFound   notFound   notFound   ok         notFound   notFound   notFound",
    action: null,
  },
  "routes/reset-password.$token": {
    params: (w) => ({ token: w.tokens.reset }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/reviews.$assignmentId": {
    params: (w) => ({ assignmentId: id(w.assignmentId) }),
    // The assigned judge alone; organisers read reviews on their own pages.
    loader: "login      notFound   notFound   notFound   ok         notFound   notFound   notFound   notFound   notFound",
    // The missing version is a 400 before the guard (see the probes).
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/roadshow.$sessionId": {
    params: roadshowSession,
    // The panel and the organisers (sent on to the desk); an unassigned judge is not on the panel.
    loader: "login      notFound   notFound   notFound   ok         notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/roadshow.$sessionId_.events": {
    params: roadshowSession,
    loader: "login      notFound   notFound   notFound   ok         notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/roadshow.$sessionId_.score": {
    params: roadshowSession,
    // Action only.
    loader: "notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound   notFound",
    // Without JSON every refusal is an error message back on the phone page; the form is checked before the panel.
    action: "login      errorToast errorToast errorToast errorToast errorToast errorToast errorToast errorToast errorToast",
  },
  "routes/roadshow.$sessionId_.screen": {
    params: roadshowSession,
    loader: "login      notFound   notFound   notFound   notFound   notFound   notFound   notFound   ok         ok",
    action: null,
  },
  "routes/set-language": {
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/settings._index": {
    loader: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/settings.password": {
    loader: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/settings.sessions": {
    loader: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // Signs the visitor out everywhere (they sign in again for the next route).
    action: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
  },
  "routes/signup": {
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // Signed in: sent home.
    action: "badRequest ok         ok         ok         ok         ok         ok         ok         ok         ok",
  },
  "routes/teams.$teamId": {
    params: (w) => ({ teamId: id(w.ownTeamId) }),
    // Its members and admins; organisers see the entry on their registrations pages.
    loader: "login      notFound   ok         notFound   notFound   notFound   notFound   notFound   notFound   ok",
    // The intent is read first: an empty POST is a 400 for all (the team's guard: see the probes).
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/teams.new": {
    loader: "login      ok         ok         ok         ok         ok         ok         ok         ok         ok",
    action: "login      badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest badRequest",
  },
  "routes/verify-email.$token": {
    params: async (w) => ({ token: await w.freshVerifyToken() }),
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // The token proves the address: whoever posts it verifies that account (a fresh token each time).
    action: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
  },
  "routes/verify-email.resend": {
    loader: "ok         ok         ok         ok         ok         ok         ok         ok         ok         ok",
    // Everyone here is verified already, and is told so in an error message.
    action: "login      errorToast errorToast errorToast errorToast errorToast errorToast errorToast errorToast errorToast",
  },
};

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

type RouteModule = { loader?: unknown; action?: unknown };
const moduleOf = (route: AppRoute) => import(`#app/${route.file}`) as Promise<RouteModule>;

describe("the authorisation matrix", () => {
  it("has one entry for every route of Remix's route config, and none for a route that is not there", () => {
    const listed = new Set(routes.map((r) => r.id));
    const missing = routes.filter((r) => !(r.id in MATRIX)).map((r) => `${r.id} (${r.file}) has no entry in the matrix`);
    const extra = Object.keys(MATRIX)
      .filter((id) => !listed.has(id))
      .map((id) => `${id} is in the matrix but not a route`);
    expect([...missing, ...extra]).toEqual([]);
    expect(routes.length).toBeGreaterThan(60);
  });

  for (const route of routes.filter((r) => r.id in MATRIX)) {
    it(`${route.id} answers each visitor as the matrix says`, async () => {
      const entry = MATRIX[route.id]!;
      const mod = await moduleOf(route);
      const problems: string[] = [];
      for (const kind of ["loader", "action"] as const) {
        const handler = mod[kind];
        const written = entry[kind];
        if ((typeof handler === "function") !== (written !== null)) {
          problems.push(written === null ? `exports a ${kind} the matrix does not list` : `lists a ${kind} the module lacks`);
          continue;
        }
        if (written === null) continue;
        const expected = parseRow(written, `${route.id} ${kind}`);
        const observed = {} as Record<Visitor, string>;
        for (const visitor of VISITORS) {
          const given = (await entry.params?.(world)) ?? {};
          const url = fillPattern(route.pattern, given);
          const params = paramsFor(route.pattern, given);
          if (kind === "loader") {
            observed[visitor] = await callRoute(handler, get(`${url}${entry.query ?? ""}`, visitors.cookie(visitor)), params);
          } else {
            const { answer, changed } = await visitors.post(visitor, handler, post(url, {}, visitors.cookie(visitor)), params);
            observed[visitor] = answer;
            if (changed.length) problems.push(`the ${visitor}'s refused empty POST changed ${changed.join(", ")}`);
          }
        }
        const wrong = VISITORS.filter((v) => observed[v] !== expected[v]);
        if (wrong.length)
          problems.push(
            `${kind}: ${wrong.map((v) => `${v} got ${observed[v]}, not ${expected[v]}`).join("; ")}\n  observed: "${formatRow(observed)}"`,
          );
      }
      expect(problems, `${route.id} (${route.pattern})`).toEqual([]);
    });
  }
});
