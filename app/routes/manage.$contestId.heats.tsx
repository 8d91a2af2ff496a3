// Heats feeding a final. The final's organisers add heats (each a contest of its own with its own
// organisers, judges, deadlines and time zone), set how many places each heat sends per track,
// settle ties at a heat's cut line, add wild cards with a reason, and send the finalists into the
// final. A heat's own organisers see what their heat sends, and nothing of the other heats.
import type { Submission } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FinalView, HeatsDataProvider, HeatView } from "#app/components/heats/HeatsViews";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { countryOptions } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { listTimeZones } from "#app/domain/time";
import {
  defaultQuotaSchema,
  heatOrganiserSchema,
  newHeatSchema,
  quotaRuleSchema,
  removeWildCardSchema,
  revokeOrganiserInvitationSchema,
  tieDecisionSchema,
  wildCardSchema,
} from "#app/forms/heats";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast, type Toast } from "#app/infra/toast.server";
import {
  addHeatOrganiser,
  HEAT_INVITATION_TTL_DAYS,
  revokeHeatOrganiserInvitation,
  type HeatOrganiserOutcome,
} from "#app/services/heat-organisers.server";
import {
  addWildCard,
  createHeat,
  decideTie,
  heatsPage,
  removeWildCard,
  sendFinalists,
  setDefaultQuota,
  setQuotaRule,
} from "#app/services/heats.server";
import { encodeError } from "#app/utils/errors";
import { parseWithZod } from "#app/utils/form";
import { requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const [page, language] = await Promise.all([
    heatsPage(ctx, contest.id),
    getRequestLanguage(request, auth.user.preferred_language),
  ]);
  if (!page.ok) throw new Response(page.error.code, { status: page.error.code === "not_found" ? 404 : 403 });
  return {
    contest,
    page: page.value,
    viewerTimeZone: auth.user.time_zone,
    /** The inviter's language: the invitation email's language unless they choose another. */
    language,
    invitationDays: HEAT_INVITATION_TTL_DAYS,
    timeZones: page.value.role === "final" ? listTimeZones() : [],
    countries: page.value.role === "final" ? countryOptions(language) : [],
  };
}

const SCHEMAS: Record<Exclude<Intent, "send">, z.ZodTypeAny> = {
  create: newHeatSchema,
  organiser: heatOrganiserSchema,
  revokeOrganiserInvitation: revokeOrganiserInvitationSchema,
  quota: defaultQuotaSchema,
  rule: quotaRuleSchema,
  tie: tieDecisionSchema,
  wildCard: wildCardSchema,
  removeWildCard: removeWildCardSchema,
};
type Intent =
  "create" | "organiser" | "revokeOrganiserInvitation" | "quota" | "rule" | "tie" | "wildCard" | "removeWildCard" | "send";

