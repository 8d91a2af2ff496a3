// An invitation to mentor teams of an incubation cohort, opened from its email: accept or decline,
// signed in (or signed up) with the invited address. Accepting leads to the mentor's home.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvitationPage, useInvitationWords } from "#app/components/InvitationAnswer";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { getAuth, requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { inspectMentorInvitation, respondToMentorInvitation } from "#app/services/mentoring.server";
import { encodeError } from "#app/utils/errors";
import { rotatedSessionCookie } from "#app/utils/session-rotation.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const result = await inspectMentorInvitation(serviceContext(request, context, auth), params.token ?? "");
  const signedInAs = auth?.user.email ?? null;
  if (!result.ok) return data({ invitation: null, problem: result.error.code, signedInAs }, { status: 400 });
  return { invitation: result.value, problem: null, signedInAs };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const accept = (await request.formData()).get("answer") === "accept";
  const ctx = serviceContext(request, context, auth);
  const result = await respondToMentorInvitation(ctx, params.token ?? "", accept);
  if (!result.ok) return data({ message: encodeError(result.error) }, { status: 400 });
  return accept
    ? redirectWithToast("/mentoring", { kind: "success", key: "mentoring.invitation.accepted" }, [
        await rotatedSessionCookie(ctx, auth),
      ])
    : redirectWithToast("/", { kind: "info", key: "mentoring.invitation.declined" });
}

export default function MentorInvitation() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { invitation, problem, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const words = useInvitationWords("mentoring.invitation", invitation?.email ?? null, signedInAs);
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
          <p>
            {invitation.teams
              ? t("mentoring.invitation.text", {
                  cohort: pickLocalized(invitation.cohortName, language),
                  contest: pickLocalized(invitation.contestName, language),
                  count: invitation.teams,
                })
              : t("mentoring.invitation.textNoTeams", {
                  cohort: pickLocalized(invitation.cohortName, language),
                  contest: pickLocalized(invitation.contestName, language),
                })}
          </p>
          <p>{t("mentoring.invitation.sentTo", { email: invitation.email })}</p>
          <p className="muted">{t("mentoring.invitation.what")}</p>
        </>
      ) : null}
    </InvitationPage>
  );
}
