// An invitation to judge a contest, opened from its email: accept or decline, signed in with the
// invited address. Accepting leads to the onboarding page (agreement, then conflicts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvitationPage, useInvitationWords } from "#app/components/InvitationAnswer";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { getAuth, requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { inspectJudgeInvitation, respondToJudgeInvitation } from "#app/services/judges.server";
import { encodeError } from "#app/utils/errors";
import { rotatedSessionCookie } from "#app/utils/session-rotation.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const result = await inspectJudgeInvitation(serviceContext(request, context, auth), params.token ?? "");
  const signedInAs = auth?.user.email ?? null;
  if (!result.ok) return data({ invitation: null, problem: result.error.code, signedInAs }, { status: 400 });
  return { invitation: result.value, problem: null, signedInAs };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const accept = (await request.formData()).get("answer") === "accept";
  const ctx = serviceContext(request, context, auth);
  const result = await respondToJudgeInvitation(ctx, params.token ?? "", accept);
  if (!result.ok) return data({ message: encodeError(result.error) }, { status: 400 });
  // Judging is a new role: a new session goes with it.
  return accept
    ? redirectWithToast(`/judging/${result.value.contestId}`, { kind: "success", key: "judging.invitation.accepted" }, [
        await rotatedSessionCookie(ctx, auth),
      ])
    : redirectWithToast("/", { kind: "info", key: "judging.invitation.declined" });
}

export default function JudgeInvitation() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { invitation, problem, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const words = useInvitationWords("judging.invitation", invitation?.email ?? null, signedInAs);
  return (
    <InvitationPage
      title={words.title}
      problem={problem ? words.problemText(problem) : null}
      message={actionData?.message ? words.problemText(actionData.message) : null}
      invitation={invitation}
      signedInAs={signedInAs}
      text={words.text}
    >
      {invitation ? (
        <>
          <p>{t("judging.invitation.text", { contest: pickLocalized(invitation.contestName, language) })}</p>
          <p>{t("judging.invitation.sentTo", { email: invitation.email })}</p>
          <p className="muted">{t("judging.invitation.what")}</p>
        </>
      ) : null}
    </InvitationPage>
  );
}
