// Organisers: who reviews which entry in one round, and how far the reviews have come. Assign
// automatically (and read plainly what could not be met), then follow and adjust by hand: entries
// paged 50 at a time and filtered by track, judge, review status and code (all in the URL), a judge
// replaced in one step, reminders to judges with reviews to finish, and each judge next to the panel.
import { ScrollTable } from "#app/components/ui/ScrollTable";
import { FormProvider, getCollectionProps, getFormProps, useField, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AssignmentProblems } from "#app/components/judging/AssignmentProblems";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Deadline } from "#app/components/Deadline";
import { Button } from "#app/components/ui/Button";
import { ErrorList, FormErrors, TextField, type FieldRef } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { assignJudgeSchema, assignRoundSchema } from "#app/forms/judges";
import { redirectWithToast } from "#app/infra/toast.server";
import { assignJudge, assignRound, unassignJudge } from "#app/services/assignments.server";
import { calibrationOverview, chooseCalibrationEntry } from "#app/services/calibration-entry.server";
import { CalibrationEntries } from "#app/components/judging/CalibrationEntries";
import { calibrationChoiceSchema } from "#app/forms/calibration";
import { assignmentsPage, type AssignmentsPage } from "#app/services/judges-admin.server";
import { remindJudges, replaceJudge } from "#app/services/judging-progress.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";
import { pageOf } from "#app/domain/paging";

const STATUSES = ["missing", "not_started", "draft", "submitted"] as const;
type Status = (typeof STATUSES)[number];

