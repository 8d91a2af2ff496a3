// A team registers for a contest: one track, the custom questions, the terms and the originality
// declaration. It may edit its registration while registration is open and withdraw until results.
import { buildAnswersSchema, answersFromFormData } from "#app/domain/questions";
import { canEditRegistration, canWithdraw, checkRegistration, type ContestFacts } from "#app/domain/registration";
import { pickLocalized } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import type { Contest, Team } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { findContest } from "#app/data/contests.server";
import {
  findEntry,
  findEntryOfTeam,
  findTeam,
  findTrack,
  isEntryCodeTaken,
  listMembers,
  listTeamsWithEntry,
  relevantEntryFacts,
} from "#app/data/teams.server";
import type { ServiceContext } from "./context.server";
import { toContestView } from "./contests.server";
import { loadStructure } from "./contest-structure.server";
import { listQuestionDefinitions } from "./questions.server";
import { fail, ok, type Result, type ServiceError } from "./result";

function contestFacts(contest: Contest): ContestFacts {
  const view = toContestView(contest);
  return {
    state: contest.state,
    eligibleCountries: view.eligibleCountries,
    teamMin: contest.team_min,
    teamMax: contest.team_max,
    registrationOpensAt: contest.registration_opens_at,
    registrationClosesAt: contest.registration_closes_at,
    resultsPublishedAt: contest.results_published_at,
  };
}

/** Everything the registration form needs: the contest, its tracks and questions, the actor's teams. */
export async function registrationForm(ctx: ServiceContext, contestId: number) {
  if (!ctx.actor) return fail("unauthorised");
  const contest = await findContest(ctx.db, contestId);
  if (!contest || contest.state === "draft") return fail("not_found");
  const [structure, questions, teams] = await Promise.all([
    loadStructure(ctx, contestId),
    listQuestionDefinitions(ctx.db, contestId),
    listTeamsWithEntry(ctx.db, ctx.actor.userId, contestId),
  ]);
  const view = toContestView(contest);
  return ok({
    contest: {
      id: view.id,
      slug: view.slug,
      name: view.name,
      terms: view.terms,
      declaration: view.declaration,
      termsVersion: view.termsVersion,
      timeZone: view.timeZone,
      registrationClosesAt: view.registrationClosesAt,
    },
    open: canEditRegistration(contestFacts(contest), ctx.now),
    tracks: structure.tracks,
    questions,
    teams,
  });
}

function codeCandidate(): string {
  return `T-${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
}

async function uniqueEntryCode(ctx: ServiceContext, contestId: number): Promise<string> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const code = attempt < 20 ? codeCandidate() : `T-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
    if (!(await isEntryCodeTaken(ctx.db, contestId, code))) return code;
  }
  throw new Error("Could not find a free entry code");
}

type AnswerErrors = Record<string, string[]>;

export async function registerTeam(
  ctx: ServiceContext,
  contestId: number,
  input: { teamId: number; trackId: number; answers: FormData },
): Promise<
  | Result<{ entryId: number; code: string; edited: boolean }>
  | { ok: false; error: ServiceError & { answerErrors?: AnswerErrors } }
