// What anyone may see of contests: the list of open and upcoming ones, and a contest's public page.
// A draft is visible to its organisers (and admins) only.
import { isPubliclyVisible } from "#app/domain/contest-state";
import { parseLocalizedJson } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { isRegistrationOpen } from "#app/domain/registration";
import { findContestBySlug, listVisibleContests } from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import { loadStructure } from "./contest-structure.server";
import { toContestView } from "./contests.server";
import { fail, ok } from "./result";

export async function listPublicContests(ctx: ServiceContext) {
  const rows = await listVisibleContests(ctx.db);
  return rows.map((r) => ({
    slug: r.slug,
    state: r.state,
    timeZone: r.time_zone,
    name: parseLocalizedJson(r.name_i18n) ?? { en: r.slug },
    registrationOpensAt: r.registration_opens_at,
    registrationClosesAt: r.registration_closes_at,
    upcoming:
      r.state === "registration_open" &&
      r.registration_opens_at !== null &&
      Date.parse(r.registration_opens_at) > ctx.now.getTime(),
  }));
}

export async function getContestPage(ctx: ServiceContext, slug: string) {
  const row = await findContestBySlug(ctx.db, slug);
  if (!row) return fail("not_found");
  const canManage = can(ctx.actor, { type: "contest.manage", contestId: row.id });
  // A draft does not exist for anyone else: not found, not forbidden.
  if (!isPubliclyVisible(row.state) && !canManage) return fail("not_found");
  const contest = toContestView(row);
  const structure = await loadStructure(ctx, row.id);
  return ok({
    contest: {
      id: contest.id,
      slug: contest.slug,
      state: contest.state,
      timeZone: contest.timeZone,
      name: contest.name,
      description: contest.description,
      prizes: contest.prizes,
      faq: contest.faq,
      eligibleCountries: contest.eligibleCountries,
      teamMin: contest.teamMin,
      teamMax: contest.teamMax,
      contactEmail: contest.contactEmail,
      registrationOpensAt: contest.registrationOpensAt,
      registrationClosesAt: contest.registrationClosesAt,
    },
    tracks: structure.tracks,
    rounds: structure.rounds.map((r) => ({
      id: r.id,
      name: r.name,
      submissionOpensAt: r.submissionOpensAt,
      submissionClosesAt: r.submissionClosesAt,
      reviewClosesAt: r.reviewClosesAt,
      materials: r.materials.map((m) => ({ id: m.id, kind: m.kind, label: m.label, required: m.required })),
    })),
    canManage,
    // Set by the first publication of any round: the public results page has something to show.
    resultsPublished: isPubliclyVisible(row.state) && contest.resultsPublishedAt !== null,
    registrationOpen: isRegistrationOpen(
      {
        state: row.state,
        eligibleCountries: contest.eligibleCountries,
        teamMin: contest.teamMin,
        teamMax: contest.teamMax,
        registrationOpensAt: contest.registrationOpensAt,
        registrationClosesAt: contest.registrationClosesAt,
        resultsPublishedAt: contest.resultsPublishedAt,
      },
      ctx.now,
    ),
  });
}
