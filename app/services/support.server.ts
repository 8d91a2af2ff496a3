// Support requests of incubated teams: a team asks for help (an investor introduction, legal/IP,
// technology transfer, market entry, other); organisers route the request to a mentor or a named
// partner and track it to closure. The mentor it is routed to adds updates, marks it in progress
// and may close it with a resolution; reopening stays with the organisers. Every change is audited
// and carries the row's version; routing to a mentor emails them, closing emails the team.
import type { z } from "zod";
import { pickLocalized, parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { isLanguage, type Language } from "#app/domain/locale";
import { can } from "#app/domain/permissions";
import {
  closeSchema,
  noteSchema,
  routeMentorSchema,
  routePartnerSchema,
  supportRequestSchema,
  versionSchema,
  type CloseInput,
  type NoteInput,
  type QueueFilter,
  type RouteMentorInput,
  type RoutePartnerInput,
  type SupportRequestInput,
  type VersionInput,
} from "#app/forms/support";
import { audit } from "#app/infra/audit.server";
import { getFixedT } from "#app/infra/i18n.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import {
  findCohortOfContest,
  findMailContact,
  findSupportRequest,
  insertSupportRequest,
  insertUpdate,
  listAssignedMentors,
  listCohortRequests,
  listContestMentors,
  listRoutedRequests,
  listTeamContacts,
  listTeamRequests,
  listUpdates,
  updateSupportRequest,
  type SupportRequestChange,
  type SupportRequestRow,
} from "#app/data/support.server";
import type { DB } from "#app/infra/db.server";
import type { SupportKind, SupportStatus, SupportUpdateRole } from "#db/schema";
import type { ServiceContext } from "./context.server";
import { cohortTeamAccess, hasRole } from "./incubation-access.server";
import { fail, ok, type Result, type ServiceError } from "./result";

export interface SupportUpdateView {
  id: number;
  role: SupportUpdateRole;
  authorName: string | null;
  note: string;
  createdAt: string;
}

export type RoutedTo = { type: "mentor"; id: number; name: string } | { type: "partner"; name: string } | null;

export interface SupportRequestView {
  id: number;
  cohortTeamId: number;
  code: string;
  teamName: string;
  kind: SupportKind;
  country: string | null;
  details: string;
  status: SupportStatus;
  routedTo: RoutedTo;
  resolution: string | null;
  createdAt: string;
  closedAt: string | null;
  version: number;
  updates: SupportUpdateView[];
}

export interface TeamSupport {
  cohortTeamId: number;
  teamName: string;
  code: string;
  cohortName: LocalizedText;
  contestId: number;
  cohortId: number;
  /** Team members ask; mentors and organisers only read here. */
  canRequest: boolean;
  organiser: boolean;
  requests: SupportRequestView[];
}

export interface MentorOption {
  id: number;
  name: string;
}

export interface QueueItem extends SupportRequestView {
  /** Mentors assigned to this team, then the contest's other mentors: who it may be routed to. */
  teamMentors: MentorOption[];
  otherMentors: MentorOption[];
}

export interface SupportQueue {
  cohortId: number;
  cohortName: LocalizedText;
  filter: QueueFilter;
  /** Requests of the cohort per status, before filtering. */
  counts: Record<SupportStatus, number>;
  total: number;
  items: QueueItem[];
}

export interface MentorSupportItem extends SupportRequestView {
  contestName: LocalizedText;
  cohortName: LocalizedText;
  /** The team's members, so the mentor can reach them: the lead first. */
  contacts: Array<{ name: string; email: string; lead: boolean }>;
}

const names = (json: string | null, fallback: string): LocalizedText => parseLocalizedJson(json) ?? { en: fallback };

/** A refusal from one of the form schemas, as the service's own error. */
function invalid(error: z.ZodError): { ok: false; error: ServiceError } {
  const issue = error.issues[0];
  const [code = "invalid_choice", query = ""] = (issue?.message ?? "").split("?");
  const params: Record<string, string | number> = {};
  for (const [key, value] of new URLSearchParams(query)) params[key] = /^\d+$/.test(value) ? Number(value) : value;
  const field = typeof issue?.path[0] === "string" ? issue.path[0] : undefined;
  return fail(code, field, Object.keys(params).length ? params : undefined);
}

