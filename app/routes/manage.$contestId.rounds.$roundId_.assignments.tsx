// Organisers: who reviews which entry in one round. Assign automatically (and read plainly what
// could not be met), then adjust by hand: entries paged 50 at a time, filtered by track.
import { FormProvider, getCollectionProps, getFormProps, useField, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AssignmentProblems } from "#app/components/judging/AssignmentProblems";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Button } from "#app/components/ui/Button";
import { ErrorList, FormErrors, TextField, type FieldRef } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { assignJudgeSchema, assignRoundSchema } from "#app/forms/judges";
import { redirectWithToast } from "#app/infra/toast.server";
import { assignJudge, assignRound, unassignJudge } from "#app/services/assignments.server";
import { assignmentsPage, type AssignmentsPage } from "#app/services/judges-admin.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

// Query parameters are read leniently: a bad value means "no filter" or "the first page".
const querySchema = z.object({
  track: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

function readQuery(url: URL) {
  const parsed = querySchema.parse({
    track: url.searchParams.get("track") || undefined,
    page: url.searchParams.get("page") || undefined,
  });
  return { trackId: parsed.track ?? null, page: parsed.page ?? 1 };
}

function pageHref(base: string, trackId: number | null, page: number) {
  const params = new URLSearchParams();
  if (trackId !== null) params.set("track", String(trackId));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const result = await assignmentsPage(ctx, contest.id, roundId, readQuery(new URL(request.url)));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return { contest, page: result.value };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const query = readQuery(new URL(request.url));
  const back = pageHref(`/manage/${contest.id}/rounds/${roundId}/assignments`, query.trackId, query.page);
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
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function Assignments() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const base = `/manage/${contest.id}/rounds/${page.round.id}/assignments`;
  const roundName = pickLocalized(page.round.name, language);
  const outcome = actionData && "outcome" in actionData ? actionData.outcome : null;
  const message = actionData && "message" in actionData ? actionData : null;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("judging.assignments.title", { round: roundName })} />
      <p>
        <Link to={`/manage/${contest.id}/rounds/${page.round.id}`}>
          {t("judging.assignments.backToRound", { round: roundName })}
        </Link>
      </p>
      {message && message.entryId === null ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, message.message)}
        </p>
      ) : null}

      <AutoAssign
        lastResult={actionData && "result" in actionData && actionData.intent === "assign" ? actionData.result : undefined}
      />
      {outcome ? (
        <AssignmentProblems added={outcome.added} removed={outcome.removed} problems={outcome.problems} tracks={page.tracks} />
      ) : null}

      <div className="card stack">
        <h2>{t("judging.assignments.entriesTitle")}</h2>
        <p>
          {t("judging.assignments.perEntry", { count: page.round.judgesPerEntry })}{" "}
          {page.short ? <strong>{t("judging.assignments.short", { count: page.short })}</strong> : null}
        </p>
        <Form method="get" action={base} className="inline-form">
          <label htmlFor="filter-track">{t("judging.assignments.track")}</label>
          <select id="filter-track" name="track" defaultValue={page.trackId ?? ""} className="fit">
            <option value="">{t("judging.assignments.allTracks")}</option>
            {page.tracks.map((tr) => (
              <option key={tr.id} value={tr.id} lang={pickedLanguage(tr.name, language)}>
                {pickLocalized(tr.name, language)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-secondary">
            {t("judging.assignments.show")}
          </button>
        </Form>
        {page.rows.length === 0 ? (
          <p>{t("judging.assignments.noEntries")}</p>
        ) : (
          <EntryTable
            contestId={contest.id}
            here={`${base}${location.search}`}
            page={page}
            addError={message && message.entryId !== null ? message : null}
          />
        )}
        {page.pages > 1 ? (
          <nav aria-label={t("judging.assignments.pages")} className="pager">
            {page.page > 1 ? (
              <Link to={pageHref(base, page.trackId, page.page - 1)}>{t("judging.assignments.previous")}</Link>
            ) : null}
            <span>{t("judging.assignments.pageOf", { page: page.page, pages: page.pages })}</span>
            {page.page < page.pages ? (
              <Link to={pageHref(base, page.trackId, page.page + 1)}>{t("judging.assignments.next")}</Link>
            ) : null}
          </nav>
        ) : null}
      </div>

      <JudgeLoads judges={page.judges} />
    </section>
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

function EntryTable({
  contestId,
  here,
  page,
  addError,
}: {
  contestId: number;
  /** This page with its filters, to come back to after reopening a review. */
  here: string;
  page: AssignmentsPage;
  addError: { entryId: number | null; message: string } | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const trackOf = new Map(page.tracks.map((tr) => [tr.id, tr.name]));
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">
          {t("judging.assignments.tableCaption", { page: page.page, pages: page.pages })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("judging.assignments.columns.code")}</th>
            <th scope="col">{t("judging.assignments.columns.team")}</th>
            <th scope="col">{t("judging.assignments.columns.track")}</th>
            <th scope="col">{t("judging.assignments.columns.judges")}</th>
            <th scope="col">{t("judging.assignments.columns.add")}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => {
            const track = trackOf.get(row.trackId);
            const fits = row.candidates.filter((c) => c.knowsTrack);
            const others = row.candidates.filter((c) => !c.knowsTrack);
            const selectId = `add-${row.id}`;
            const error = addError?.entryId === row.id ? addError.message : null;
            return (
              <tr key={row.id}>
                <th scope="row" className="entry-code">
                  {row.code}
                </th>
                <td>{row.teamName}</td>
                <td>{track ? <span lang={pickedLanguage(track, language)}>{pickLocalized(track, language)}</span> : "—"}</td>
                <td>
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
                      <select
                        className="fit"
                        id={selectId}
                        name="judgeId"
                        required
                        defaultValue=""
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${selectId}-error` : undefined}
                      >
                        <option value="" disabled>
                          {t("judging.assignments.choose")}
                        </option>
                        {[
                          { key: "fits", label: t("judging.assignments.knowsTrack"), judges: fits },
                          { key: "others", label: t("judging.assignments.otherJudges"), judges: others },
                        ]
                          .filter((g) => g.judges.length)
                          .map((g) => (
                            <optgroup key={g.key} label={g.label}>
                              {g.judges.map((c) => (
                                <option key={c.id} value={c.id}>
                                  {t("judging.assignments.candidate", { name: c.name, count: c.load })}
                                </option>
                              ))}
                            </optgroup>
                          ))}
                      </select>
                      <Button type="submit" variant="secondary">
                        {t("judging.assignments.add")}
                      </Button>
                      {error ? (
                        <p className="field-errors" id={`${selectId}-error`} role="alert">
                          {errorText(t, error)}
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
    </div>
  );
}

function JudgeLoads({ judges }: { judges: AssignmentsPage["judges"] }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t("judging.assignments.loadsTitle")}</h2>
      {judges.length === 0 ? (
        <p>{t("judging.assignments.noJudges")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("judging.assignments.loadsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("judging.assignments.judge")}</th>
                <th scope="col">{t("judging.assignments.status")}</th>
                <th scope="col">{t("judging.assignments.load")}</th>
              </tr>
            </thead>
            <tbody>
              {judges.map((j) => (
                <tr key={j.id}>
                  <th scope="row">{j.name}</th>
                  <td>{t(`judging.judges.status.${j.status}`)}</td>
                  <td>{j.load}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
