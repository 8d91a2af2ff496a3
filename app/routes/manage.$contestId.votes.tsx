// People's choice for organisers: switch it on and set the voting window, watch the live counts,
// void votes (a burst from one address, or chosen votes from the paged list) with a reason, and
// publish the counts.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { VoteList, voteListHref, type VoteListQuery } from "#app/components/votes/VoteList";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { utcToZonedLocal } from "#app/domain/time";
import { VOTE_BURST } from "#app/domain/votes";
import { redirectWithToast } from "#app/infra/toast.server";
import {
  listVotesForOrganisers,
  publishPeoplesChoice,
  updatePeoplesChoiceSettings,
  voidVotes,
  voteCounts,
} from "#app/services/votes.server";
import { encodeError, errorText } from "#app/utils/errors";
import { requireManagedContest } from "#app/utils/manage.server";
import { VOID_REASON_MIN } from "#app/domain/votes";

// The list's query is read leniently: a bad value means "no filter" or "the first page".
const listQuerySchema = z.object({
  votes: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  track: z.coerce.number().int().positive().optional().catch(undefined),
  burst: z.literal("1").optional().catch(undefined),
});

function readListQuery(url: URL): VoteListQuery {
  const read = (name: string) => url.searchParams.get(name) || undefined;
  const parsed = listQuerySchema.parse({ votes: read("votes"), track: read("track"), burst: read("burst") });
  return { page: parsed.votes ?? 1, trackId: parsed.track ?? null, burstOnly: parsed.burst === "1" };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const query = readListQuery(new URL(request.url));
  const [result, list] = await Promise.all([voteCounts(ctx, contest.id), listVotesForOrganisers(ctx, contest.id, query)]);
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "not_found" ? 404 : 403 });
  if (!list.ok) throw new Response(list.error.code, { status: list.error.code === "not_found" ? 404 : 403 });
  const zone = result.value.window.timeZone;
  return {
    contest,
    counts: result.value,
    votes: list.value,
    query: { ...query, page: list.value.page },
    viewerTimeZone: auth.user.time_zone,
    opensLocal: result.value.opensAt ? utcToZonedLocal(result.value.opensAt, zone) : "",
    closesLocal: result.value.closesAt ? utcToZonedLocal(result.value.closesAt, zone) : "",
  };
}

const settingsSchema = z.object({
  enabled: z.string().max(10).optional(),
  opensAt: z.string().max(40).default(""),
  closesAt: z.string().max(40).default(""),
});
const voidSchema = z.object({ ip: z.string().min(1).max(100), reason: z.string().max(500).default("") });
// Chosen votes arrive as repeated "voteId" fields, one per ticked box.
const voteIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);
const voidChosenSchema = z.object({
  voteIds: z.array(voteIdSchema).max(500),
  reason: z.string().max(500),
});

type Intent = "settings" | "void" | "voidChosen" | "publish";
type FieldErrors = Partial<Record<"voteIds" | "reason", string[]>>;
const statusOf = (code: string) => (code === "not_found" ? 404 : code === "forbidden" ? 403 : 400);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const refuse = (where: Intent | null, error: string | null, status = 400, errors: FieldErrors = {}) =>
    data({ where, error, errors }, { status });
  const back = `/manage/${contest.id}/votes`;
  if (intent === "settings") {
    const parsed = settingsSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return refuse("settings", "invalid_datetime");
    const result = await updatePeoplesChoiceSettings(ctx, contest.id, {
      enabled: parsed.data.enabled === "on",
      opensLocal: parsed.data.opensAt,
      closesLocal: parsed.data.closesAt,
    });
    if (!result.ok) return refuse("settings", encodeError(result.error), statusOf(result.error.code));
    return redirectWithToast(back, { kind: "success", key: "manage.saved" });
  }
  if (intent === "void") {
    const parsed = voidSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return refuse("void", "votes.nothing_to_void");
    const result = await voidVotes(ctx, contest.id, { ip: parsed.data.ip }, parsed.data.reason);
    if (!result.ok) return refuse("void", encodeError(result.error), statusOf(result.error.code));
    return redirectWithToast(back, { kind: "success", key: "votes.voided", params: { n: result.value.count } });
  }
  if (intent === "voidChosen") {
    const reason = formData.get("reason");
    const parsed = voidChosenSchema.safeParse({
      voteIds: formData.getAll("voteId"),
      reason: typeof reason === "string" ? reason : "",
    });
    if (!parsed.success) {
      const wrongIds = parsed.error.issues.some((i) => i.path[0] === "voteIds");
      return refuse(
        "voidChosen",
        null,
        400,
        wrongIds ? { voteIds: ["formInput.invalid_value"] } : { reason: ["formInput.invalid_value"] },
      );
    }
    // Both field errors at once, before the service (which checks the same rules) is asked.
    const fields: FieldErrors = {};
    if (parsed.data.voteIds.length === 0) fields.voteIds = ["votes.none_chosen"];
    if (parsed.data.reason.trim().length < VOID_REASON_MIN) fields.reason = [`votes.reason_too_short?min=${VOID_REASON_MIN}`];
    if (fields.voteIds || fields.reason) return refuse("voidChosen", null, 400, fields);
    const result = await voidVotes(ctx, contest.id, { voteIds: [...new Set(parsed.data.voteIds)] }, parsed.data.reason);
    if (!result.ok) {
      const code = encodeError(result.error);
      const field = result.error.field;
      if (field === "reason" || field === "voteIds") return refuse("voidChosen", null, 400, { [field]: [code] });
      return refuse("voidChosen", code, statusOf(result.error.code));
    }
    // Back to the list as it was filtered and paged when the votes were chosen.
    const { page, ...filter } = readListQuery(new URL(request.url));
    return redirectWithToast(voteListHref(back, filter, page), {
      kind: "success",
      key: "votes.voided",
      params: { n: result.value.count },
    });
  }
  if (intent === "publish") {
    const result = await publishPeoplesChoice(ctx, contest.id);
    if (!result.ok) return refuse("publish", encodeError(result.error), statusOf(result.error.code));
    return redirectWithToast(back, { kind: "success", key: "votes.publishedToast" });
  }
  return refuse(null, "invalid_choice");
}