/** What the page says once an organiser is named: added at once, or invited by email. */
function organiserToast(outcome: HeatOrganiserOutcome, language: Language): Toast {
  return outcome.kind === "added"
    ? {
        kind: "success" as const,
        key: "heats.invitations.added",
        params: { name: outcome.name, heat: pickLocalized(outcome.heat, language) },
      }
    : { kind: "success" as const, key: "heats.invitations.sent", params: { email: outcome.email } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const back = `/manage/${contest.id}/heats`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  // One key per form on the page: the tie forms repeat, one per tied entry.
  const formKey = intent === "tie" ? `tie-${String(formData.get("entryId") ?? "")}` : intent;
  const extra = { formKey };
  if (intent === "send") {
    const result = await sendFinalists(ctx, contest.id);
    if (!result.ok)
      return data({ formKey, message: encodeError(result.error) }, { status: result.error.code === "forbidden" ? 403 : 400 });
    return redirectWithToast(back, { kind: "success", key: "heats.sent", params: result.value });
  }
  if (!(intent in SCHEMAS)) return data({ formKey: null, message: "invalid_choice" }, { status: 400 });
  const parse = <S extends z.ZodTypeAny>(schema: S) => parseWithZod(formData, { schema });
  // Naming a heat organiser and withdrawing an invitation say what happened, to whom.
  if (intent === "organiser") {
    const sub = parse(heatOrganiserSchema);
    if (sub.status !== "success") return replyInvalid(sub as Submission<unknown>, { extra });
    const language = await getRequestLanguage(request, auth.user.preferred_language);
    const result = await addHeatOrganiser(ctx, contest.id, sub.value.heatId, sub.value.email, {
      name: sub.value.name ?? null,
      language: sub.value.language ?? language,
    });
    if (!result.ok) {
      if (result.error.code === "forbidden") throw new Response("forbidden", { status: 403 });
      return replyWithError(sub as Submission<unknown>, result.error, { extra });
    }
    return redirectWithToast(back, organiserToast(result.value, language));
  }
  if (intent === "revokeOrganiserInvitation") {
    const sub = parse(revokeOrganiserInvitationSchema);
    if (sub.status !== "success") return replyInvalid(sub as Submission<unknown>, { extra });
    const result = await revokeHeatOrganiserInvitation(ctx, contest.id, sub.value.invitationId);
    if (!result.ok) {
      if (result.error.code === "forbidden") throw new Response("forbidden", { status: 403 });
      return replyWithError(sub as Submission<unknown>, result.error, { extra });
    }
    return redirectWithToast(back, { kind: "success", key: "heats.invitations.revokedDone", params: result.value });
  }
  const run = async () => {
    switch (intent) {
      case "create": {
        const sub = parse(newHeatSchema);
        if (sub.status !== "success") return { sub };
        const v = sub.value;
        return {
          sub,
          result: await createHeat(ctx, contest.id, {
            name: v.name,
            slug: v.slug,
            timeZone: v.timeZone,
            countries: v.country ? [v.country] : [],
          }),
        };
      }
      case "quota": {
        const sub = parse(defaultQuotaSchema);
        if (sub.status !== "success") return { sub };
        return { sub, result: await setDefaultQuota(ctx, contest.id, sub.value.places) };
      }
      case "rule": {
        const sub = parse(quotaRuleSchema);
        if (sub.status !== "success") return { sub };
        const v = sub.value;
        return {
          sub,
          result: await setQuotaRule(ctx, contest.id, {
            heatId: v.heatId ?? null,
            trackId: v.trackId ?? null,
            places: v.places ?? null,
          }),
        };
      }
      case "tie": {
        const sub = parse(tieDecisionSchema);
        if (sub.status !== "success") return { sub };
        return { sub, result: await decideTie(ctx, contest.id, sub.value) };
      }
      case "wildCard": {
        const sub = parse(wildCardSchema);
        if (sub.status !== "success") return { sub };
        return { sub, result: await addWildCard(ctx, contest.id, sub.value) };
      }
      default: {
        const sub = parse(removeWildCardSchema);
        if (sub.status !== "success") return { sub };
        return { sub, result: await removeWildCard(ctx, contest.id, sub.value.wildCardId) };
      }
    }
  };
  const outcome = await run();
  const submission = outcome.sub as Submission<unknown>;
  const result = "result" in outcome ? outcome.result : undefined;
  if (!result) return replyInvalid(submission, { extra });
  if (!result.ok) {
    if (result.error.code === "forbidden") throw new Response("forbidden", { status: 403 });
    return replyWithError(submission, result.error, { extra });
  }
  return redirectWithToast(back, { kind: "success", key: `heats.done.${intent}` });
}

export default function Heats() {
  const { t } = useTranslation();
  const { contest, page, viewerTimeZone, language, invitationDays, timeZones, countries } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("heats.title")} />
      <HeatsDataProvider value={{ viewerTimeZone, inviterLanguage: language, invitationDays, timeZones, countries }}>
        {page.role === "final" ? <FinalView page={page} /> : <HeatView page={page} />}
      </HeatsDataProvider>
    </section>
  );
}
