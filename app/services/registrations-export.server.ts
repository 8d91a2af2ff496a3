// The organisers' download of a contest's registrations: the filtered list as CSV (UTF-8 with a BOM)
// or XLSX, streamed page by page.
import type { Readable } from "node:stream";
import type { TFunction } from "i18next";
import { TEAM_STAGES } from "#app/forms/team";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { formatAnswer, type QuestionDefinition } from "#app/domain/questions";
import type { TeamStage } from "#db/schema";
import { spreadsheet, type Cell, type SheetPlan } from "#app/infra/spreadsheet.server";
import { findContest, listTracks } from "#app/data/contests.server";
import { listEntries, type EntryRow } from "#app/data/registrations.server";
import type { ServiceContext } from "./context.server";
import {
  canManageRegistrations,
  loadQuestionDefinitions,
  parseAnswers,
  type RegistrationFilters,
} from "./registrations-admin.server";
import { fail, ok, type Result } from "./result";

const EXPORT_PAGE = 1000;

export interface RegistrationExport {
  body: Readable;
  filename: string;
  contentType: string;
}

/** Who reads the export: headings, country, track and choice names come out in their language. */
export interface ExportViewer {
  language: Language;
  t: TFunction;
}

// Others (the round materials' manifest) import the CSV cell from here.
export { csvCell } from "#app/infra/spreadsheet.server";

type ExportPlan = SheetPlan<EntryRow>;

function exportPlan(viewer: ExportViewer, tracks: Map<number, LocalizedText>, questions: QuestionDefinition[]): ExportPlan {
  const { t, language } = viewer;
  const c = (key: string) => t(`registrations.columns.${key}`);
  const headings = [
    c("code"),
    c("status"),
    c("team"),
    c("country"),
    c("countryCode"),
    c("city"),
    c("organisation"),
    c("stage"),
    c("womenLed"),
    c("foundersWomen"),
    c("foundersMen"),
    c("foundersOther"),
    c("members"),
    c("track"),
    c("registeredAtUtc"),
    ...questions.map((q) => pickLocalized(q.label, language)),
  ];
  const widths = [10, 12, 28, 18, 8, 16, 24, 14, 10, 10, 10, 10, 10, 28, 26, ...questions.map(() => 24)];
  // Each of these is one of a handful of texts: translate once, not once per row.
  const statusText = { registered: t("registrations.status.registered"), withdrawn: t("registrations.status.withdrawn") };
  const stageText = Object.fromEntries(TEAM_STAGES.map((stage) => [stage, t(`teamStage.${stage}`)])) as Record<TeamStage, string>;
  const [yes, no] = [t("registrations.yes"), t("registrations.no")];
  // Intl.DisplayNames is slow to build; a contest has a few dozen countries at most.
  const countries = new Map<string, string>();
  const country = (code: string) => {
    let name = countries.get(code);
    if (name === undefined) countries.set(code, (name = countryName(code, language)));
    return name;
  };
  const cells = (r: EntryRow): Cell[] => {
    const answers = parseAnswers(r.answers_json);
    const track = tracks.get(r.track_id);
    return [
      r.code,
      statusText[r.status],
      r.team_name,
      country(r.country),
      r.country,
      r.city ?? "",
      r.organisation ?? "",
      r.stage ? stageText[r.stage] : "",
      r.women_led === 1 ? yes : no,
      r.founders_women,
      r.founders_men,
      r.founders_other,
      r.member_count,
      track ? pickLocalized(track, language) : String(r.track_id),
      new Date(r.registered_at).toISOString(),
      ...questions.map((q) => formatAnswer(q, answers[q.key], language)),
    ];
  };
  return { headings, widths, cells };
}

/** The filtered entries in keyset pages, so an export of any size holds one page in memory. */
async function* entryPages(ctx: ServiceContext, contestId: number, filters: RegistrationFilters): AsyncGenerator<EntryRow[]> {
  let after: number | undefined;
  for (;;) {
    const rows = await listEntries(ctx.db, { contestId, filters, after, limit: EXPORT_PAGE });
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
    after = rows.at(-1)!.id;
    // better-sqlite3 answers synchronously: give the event loop a turn so the response can flow.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The filtered registrations as a file: CSV (UTF-8 with a BOM) or XLSX, streamed page by page. */
export async function exportRegistrations(
  ctx: ServiceContext,
  contestId: number,
  filters: RegistrationFilters,
  format: "csv" | "xlsx",
  viewer: ExportViewer,
): Promise<Result<RegistrationExport>> {
  if (!canManageRegistrations(ctx, contestId)) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  const [tracks, questions] = await Promise.all([listTracks(ctx.db, contestId), loadQuestionDefinitions(ctx, contestId)]);
  const trackNames = new Map(tracks.map((t) => [t.id, parseLocalizedJson(t.name_i18n) ?? { en: `#${t.id}` }]));
  const plan = exportPlan(viewer, trackNames, questions);
  const pages = entryPages(ctx, contestId, filters);
  const filename = `${contest.slug}-registrations-${ctx.now.toISOString().slice(0, 10)}.${format}`;
  return ok({ ...spreadsheet(format, pages, plan, viewer.t("registrations.sheetName")), filename });
}