export default function ManageVotes() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, counts, votes, query, viewerTimeZone, opensLocal, closesLocal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorFor = (where: Intent | null) =>
    actionData && actionData.where === where && actionData.error ? (
      <p className="alert alert-error" role="alert">
        {errorText(t, actionData.error)}
      </p>
    ) : null;
  const zone = counts.window.timeZone;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("votes.manageTitle")} />
      {errorFor(null)}
      <div className="card narrow">
        <h2>{t("votes.settings")}</h2>
        {errorFor("settings")}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="settings" />
          <div className="field field-checkbox">
            <input
              id="votes-enabled"
              type="checkbox"
              name="enabled"
              defaultChecked={counts.enabled}
              disabled={Boolean(counts.publishedAt)}
            />
            <label htmlFor="votes-enabled">{t("votes.enabled")}</label>
          </div>
          <div className="field">
            <label htmlFor="votes-opens">{t("votes.opensAt", { zone })}</label>
            <input
              id="votes-opens"
              type="datetime-local"
              name="opensAt"
              defaultValue={opensLocal}
              disabled={Boolean(counts.publishedAt)}
            />
          </div>
          <div className="field">
            <label htmlFor="votes-closes">{t("votes.closesAt", { zone })}</label>
            <input
              id="votes-closes"
              type="datetime-local"
              name="closesAt"
              defaultValue={closesLocal}
              disabled={Boolean(counts.publishedAt)}
            />
          </div>
          {counts.publishedAt ? null : (
            <Button type="submit" busy={busy}>
              {t("manage.save")}
            </Button>
          )}
        </Form>
      </div>

      <div className="card">
        <h2>{t("votes.liveCounts")}</h2>
        <p>
          {t(`votes.phase.${counts.window.phase}`)} {t("votes.totals", { live: counts.totalVotes, voided: counts.voidedVotes })}
        </p>
        {counts.tracks.map((track) => (
          <table key={track.id} className="table">
            <caption lang={pickedLanguage(track.name, language)}>{pickLocalized(track.name, language)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("votes.entry")}</th>
                <th scope="col">{t("votes.votesColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {track.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    {entry.code} {entry.teamName}
                  </td>
                  <td>{entry.votes ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>

      <div className="card">
        <h2>{t("votes.bursts")}</h2>
        <p>{t("votes.burstRule", { votes: VOTE_BURST.maxVotes, minutes: VOTE_BURST.windowMinutes })}</p>
        {errorFor("void")}
        {counts.bursts.length === 0 ? <p>{t("votes.noBursts")}</p> : null}
        <ul className="plain-list">
          {counts.bursts.map((burst) => (
            <li key={burst.ip} className="stack">
              <p>
                {t("votes.burstLine", { ip: burst.ip, n: burst.voteIds.length, peak: burst.peak })}{" "}
                <Time iso={burst.firstAt} timeZone={zone} /> – <Time iso={burst.lastAt} timeZone={zone} />
              </p>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="void" />
                <input type="hidden" name="ip" value={burst.ip} />
                <label>
                  {t("votes.voidReason", { min: VOID_REASON_MIN })}
                  <input type="text" name="reason" required minLength={VOID_REASON_MIN} maxLength={500} />
                </label>
                <Button type="submit" variant="danger" busy={busy}>
                  {t("votes.voidThese")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      </div>

      <VoteList
        base={`/manage/${contest.id}/votes`}
        votes={votes}
        query={query}
        tracks={counts.tracks}
        viewerTimeZone={viewerTimeZone}
        errors={actionData && actionData.where === "voidChosen" ? actionData : null}
        busy={busy}
      />

      <div className="card narrow">
        <h2>{t("votes.publish")}</h2>
        {errorFor("publish")}
        {counts.publishedAt ? (
          <p>
            {t("votes.publishedAt")} <Time iso={counts.publishedAt} timeZone={zone} />
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <p>{t("votes.publishHint")}</p>
            <Button type="submit" busy={busy}>
              {t("votes.publish")}
            </Button>
          </Form>
        )}
      </div>
    </section>
  );
}
