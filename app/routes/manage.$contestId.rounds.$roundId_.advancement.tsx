// Organisers: who advances out of a round. Pick a rule (top N per track or all at or above a score),
// preview where it cuts each track's ranking, add or remove entries with a written reason, confirm.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdvancementRule } from "#app/components/advancement/AdvancementRule";
import { AdvancementTrack, type ChangeReply } from "#app/components/advancement/AdvancementTrack";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { changeSchema, cutRuleQuery, readCutRule } from "#app/forms/advancement";
import { redirectWithToast } from "#app/infra/toast.server";
import { advancementPlan, confirmAdvancement, DEFAULT_CUT_RULE, writeAdvancementChange } from "#app/services/advancement.server";
import { encodeError, errorText } from "#app/utils/errors";
import { formErrorMap } from "#app/utils/form";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const rule = readCutRule(new URL(request.url).searchParams, DEFAULT_CUT_RULE);
  const plan = await advancementPlan(ctx, contest.id, roundId, rule);
  if (!plan.ok) throw new Response(plan.error.code, { status: plan.error.code === "forbidden" ? 403 : 404 });
  return { contest, plan: plan.value, timeZone: auth.user.time_zone };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const url = new URL(request.url);
  const rule = readCutRule(url.searchParams, DEFAULT_CUT_RULE);
  const back = `/manage/${contest.id}/rounds/${roundId}/advancement?${cutRuleQuery(rule)}`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "change") {
    const parsed = changeSchema.safeParse(Object.fromEntries(formData), { errorMap: formErrorMap });
    const entryId = Number(formData.get("entryId")) || null;
    if (!parsed.success)
      return data({ intent, entryId, message: parsed.error.issues[0]?.message ?? "invalid_choice" } satisfies ChangeReply, {
        status: 400,
      });
    const result = await writeAdvancementChange(ctx, contest.id, roundId, parsed.data);
    if (!result.ok) return data({ intent, entryId, message: encodeError(result.error) } satisfies ChangeReply, { status: 400 });
    return redirectWithToast(back, { kind: "success", key: "advancement.changeSaved" });
  }
  if (intent === "confirm") {
    const result = await confirmAdvancement(ctx, contest.id, roundId, rule);
    if (!result.ok)
      return data({ intent, entryId: null, message: encodeError(result.error) } satisfies ChangeReply, { status: 400 });
    return redirectWithToast(back, {
      kind: "success",
      key: result.value.alreadyConfirmed ? "advancement.alreadyConfirmed" : "advancement.confirmedToast",
      params: { count: result.value.advanced },
    });
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function AdvancementPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, plan, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ChangeReply | undefined;
  const roundName = plan.roundName ? pickLocalized(plan.roundName, language) : String(plan.roundId);
  const nextName = plan.next?.name ? pickLocalized(plan.next.name, language) : null;
  const pageError = reply && reply.intent === "confirm" ? reply.message : null;
  const base = `/manage/${contest.id}/rounds/${plan.roundId}/advancement`;
  const here = `${base}?${cutRuleQuery(plan.rule)}`;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("advancement.title", { round: roundName })} />
      <p>
        <Link to={`/manage/${contest.id}/rounds/${plan.roundId}`}>{t("advancement.back")}</Link>
        {" · "}
        <Link to={`/manage/${contest.id}/rounds/${plan.roundId}/results`}>{t("advancement.resultsLink")}</Link>
      </p>
      <p className="field-hint">{t("advancement.intro", { method: t(`results.method.${plan.method}`) })}</p>
      {pageError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, pageError)}
        </p>
      ) : null}

      {plan.confirmed ? (
        <div className="alert alert-success" role="status">
          <p>
            {t("advancement.confirmedSummary", {
              advanced: plan.confirmed.advancedCount,
              eliminated: plan.confirmed.eliminatedCount,
              next: nextName ?? "",
              by: plan.confirmed.byName ?? "—",
            })}{" "}
            <Time iso={plan.confirmed.confirmedAt} timeZone={timeZone} />
          </p>
        </div>
      ) : !plan.next ? (
        <p className="alert alert-info" role="note">
          {t("errors:no_next_round")}
        </p>
      ) : (
        <AdvancementRule rule={plan.rule} action={base} />
      )}

      {plan.tracks.length === 0 ? <p className="muted">{t("advancement.noEntries")}</p> : null}
      {plan.tracks.map((track) => (
        <AdvancementTrack
          key={track.trackId}
          track={track}
          confirmed={plan.confirmed !== null}
          action={here}
          reply={reply && reply.intent === "change" ? reply : null}
        />
      ))}

      {!plan.confirmed && plan.next ? (
        <div className="card stack">
          <h2>{t("advancement.confirmTitle")}</h2>
          <p role="status">
            {t("advancement.summary", { count: plan.advancing, next: nextName ?? "" })}{" "}
            {plan.undecided ? <strong>{t("errors:tie_at_cut", { count: plan.undecided })}</strong> : null}
          </p>
          <p className="field-hint">{t("advancement.confirmHint")}</p>
          <Form method="post" action={here}>
            <input type="hidden" name="intent" value="confirm" />
            <Button type="submit" disabled={plan.undecided > 0 || plan.advancing === 0}>
              {t("advancement.confirm", { count: plan.advancing })}
            </Button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
