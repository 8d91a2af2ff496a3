// A round's awards: define them in order, grant them to entries, take grants back.
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AwardForm } from "#app/components/awards/AwardForm";
import { AwardItem, type AwardActionData } from "#app/components/awards/AwardItem";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { awardSchema, grantSchema } from "#app/forms/awards";
import { redirectWithToast } from "#app/infra/toast.server";
import {
  createAward,
  deleteAward,
  grantAward,
  listRoundAwards,
  moveAward,
  revokeGrant,
  updateAward,
} from "#app/services/awards.server";
import { encodeError } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const result = await listRoundAwards(ctx, contest.id, parseId(params.roundId));
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "forbidden" ? 403 : 404 });
  return { contest, round: result.value };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `/manage/${contest.id}/rounds/${roundId}/awards`;
  switch (intent) {
    case "create": {
      const extra = { intent, awardId: null };
      const submission = parseWithZod(formData, { schema: awardSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await createAward(ctx, contest.id, roundId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra });
      return redirectWithToast(back, { kind: "success", key: "awards.created" });
    }
    case "update":
    case "grant": {
      const awardId = parseId(String(formData.get("awardId") ?? ""));
      const extra = { intent, awardId };
      if (intent === "update") {
        const submission = parseWithZod(formData, { schema: awardSchema });
        if (submission.status !== "success") return replyInvalid(submission, { extra });
        const result = await updateAward(ctx, contest.id, awardId, submission.value);
        if (!result.ok) return replyWithError(submission, result.error, { extra });
        return redirectWithToast(back, { kind: "success", key: "awards.updated" });
      }
      const submission = parseWithZod(formData, { schema: grantSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await grantAward(ctx, contest.id, awardId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra });
      return redirectWithToast(back, { kind: "success", key: "awards.granted" });
    }
    case "move-up":
    case "move-down":
    case "delete": {
      const awardId = parseId(String(formData.get("awardId") ?? ""));
      const result =
        intent === "delete"
          ? await deleteAward(ctx, contest.id, awardId)
          : await moveAward(ctx, contest.id, awardId, intent === "move-up" ? "up" : "down");
      if (!result.ok) return data({ intent, awardId, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: intent === "delete" ? "awards.deleted" : "awards.moved" });
    }
    case "revoke": {
      const awardId = parseId(String(formData.get("awardId") ?? ""));
      const result = await revokeGrant(ctx, contest.id, parseId(String(formData.get("grantId") ?? "")));
      if (!result.ok) return data({ intent, awardId, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: "awards.revoked" });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function RoundAwardsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, round } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as AwardActionData | undefined;
  const roundName = round.roundName ? pickLocalized(round.roundName, language) : String(round.roundId);
  const createResult = actionData && "result" in actionData && actionData.intent === "create" ? actionData.result : undefined;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("awards.title", { round: roundName })} />
      <p>
        <a href={`/manage/${contest.id}/rounds/${round.roundId}`}>{t("awards.back")}</a>
      </p>
      <p className="lead">{t("awards.intro")}</p>
      {round.editable ? null : (
        <p className="alert alert-info" role="status">
          {t("awards.readOnly")}
        </p>
      )}

      {round.awards.length === 0 ? <p>{t("awards.none")}</p> : null}
      {round.awards.map((award, index) => (
        <AwardItem
          key={award.id}
          award={award}
          first={index === 0}
          last={index === round.awards.length - 1}
          participants={round.participants}
          editable={round.editable}
          actionData={actionData && actionData.awardId === award.id ? actionData : undefined}
        />
      ))}

      {round.editable ? (
        <section className="card" aria-labelledby="add-award-title">
          <h2 id="add-award-title">{t("awards.addTitle")}</h2>
          <AwardForm
            // A new key after each added award starts the form afresh.
            key={round.awards.map((a) => a.id).join("-")}
            formId="add-award"
            intent="create"
            award={null}
            lastResult={createResult}
            submitLabel={t("awards.add")}
          />
        </section>
      ) : null}
    </section>
  );
}