async function views(db: DB, rows: readonly SupportRequestRow[]): Promise<SupportRequestView[]> {
  const updates = await listUpdates(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    cohortTeamId: r.cohortTeamId,
    code: r.code,
    teamName: r.teamName,
    kind: r.kind,
    country: r.country,
    details: r.details,
    status: r.status,
    routedTo:
      r.mentorId !== null
        ? { type: "mentor", id: r.mentorId, name: r.mentorName ?? "" }
        : r.partner !== null
          ? { type: "partner", name: r.partner }
          : null,
    resolution: r.resolution,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    version: r.version,
    updates: updates
      .filter((u) => u.requestId === r.id)
      .map((u) => ({ id: u.id, role: u.role, authorName: u.authorName, note: u.note, createdAt: u.createdAt })),
  }));
}

/** Open requests first, oldest first (a queue); then the closed ones, the latest closed first. */
function queueOrder<T extends { status: SupportStatus; createdAt: string; closedAt: string | null; id: number }>(rows: T[]): T[] {
  const open = rows.filter((r) => r.status !== "closed");
  const closed = rows
    .filter((r) => r.status === "closed")
    .sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? "") || b.id - a.id);
  return [...open, ...closed];
}

// ---- Reading ------------------------------------------------------------------------------------

/** A cohort team's requests as its members, its mentors and the organisers see them. */
export async function teamSupport(ctx: ServiceContext, cohortTeamId: number): Promise<Result<TeamSupport>> {
  const access = await cohortTeamAccess(ctx, cohortTeamId);
  if (!access) return fail("not_found");
  const { team } = access;
  return ok({
    cohortTeamId,
    teamName: team.teamName,
    code: team.code,
    cohortName: names(team.cohortNameJson, `#${team.cohortId}`),
    contestId: team.contestId,
    cohortId: team.cohortId,
    canRequest: hasRole(access, "team"),
    organiser: hasRole(access, "organiser"),
    requests: await views(ctx.db, await listTeamRequests(ctx.db, cohortTeamId)),
  });
}

/** The organisers' queue of one cohort, filtered by status and kind. */
export async function supportQueue(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  filter: QueueFilter,
): Promise<Result<SupportQueue>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const cohort = await findCohortOfContest(ctx.db, contestId, cohortId);
  if (!cohort) return fail("not_found");
  const rows = await listCohortRequests(ctx.db, cohortId);
  const counts: Record<SupportStatus, number> = { open: 0, routed: 0, in_progress: 0, closed: 0 };
  for (const r of rows) counts[r.status]++;
  const shown = rows.filter((r) => (!filter.status || r.status === filter.status) && (!filter.kind || r.kind === filter.kind));
  const [items, assigned, contestMentors] = await Promise.all([
    views(ctx.db, shown),
    listAssignedMentors(ctx.db, [...new Set(shown.map((r) => r.cohortTeamId))]),
    listContestMentors(ctx.db, contestId),
  ]);
  return ok({
    cohortId,
    cohortName: names(cohort.nameJson, `#${cohortId}`),
    filter,
    counts,
    total: rows.length,
    items: queueOrder(items).map((item) => {
      const teamMentors = assigned.filter((m) => m.cohortTeamId === item.cohortTeamId).map((m) => ({ id: m.id, name: m.name }));
      const mine = new Set(teamMentors.map((m) => m.id));
      return { ...item, teamMentors, otherMentors: contestMentors.filter((m) => !mine.has(m.id)) };
    }),
  });
}