// Query parameters are read leniently: a bad value means "no filter" or "the first page".
const querySchema = z.object({
  track: z.coerce.number().int().positive().optional().catch(undefined),
  judge: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  code: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  judges: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** The judges' table is paged on its own: a national round has a thousand judges. */
const JUDGES_PAGE_SIZE = 50;

interface Query {
  trackId: number | null;
  judgeId: number | null;
  status: Status | null;
  code: string | null;
  page: number;
  judgesPage: number;
}

function readQuery(url: URL): Query {
  const read = (name: string) => url.searchParams.get(name) || undefined;
  const parsed = querySchema.parse({
    track: read("track"),
    judge: read("judge"),
    status: read("status"),
    code: read("code"),
    page: read("page"),
    judges: read("judges"),
  });
  return {
    trackId: parsed.track ?? null,
    judgeId: parsed.judge ?? null,
    status: parsed.status ?? null,
    code: parsed.code || null,
    page: parsed.page ?? 1,
    judgesPage: parsed.judges ?? 1,
  };
}

function pageHref(base: string, query: Omit<Query, "page" | "judgesPage">, page: number, judgesPage = 1) {
  const params = new URLSearchParams();
  if (query.trackId !== null) params.set("track", String(query.trackId));
  if (query.judgeId !== null) params.set("judge", String(query.judgeId));
  if (query.status !== null) params.set("status", query.status);
  if (query.code) params.set("code", query.code);
  if (page > 1) params.set("page", String(page));
  if (judgesPage > 1) params.set("judges", String(judgesPage));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

const replaceSchema = z.object({
  assignmentId: z.coerce.number().int().positive(),
  judgeId: z.coerce.number().int().positive(),
});
const remindSchema = z.object({ judgeId: z.coerce.number().int().positive().optional() });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const query = readQuery(new URL(request.url));
  const result = await assignmentsPage(ctx, contest.id, roundId, query);
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const calibration = await calibrationOverview(ctx, contest.id, roundId);
  if (!calibration.ok) throw new Response("Not found", { status: 404 });
  const everyJudge = result.value.judges;
  const judgesShown = pageOf(everyJudge, query.judgesPage, JUDGES_PAGE_SIZE);
  return {
    contest,
    page: { ...result.value, judges: judgesShown.rows },
    // The whole round's figures and the filter's choices still cover every judge.
    totals: everyJudge.reduce(
      (sum, j) => ({
        assigned: sum.assigned + j.assigned,
        submitted: sum.submitted + j.submitted,
        drafts: sum.drafts + j.drafts,
      }),
      { assigned: 0, submitted: 0, drafts: 0 },
    ),
    judgeChoices: everyJudge.map((j) => ({ id: j.id, name: j.name })),
    judgesPager: { page: judgesShown.page, pages: judgesShown.pages, total: judgesShown.total },
    calibration: calibration.value,
    timeZone: auth.user.time_zone,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const query = readQuery(new URL(request.url));
  const back = pageHref(`/manage/${contest.id}/rounds/${roundId}/assignments`, query, query.page);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "assign": {
      const submission = parseWithZod(formData, { schema: assignRoundSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await assignRound(ctx, contest.id, roundId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return { intent, result: submission.reply(), outcome: result.value };
    }
    case "add": {
      const parsed = assignJudgeSchema.safeParse(Object.fromEntries(formData));
      const entryId = Number(formData.get("entryId")) || null;
      if (!parsed.success) return data({ intent, entryId, message: "invalid_choice" }, { status: 400 });
      const result = await assignJudge(ctx, contest.id, roundId, parsed.data);
      if (!result.ok) return data({ intent, entryId, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: "judging.assignments.added" });
    }
    case "remove": {
      const result = await unassignJudge(ctx, contest.id, parseId(String(formData.get("assignmentId") ?? "")));
      if (!result.ok) return data({ intent, entryId: null, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: "judging.assignments.removed" });
    }
    case "replace": {
      const parsed = replaceSchema.safeParse(Object.fromEntries(formData));
      const assignmentId = Number(formData.get("assignmentId")) || null;
      if (!parsed.success) return data({ intent, assignmentId, message: "invalid_choice" }, { status: 400 });
      const result = await replaceJudge(ctx, contest.id, parsed.data);
      if (!result.ok) return data({ intent, assignmentId, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: "judging.progress.replaced" });
    }
    case "calibration": {
      const parsed = calibrationChoiceSchema.safeParse(Object.fromEntries(formData));
      const trackId = Number(formData.get("trackId")) || null;
      if (!parsed.success) return data({ intent, trackId, message: "invalid_choice" }, { status: 400 });
      const result = await chooseCalibrationEntry(ctx, contest.id, roundId, parsed.data);
      if (!result.ok) return data({ intent, trackId, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, {
        kind: "success",
        key: parsed.data.entryId === null ? "calibration.organiser.clearedToast" : "calibration.organiser.chosenToast",
        params: { count: result.value.added },
      });
    }
    case "remind": {
      const parsed = remindSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return data({ intent, entryId: null, message: "invalid_choice" }, { status: 400 });
      const result = await remindJudges(ctx, contest.id, roundId, { judgeId: parsed.data.judgeId ?? null });
      if (!result.ok) return data({ intent, entryId: null, message: encodeError(result.error) }, { status: 400 });
      const count = result.value.judges;
      return redirectWithToast(
        back,
        count
          ? { kind: "success", key: "judging.progress.reminded", params: { count } }
          : { kind: "info", key: "judging.progress.nobodyToRemind" },
      );
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

type ActionReply = {
  intent: string;
  entryId?: number | null;
  assignmentId?: number | null;
  trackId?: number | null;
  message: string;
};

export default function Assignments() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, page, timeZone, totals, judgeChoices, judgesPager, calibration } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const base = `/manage/${contest.id}/rounds/${page.round.id}/assignments`;
  const roundName = pickLocalized(page.round.name, language);
  const outcome = actionData && "outcome" in actionData ? actionData.outcome : null;
  const message = actionData && "message" in actionData ? (actionData as ActionReply) : null;
  const pageError = message && !["add", "replace", "calibration"].includes(message.intent) ? message.message : null;
  const query = { trackId: page.trackId, judgeId: page.judgeId, status: page.status, code: page.code };
  const filtered = query.trackId !== null || query.judgeId !== null || query.status !== null || query.code !== null;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("judging.assignments.title", { round: roundName })} />
      <p>
        <Link to={`/manage/${contest.id}/rounds/${page.round.id}`}>
          {t("judging.assignments.backToRound", { round: roundName })}
        </Link>
        {" · "}
        <Link to={`/manage/${contest.id}/rounds/${page.round.id}/roadshow`}>{t("roadshow.link")}</Link>
      </p>
      {pageError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, pageError)}
        </p>
      ) : null}

      <Progress page={page} totals={totals} viewerTimeZone={timeZone} contestTimeZone={contest.timeZone} />

      <AutoAssign
        lastResult={actionData && "result" in actionData && actionData.intent === "assign" ? actionData.result : undefined}
      />
      {outcome ? (
        <AssignmentProblems added={outcome.added} removed={outcome.removed} problems={outcome.problems} tracks={page.tracks} />
      ) : null}

      <CalibrationEntries
        overview={calibration}
        reply={message?.intent === "calibration" ? { trackId: message.trackId ?? null, message: message.message } : null}
      />

      <div className="card stack">
        <h2>{t("judging.assignments.entriesTitle")}</h2>
        <p>{t("judging.assignments.perEntry", { count: page.round.judgesPerEntry })}</p>
        <Filters base={base} page={page} judgeChoices={judgeChoices} />
        <p role="status">
          {t("judging.progress.matches", { count: page.total })}{" "}
          {filtered ? <Link to={base}>{t("judging.progress.clear")}</Link> : null}
        </p>
        {page.rows.length === 0 ? (
          <p>{t("judging.assignments.noEntries")}</p>
        ) : (
          <EntryTable
            contestId={contest.id}
            here={`${base}${location.search}`}
            page={page}
            reply={message && (message.intent === "add" || message.intent === "replace") ? message : null}
          />
        )}
        {page.pages > 1 ? (
          <nav aria-label={t("judging.assignments.pages")} className="pager">
            {page.page > 1 ? <Link to={pageHref(base, query, page.page - 1)}>{t("judging.assignments.previous")}</Link> : null}
            <span>{t("judging.assignments.pageOf", { page: page.page, pages: page.pages })}</span>
            {page.page < page.pages ? (
              <Link to={pageHref(base, query, page.page + 1)}>{t("judging.assignments.next")}</Link>
            ) : null}
          </nav>
        ) : null}
      </div>

      <JudgesTable base={base} page={page} pager={judgesPager} query={query} />
    </section>
  );
}

/** Where the round stands, its review deadline, and the reminder for everyone with work left. */
function Progress({
  page,
  totals,
  viewerTimeZone,
  contestTimeZone,
}: {
  page: AssignmentsPage;
  totals: { assigned: number; submitted: number; drafts: number };
  viewerTimeZone: string;
  contestTimeZone: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const unfinished = totals.assigned - totals.submitted;
  return (
    <div className="card stack">
      <h2>{t("judging.progress.summaryTitle")}</h2>
      <ul>
        <li>{t("judging.progress.summaryEntries", { complete: page.summary.complete, entries: page.summary.entries })}</li>
        <li>
          {page.summary.missing ? (
            <strong>{t("judging.progress.summaryMissing", { count: page.summary.missing })}</strong>
          ) : (
            t("judging.progress.noneMissing")
          )}
        </li>
        <li>
          {t("judging.progress.summaryReviews", {
            submitted: totals.submitted,
            assigned: totals.assigned,
            drafts: totals.drafts,
          })}
        </li>
        <li>
          {t("judging.progress.deadline")}{" "}
          {page.round.reviewClosesAt ? (
            <Deadline iso={page.round.reviewClosesAt} viewerTimeZone={viewerTimeZone} contestTimeZone={contestTimeZone} />
          ) : (
            t("judging.progress.noDeadline")
          )}
        </li>
      </ul>
      <h3>{t("judging.progress.remindTitle")}</h3>
      <p>{t("judging.progress.remindIntro")}</p>
      {page.round.window === "open" ? (
        unfinished > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remind" />
            <Button
              type="submit"
              variant="secondary"
              busy={
                navigation.state === "submitting" &&
                navigation.formData?.get("intent") === "remind" &&
                !navigation.formData?.get("judgeId")
              }
            >
              {t("judging.progress.remindAll")}
            </Button>
          </Form>
        ) : (
          <p className="muted">{t("judging.progress.nothingToRemind")}</p>
        )
      ) : (
        <p className="muted">
          {t(page.round.window === "closed" ? "judging.progress.remindClosed" : "judging.progress.remindNotOpen")}
        </p>
      )}
    </div>
  );
}

/** The filters, sent as a GET form so the URL carries them (and the page can be shared or reloaded). */
function Filters({
  base,
  page,
  judgeChoices,
}: {
  base: string;
  page: AssignmentsPage;
  judgeChoices: Array<{ id: number; name: string }>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <Form method="get" action={base} className="progress-filters">
      <div className="field">
        <label htmlFor="filter-track">{t("judging.assignments.track")}</label>
        <select id="filter-track" name="track" defaultValue={page.trackId ?? ""}>
          <option value="">{t("judging.assignments.allTracks")}</option>
          {page.tracks.map((tr) => (
            <option key={tr.id} value={tr.id} lang={pickedLanguage(tr.name, language)}>
              {pickLocalized(tr.name, language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-judge">{t("judging.progress.judge")}</label>
        <select id="filter-judge" name="judge" defaultValue={page.judgeId ?? ""}>
          <option value="">{t("judging.progress.allJudges")}</option>
          {judgeChoices.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">{t("judging.progress.status")}</label>
        <select id="filter-status" name="status" defaultValue={page.status ?? ""} aria-describedby="filter-status-hint">
          <option value="">{t("judging.progress.anyStatus")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`judging.progress.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-code">{t("judging.progress.code")}</label>
        <input id="filter-code" name="code" type="search" maxLength={40} defaultValue={page.code ?? ""} autoComplete="off" />
      </div>
      <div className="inline-form">
        <button type="submit" className="btn btn-secondary">
          {t("judging.assignments.show")}
        </button>
      </div>
      <p className="field-hint" id="filter-status-hint">
        {t("judging.progress.statusHint")}
      </p>
    </Form>
  );
}

function AutoAssign({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "auto-assign",
    lastResult,
    constraint: getZodConstraint(assignRoundSchema),
    defaultValue: { mode: "fill", seed: "1" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: assignRoundSchema }),
  });
  return (
    <div className="card">
      <h2>{t("judging.assignments.autoTitle")}</h2>
      <p>{t("judging.assignments.autoIntro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="assign" />
          <ModeField meta={fields.mode} />
          <div className="narrow-form">
            <TextField
              meta={fields.seed}
              type="number"
              label={t("judging.assignments.seed")}
              hint={t("judging.assignments.seedHint")}
            />
          </div>
          <Button type="submit" busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "assign"}>
            {t("judging.assignments.run")}
          </Button>
        </Form>
      </FormProvider>
    </div>
  );
}

function ModeField({ meta: given }: { meta: FieldRef }) {
  const { t } = useTranslation();
  const [meta] = useField<string>(given.name);
  const modes = ["fill", "redo"] as const;
  const radios = getCollectionProps(meta, { type: "radio", options: [...modes] });
  return (
    <fieldset>
      <legend>{t("judging.assignments.mode")}</legend>
      {radios.map(({ key, ...props }, i) => (
        <div className="field field-checkbox" key={key}>
          <input {...props} />
          <label htmlFor={props.id}>{t(`judging.assignments.modes.${modes[i]!}`)}</label>
        </div>
      ))}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

type Row = AssignmentsPage["rows"][number];

/** The judges a row may take, in two groups: those who know the entry's track, then the others. */
function CandidateOptions({ row }: { row: Row }) {
  const { t } = useTranslation();
  const groups = [
    { key: "fits", label: t("judging.assignments.knowsTrack"), judges: row.candidates.filter((c) => c.knowsTrack) },
    { key: "others", label: t("judging.assignments.otherJudges"), judges: row.candidates.filter((c) => !c.knowsTrack) },
  ].filter((g) => g.judges.length);
  return (
    <>
      <option value="" disabled>
        {t("judging.assignments.choose")}
      </option>
      {groups.map((g) => (
        <optgroup key={g.key} label={g.label}>
          {g.judges.map((c) => (
            <option key={c.id} value={c.id}>
              {t("judging.assignments.candidate", { name: c.name, count: c.load })}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

function EntryTable({
  contestId,
  here,
  page,
  reply,
}: {
  contestId: number;
  /** This page with its filters, to come back to after reopening a review. */
  here: string;
  page: AssignmentsPage;
  reply: ActionReply | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const trackOf = new Map(page.tracks.map((tr) => [tr.id, tr.name]));
  return (
    <ScrollTable label={t("judging.assignments.tableCaption", { page: page.page, pages: page.pages })}>
      <table className="judges-table">
        <caption className="visually-hidden">
          {t("judging.assignments.tableCaption", { page: page.page, pages: page.pages })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("judging.assignments.columns.code")}</th>
            <th scope="col">{t("judging.assignments.columns.team")}</th>
            <th scope="col">{t("judging.assignments.columns.track")}</th>
            <th scope="col">{t("judging.progress.reviewsColumn")}</th>
            <th scope="col">{t("judging.assignments.columns.judges")}</th>
            <th scope="col">{t("judging.assignments.columns.add")}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => {
            const track = trackOf.get(row.trackId);
            const selectId = `add-${row.id}`;
            const addError = reply?.intent === "add" && reply.entryId === row.id ? reply.message : null;
            const needed = Math.max(page.round.judgesPerEntry, row.assigned);
            return (
              <tr key={row.id}>
                <th scope="row" className="entry-code">
                  {row.code}
                </th>
                <td>{row.teamName}</td>
                <td>{track ? <span lang={pickedLanguage(track, language)}>{pickLocalized(track, language)}</span> : "—"}</td>
                <td>
                  <span
                    className={
                      row.assigned < page.round.judgesPerEntry
                        ? "status status-missing"
                        : row.submitted >= needed
                          ? "status status-done"
                          : "status"
                    }
                  >
                    {t("judging.progress.submittedOf", { submitted: row.submitted, needed })}
                  </span>
                </td>
                <td className="wide-cell">
                  {row.judges.length === 0 ? (
                    <span className="status status-missing">{t("judging.assignments.noJudgesYet")}</span>
                  ) : (
                    <ul className="judge-chips">
                      {row.judges.map((j) => (
                        <li key={j.assignmentId}>
                          <span className="judge-name">{j.name}</span>
                          <span className={j.reviewStatus === "submitted" ? "status status-done" : "status"}>
                            {t(`judging.assignments.review.${j.reviewStatus}`)}
                          </span>
                          {j.reviewStatus === "submitted" ? (
                            <details className="reopen">
                              <summary>
                                <span aria-hidden="true">{t("judging.assignments.reopen")}</span>
                                <span className="visually-hidden">
                                  {t("judging.assignments.reopenNamed", { judge: j.name, code: row.code })}
                                </span>
                              </summary>
                              <Form
                                method="post"
                                action={`/manage/${contestId}/reviews/${j.assignmentId}/reopen`}
                                className="inline-form"
                              >
                                <input type="hidden" name="redirectTo" value={here} />
                                <label htmlFor={`reopen-${j.assignmentId}`}>{t("judging.assignments.reopenReason")}</label>
                                <input id={`reopen-${j.assignmentId}`} name="reason" required maxLength={500} />
                                <Button type="submit" variant="secondary">
                                  {t("judging.assignments.reopen")}
                                </Button>
                              </Form>
                            </details>
                          ) : (
                            <>
                              <Form method="post">
                                <input type="hidden" name="intent" value="remove" />
                                <input type="hidden" name="assignmentId" value={j.assignmentId} />
                                <Button
                                  type="submit"
                                  variant="link"
                                  aria-label={t("judging.assignments.removeNamed", { judge: j.name, code: row.code })}
                                >
                                  {t("judging.assignments.remove")}
                                </Button>
                              </Form>
                              <ReplaceJudge
                                row={row}
                                judge={j}
                                error={
                                  reply?.intent === "replace" && reply.assignmentId === j.assignmentId ? reply.message : null
                                }
                              />
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {row.candidates.length === 0 ? (
                    <span className="muted small">{t("judging.assignments.noCandidates")}</span>
                  ) : (
                    <Form method="post" className="inline-form judge-add">
                      <input type="hidden" name="intent" value="add" />
                      <input type="hidden" name="entryId" value={row.id} />
                      <label htmlFor={selectId} className="visually-hidden">
                        {t("judging.assignments.addLabel", { code: row.code })}
                      </label>
                      <JudgeSelect id={selectId} row={row} error={addError} button={t("judging.assignments.add")} />
                      {row.moreCandidates ? (
                        <p className="muted small">
                          {t("judging.progress.moreCandidates", { count: row.moreCandidates, shown: row.candidates.length })}
                        </p>
                      ) : null}
                    </Form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** The eligible judges of an entry as a select, its submit button, and the error under it. */
function JudgeSelect({ id, row, error, button }: { id: string; row: Row; error: string | null; button: string }) {
  const { t } = useTranslation();
  return (
    <>
      <select
        className="fit"
        id={id}
        name="judgeId"
        required
        defaultValue=""
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <CandidateOptions row={row} />
      </select>
      <Button type="submit" variant="secondary">
        {button}
      </Button>
      {error ? (
        <p className="field-errors" id={`${id}-error`} role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
    </>
  );
}

/** "Replace…": another eligible judge takes this judge's place on the entry, in one step. */
function ReplaceJudge({ row, judge, error }: { row: Row; judge: Row["judges"][number]; error: string | null }) {
  const { t } = useTranslation();
  if (row.candidates.length === 0) return null;
  const selectId = `replace-${judge.assignmentId}`;
  return (
    <details className="reopen" open={error ? true : undefined}>
      <summary>
        <span aria-hidden="true">{t("judging.progress.replace")}</span>
        <span className="visually-hidden">{t("judging.progress.replaceNamed", { judge: judge.name, code: row.code })}</span>
      </summary>
      <Form method="post" className="inline-form judge-add">
        <input type="hidden" name="intent" value="replace" />
        <input type="hidden" name="assignmentId" value={judge.assignmentId} />
        <label htmlFor={selectId}>{t("judging.progress.replaceWith", { judge: judge.name })}</label>
        <JudgeSelect id={selectId} row={row} error={error} button={t("judging.progress.replaceButton")} />
      </Form>
    </details>
  );
}

/** Each judge's work in the round, and their scoring next to the panel's on the same entries. */
function JudgesTable({
  base,
  page,
  pager,
  query,
}: {
  base: string;
  page: AssignmentsPage;
  pager: { page: number; pages: number; total: number };
  query: Omit<Query, "page" | "judgesPage">;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const one = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const canRemind = page.round.window === "open";
  return (
    <div className="card stack">
      <h2>{t("judging.progress.judgesTitle")}</h2>
      <p>{t("judging.progress.judgesIntro")}</p>
      {page.judges.length === 0 ? (
        <p>{t("judging.assignments.noJudges")}</p>
      ) : (
        <ScrollTable label={t("judging.progress.judgesTitle")}>
          <table>
            <caption className="visually-hidden">{t("judging.progress.judgesTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("judging.assignments.judge")}</th>
                <th scope="col">{t("judging.assignments.status")}</th>
                <th scope="col">{t("judging.progress.columns.assigned")}</th>
                <th scope="col">{t("judging.progress.columns.submitted")}</th>
                <th scope="col">{t("judging.progress.columns.drafts")}</th>
                <th scope="col">{t("judging.progress.columns.average")}</th>
                <th scope="col">{t("judging.progress.columns.panel")}</th>
                <th scope="col">{t("judging.progress.columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {page.judges.map((j) => {
                const unfinished = j.assigned - j.submitted;
                return (
                  <tr key={j.id}>
                    <th scope="row">{j.name}</th>
                    <td>{t(`judging.judges.status.${j.status}`)}</td>
                    <td>{j.assigned}</td>
                    <td>{j.submitted}</td>
                    <td>{j.drafts}</td>
                    <td>{j.average === null ? "—" : one.format(j.average)}</td>
                    <td className="wide-cell">
                      {j.difference === null || j.panelAverage === null || j.averageOnCompared === null ? (
                        <span className="muted">{t("judging.progress.noComparison")}</span>
                      ) : (
                        <>
                          <span>
                            {t("judging.progress.compared", {
                              own: one.format(j.averageOnCompared),
                              panel: one.format(j.panelAverage),
                              count: j.compared,
                            })}
                          </span>{" "}
                          <strong>
                            {t("judging.progress.difference", {
                              value: signed.format(j.difference),
                              leaning: t(`judging.progress.leaning.${j.leaning ?? "in_line"}`),
                            })}
                          </strong>
                        </>
                      )}
                    </td>
                    <td>
                      <div className="inline-form">
                        {j.assigned ? (
                          <Link
                            to={pageHref(base, { trackId: null, judgeId: j.id, status: null, code: null }, 1)}
                            aria-label={t("judging.progress.showEntriesNamed", { judge: j.name })}
                          >
                            {t("judging.progress.showEntries")}
                          </Link>
                        ) : null}
                        {canRemind && j.status === "active" && unfinished > 0 ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="remind" />
                            <input type="hidden" name="judgeId" value={j.id} />
                            <Button
                              type="submit"
                              variant="link"
                              aria-label={t("judging.progress.remindOneNamed", { judge: j.name })}
                              busy={
                                navigation.state === "submitting" &&
                                navigation.formData?.get("intent") === "remind" &&
                                navigation.formData?.get("judgeId") === String(j.id)
                              }
                            >
                              {t("judging.progress.remindOne")}
                            </Button>
                          </Form>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {pager.pages > 1 ? (
        <nav aria-label={t("judging.progress.judgesPages")} className="pager">
          {pager.page > 1 ? (
            <Link to={pageHref(base, query, page.page, pager.page - 1)}>{t("judging.assignments.previous")}</Link>
          ) : null}
          <span>{t("judging.assignments.pageOf", { page: pager.page, pages: pager.pages })}</span>
          {pager.page < pager.pages ? (
            <Link to={pageHref(base, query, page.page, pager.page + 1)}>{t("judging.assignments.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