> {
  if (!ctx.actor) return fail("unauthorised");
  const contest = await findContest(ctx.db, contestId);
  if (!contest || contest.state === "draft") return fail("not_found");
  const team = await findTeam(ctx.db, input.teamId);
  const members = team ? await listMembers(ctx.db, team.id) : [];
  const acting = members.find((m) => m.userId === ctx.actor!.userId);
  if (!team || !acting) return fail("not_team_lead", "teamId");
  const track = await findTrack(ctx.db, input.trackId);
  const entries = await relevantEntryFacts(ctx.db, contestId, {
    teamId: team.id,
    nameKey: team.name_key,
    memberUserIds: members.map((m) => m.userId),
  });
  const problems = checkRegistration({
    contest: contestFacts(contest),
    contestId,
    team: {
      teamId: team.id,
      name: team.name,
      country: team.country,
      memberUserIds: members.map((m) => m.userId),
      womenLed: team.women_led === 1,
    },
    track: track
      ? { id: track.id, contestId: track.contest_id, womenLedOnly: track.women_led_only === 1 }
      : { id: input.trackId, contestId: -1, womenLedOnly: false },
    entries,
    now: ctx.now,
    actingUserId: ctx.actor.userId,
    actingRole: acting.role,
  });
  const existing = await findEntryOfTeam(ctx.db, contestId, team.id);
  // Editing a live registration is the same form: being registered already is then no problem.
  const blocking = problems.filter((p) => !(p.code === "team_already_registered" && existing?.status === "registered"));
  if (blocking.length) {
    const first = blocking[0]!;
    const field = first.code.startsWith("track_") ? "trackId" : first.code === "registration_closed" ? undefined : "teamId";
    return fail(first.code, field, first.params);
  }
  const questions = await listQuestionDefinitions(ctx.db, contestId);
  const parsed = buildAnswersSchema(questions).safeParse(answersFromFormData(questions, input.answers));
  if (!parsed.success) {
    const answerErrors: AnswerErrors = {};
    for (const issue of parsed.error.issues) (answerErrors[`q_${String(issue.path[0])}`] ??= []).push(issue.message);
    return { ok: false, error: { code: "answers_invalid", answerErrors } };
  }
  const code = existing?.code ?? (await uniqueEntryCode(ctx, contestId));
  const at = ctx.now.toISOString();
  const actorId = ctx.actor.userId;
  const view = toContestView(contest);
  const trackName = track ? JSON.parse(track.name_i18n) : { en: "" };
  const entryId = await ctx.db.transaction().execute(async (trx) => {
    const values = {
      track_id: input.trackId,
      status: "registered" as const,
      answers_json: JSON.stringify(parsed.data),
      terms_version: contest.terms_version,
      terms_accepted_at: at,
      updated_at: at,
    };
    const entry = existing
      ? await trx
          .updateTable("entries")
          .set({
            ...values,
            withdrawn_at: null,
            version: existing.version + 1,
            ...(existing.status === "withdrawn" ? { registered_at: at, registered_by: actorId } : {}),
          })
          .where("id", "=", existing.id)
          .returning("id")
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto("entries")
          .values({ ...values, contest_id: contestId, team_id: team.id, code, registered_by: actorId, registered_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
    const edited = existing?.status === "registered";
    for (const member of edited ? [] : members) {
      await enqueueMail(trx, {
        kind: "registration_confirmed",
        to: { address: member.email, name: member.name, language: member.language },
        params: {
          name: member.name,
          team: team.name,
          contest: pickLocalized(view.name, member.language),
          track: pickLocalized(trackName, member.language),
          code,
          url: `${ctx.appUrl}/teams/${team.id}`,
        },
        now: ctx.now,
      });
    }
    await audit(trx, {
      actorUserId: actorId,
      action: edited ? "entry.updated" : "entry.registered",
      subjectType: "entry",
      subjectId: entry.id,
      contestId,
      before: existing
        ? { status: existing.status, trackId: existing.track_id, answers: JSON.parse(existing.answers_json) }
        : undefined,
      after: { teamId: team.id, trackId: input.trackId, code, termsVersion: contest.terms_version, answers: parsed.data },
      ip: ctx.ip,
      now: ctx.now,
    });
    return entry.id;
  });
  return ok({ entryId, code, edited: existing?.status === "registered" });
}

async function leadsEntry(ctx: ServiceContext, entryId: number) {
  const entry = await findEntry(ctx.db, entryId);
  if (!entry || !ctx.actor) return null;
  if (!can(ctx.actor, { type: "team.manage", teamId: entry.team_id })) return null;
  const contest = await findContest(ctx.db, entry.contest_id);
  const team = await findTeam(ctx.db, entry.team_id);
  return contest && team ? { entry, contest, team: team as Team } : null;
}

export async function withdrawEntry(ctx: ServiceContext, entryId: number): Promise<Result<null>> {
  const found = await leadsEntry(ctx, entryId);
  if (!found) return fail("not_found");
  const check = canWithdraw(contestFacts(found.contest), found.entry.status, ctx.now);
  if (!check.ok) return fail(check.code);
  const actorId = ctx.actor!.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("entries")
      .set({
        status: "withdrawn",
        withdrawn_at: ctx.now.toISOString(),
        updated_at: ctx.now.toISOString(),
        version: found.entry.version + 1,
      })
      .where("id", "=", entryId)
      .where("version", "=", found.entry.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
    await audit(trx, {
      actorUserId: actorId,
      action: "entry.withdrawn",
      subjectType: "entry",
      subjectId: entryId,
      contestId: found.entry.contest_id,
      before: { status: "registered" },
      after: { status: "withdrawn" },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}