/** Requests routed to the signed-in mentor, in every contest. */
export async function mentorSupport(ctx: ServiceContext): Promise<Result<MentorSupportItem[]>> {
  if (!ctx.actor) return fail("not_found");
  const rows = await listRoutedRequests(ctx.db, ctx.actor.userId);
  const [items, contacts] = await Promise.all([
    views(ctx.db, rows),
    listTeamContacts(ctx.db, [...new Set(rows.map((r) => r.teamId))]),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ok(
    queueOrder(items).map((item) => {
      const row = byId.get(item.id)!;
      return {
        ...item,
        contestName: names(row.contestNameJson, row.contestName),
        cohortName: names(row.cohortNameJson, `#${row.cohortId}`),
        contacts: contacts
          .filter((c) => c.teamId === row.teamId)
          .map((c) => ({ name: c.name, email: c.email, lead: c.role === "lead" })),
      };
    }),
  );
}

// ---- Changing -----------------------------------------------------------------------------------

/** A team member asks for help. */
export async function createSupportRequest(
  ctx: ServiceContext,
  cohortTeamId: number,
  input: SupportRequestInput,
): Promise<Result<{ id: number }>> {
  const access = await cohortTeamAccess(ctx, cohortTeamId);
  if (!access) return fail("not_found");
  if (!hasRole(access, "team")) return fail("forbidden");
  const parsed = supportRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const value = parsed.data;
  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertSupportRequest(trx, {
      cohortTeamId,
      kind: value.kind,
      country: value.country ?? null,
      details: value.details,
      createdBy: actorId,
      at,
    });
    await audit(trx, {
      actorUserId: actorId,
      action: "support.created",
      subjectType: "support_request",
      subjectId: row.id,
      contestId: access.team.contestId,
      after: { cohortTeamId, kind: value.kind, country: value.country ?? null, details: value.details },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return ok({ id });
}

interface Acting {
  request: SupportRequestRow;
  organiser: boolean;
  routedMentor: boolean;
}

/**
 * The request and what the actor may do with it: organisers of its contest, and the mentor it is
 * routed to. Someone who cannot see the request at all gets not_found; a team member or an assigned
 * mentor who can see it but not act gets forbidden.
 */
async function acting(
  ctx: ServiceContext,
  requestId: number,
  allowed: { mentor: boolean },
): Promise<Acting | { ok: false; error: ServiceError }> {
  if (!ctx.actor) return fail("not_found");
  const request = await findSupportRequest(ctx.db, requestId);
  if (!request) return fail("not_found");
  const organiser = can(ctx.actor, { type: "contest.manage", contestId: request.contestId });
  const routedMentor = request.mentorId === ctx.actor.userId;
  if (organiser || (allowed.mentor && routedMentor)) return { request, organiser, routedMentor };
  if (routedMentor || (await cohortTeamAccess(ctx, request.cohortTeamId))) return fail("forbidden");
  return fail("not_found");
}

const stateOf = (r: SupportRequestRow) => ({
  status: r.status,
  mentorId: r.mentorId,
  partner: r.partner,
  resolution: r.resolution,
  version: r.version,
});

/**
 * Writes one change at the version the form saw (callers compare it first, so that a stale form is
 * told so before any rule about the status; the update checks it again against a race), with its
 * audit event, then whatever `after` adds in the same transaction.
 */
async function change(
  ctx: ServiceContext,
  acted: Acting,
  version: number,
  action: string,
  next: SupportRequestChange,
  after?: (trx: DB) => Promise<void>,
): Promise<Result<{ version: number }>> {
  const { request } = acted;
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await updateSupportRequest(trx, request.id, version, next, at))) return fail("changed_by_someone_else");
    const updated = (await findSupportRequest(trx, request.id))!;
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action,
      subjectType: "support_request",
      subjectId: request.id,
      contestId: request.contestId,
      before: stateOf(request),
      after: stateOf(updated),
      ip: ctx.ip,
      now: ctx.now,
    });
    await after?.(trx);
    return ok({ version: updated.version });
  });
}

function languageOf(value: string): Language {
  return isLanguage(value) ? value : "en";
}

/** An organiser routes a request to a mentor (of the team or of the contest), who is emailed. */
export async function routeToMentor(
  ctx: ServiceContext,
  requestId: number,
  input: RouteMentorInput,
): Promise<Result<{ version: number }>> {
  const acted = await acting(ctx, requestId, { mentor: false });
  if ("ok" in acted) return acted;
  const parsed = routeMentorSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { request } = acted;
  if (request.version !== parsed.data.version) return fail("changed_by_someone_else");
  if (request.status === "closed") return fail("support_closed");
  const [assigned, contestMentors] = await Promise.all([
    listAssignedMentors(ctx.db, [request.cohortTeamId]),
    listContestMentors(ctx.db, request.contestId),
  ]);
  const mentorId = parsed.data.mentorId;
  if (![...assigned, ...contestMentors].some((m) => m.id === mentorId)) return fail("support_not_a_mentor", "mentorId");
  const mentor = await findMailContact(ctx.db, mentorId);
  if (!mentor) return fail("support_not_a_mentor", "mentorId");
  return change(
    ctx,
    acted,
    parsed.data.version,
    "support.routed",
    { status: "routed", routed_to_mentor_id: mentorId, routed_to_partner: null },
    async (trx) => {
      const language = languageOf(mentor.language);
      await enqueueMail(trx, {
        kind: "support_routed",
        to: { address: mentor.email, name: mentor.name, language },
        params: {
          name: mentor.name,
          team: request.teamName,
          code: request.code,
          contest: pickLocalized(names(request.contestNameJson, request.contestName), language),
          kind: getFixedT(language)(`support.kind.${request.kind}`),
          url: `${ctx.appUrl}/mentoring/support`,
        },
        now: ctx.now,
      });
    },
  );
}

/** An organiser routes a request to a partner outside the platform (no email: they have no account). */
export async function routeToPartner(
  ctx: ServiceContext,
  requestId: number,
  input: RoutePartnerInput,
): Promise<Result<{ version: number }>> {
  const acted = await acting(ctx, requestId, { mentor: false });
  if ("ok" in acted) return acted;
  const parsed = routePartnerSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (acted.request.version !== parsed.data.version) return fail("changed_by_someone_else");
  if (acted.request.status === "closed") return fail("support_closed");
  return change(ctx, acted, parsed.data.version, "support.routed", {
    status: "routed",
    routed_to_mentor_id: null,
    routed_to_partner: parsed.data.partner,
  });
}

/** An organiser or the mentor it is routed to marks a request in progress. */
export async function markInProgress(
  ctx: ServiceContext,
  requestId: number,
  input: VersionInput,
): Promise<Result<{ version: number }>> {
  const acted = await acting(ctx, requestId, { mentor: true });
  if ("ok" in acted) return acted;
  const parsed = versionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (acted.request.version !== parsed.data.version) return fail("changed_by_someone_else");
  if (acted.request.status === "closed") return fail("support_closed");
  if (acted.request.status === "in_progress") return fail("support_already_in_progress");
  return change(ctx, acted, parsed.data.version, "support.in_progress", { status: "in_progress" });
}

/**
 * Closes a request with a resolution the team reads: organisers, or the mentor it is routed to (who
 * did the work and knows when it is done; organisers can reopen it). Every team member is emailed.
 */
export async function closeRequest(
  ctx: ServiceContext,
  requestId: number,
  input: CloseInput,
): Promise<Result<{ version: number }>> {
  const acted = await acting(ctx, requestId, { mentor: true });
  if ("ok" in acted) return acted;
  const parsed = closeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { request } = acted;
  if (request.version !== parsed.data.version) return fail("changed_by_someone_else");
  if (request.status === "closed") return fail("support_closed");
  const resolution = parsed.data.resolution;
  return change(
    ctx,
    acted,
    parsed.data.version,
    "support.closed",
    { status: "closed", resolution, closed_at: ctx.now.toISOString() },
    async (trx) => {
      const members = await listTeamContacts(trx, [request.teamId]);
      for (const member of members) {
        const language = languageOf(member.language);
        await enqueueMail(trx, {
          kind: "support_closed",
          to: { address: member.email, name: member.name, language },
          params: {
            name: member.name,
            team: request.teamName,
            contest: pickLocalized(names(request.contestNameJson, request.contestName), language),
            kind: getFixedT(language)(`support.kind.${request.kind}`),
            resolution,
            url: `${ctx.appUrl}/incubation/${request.cohortTeamId}/support`,
          },
          now: ctx.now,
        });
      }
    },
  );
}

/** An organiser reopens a closed request: back to routed (if it was) or open; the resolution is cleared. */
export async function reopenRequest(
  ctx: ServiceContext,
  requestId: number,
  input: VersionInput,
): Promise<Result<{ version: number }>> {
  const acted = await acting(ctx, requestId, { mentor: false });
  if ("ok" in acted) return acted;
  const parsed = versionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { request } = acted;
  if (request.version !== parsed.data.version) return fail("changed_by_someone_else");
  if (request.status !== "closed") return fail("support_not_closed");
  const routed = request.mentorId !== null || request.partner !== null;
  return change(ctx, acted, parsed.data.version, "support.reopened", {
    status: routed ? "routed" : "open",
    resolution: null,
    closed_at: null,
  });
}

/** An update note from an organiser or the mentor the request is routed to; the team reads it. */
export async function addUpdate(ctx: ServiceContext, requestId: number, input: NoteInput): Promise<Result<{ id: number }>> {
  const acted = await acting(ctx, requestId, { mentor: true });
  if ("ok" in acted) return acted;
  const parsed = noteSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { request } = acted;
  if (request.status === "closed") return fail("support_closed");
  // Written as the mentor on the mentor's own request, otherwise as an organiser.
  const role: SupportUpdateRole = acted.routedMentor ? "mentor" : "organiser";
  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertUpdate(trx, { requestId, authorId: actorId, role, note: parsed.data.note, at });
    await audit(trx, {
      actorUserId: actorId,
      action: "support.update_added",
      subjectType: "support_request",
      subjectId: requestId,
      contestId: request.contestId,
      after: { updateId: row.id, role, note: parsed.data.note },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return ok({ id });
}
