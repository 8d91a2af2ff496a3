// An invitation to join a team, opened from its email: accept or decline (signed in as the invitee).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvitationPage } from "#app/components/InvitationAnswer";
import { getAuth, requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { inspectInvitation, respondToInvitation } from "#app/services/invitations.server";
import { encodeError, errorText } from "#app/utils/errors";
import { rotatedSessionCookie } from "#app/utils/session-rotation.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const result = await inspectInvitation(serviceContext(request, context, auth), params.token ?? "");
  if (!result.ok)
    return data({ invitation: null, problem: result.error.code, signedInAs: auth?.user.email ?? null }, { status: 400 });
  return { invitation: result.value, problem: null, signedInAs: auth?.user.email ?? null };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const accept = (await request.formData()).get("answer") === "accept";
  const ctx = serviceContext(request, context, auth);
  const result = await respondToInvitation(ctx, params.token ?? "", accept);
  if (!result.ok) return data({ message: encodeError(result.error) }, { status: 400 });
  return accept
    ? redirectWithToast(`/teams/${result.value.teamId}`, { kind: "success", key: "teams.joined" }, [
        await rotatedSessionCookie(ctx, auth),
      ])
    : redirectWithToast("/", { kind: "info", key: "teams.declined" });
}

export default function Invitation() {
  const { t } = useTranslation();
  const { invitation, problem, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <InvitationPage
      title={t("teams.invitationTitle")}
      problem={problem ? errorText(t, problem) : null}
      message={actionData?.message ? errorText(t, actionData.message) : null}
      invitation={invitation}
      signedInAs={signedInAs}
      text={{
        accept: t("teams.accept"),
        decline: t("teams.decline"),
        otherAccount: t("teams.invitationOtherAccount", { email: invitation?.email ?? "", current: signedInAs }),
      }}
    >
      {invitation ? (
        <>
          <p>
            {t("teams.invitationText", {
              inviter: invitation.inviterName ?? "",
              team: invitation.teamName,
              email: invitation.email,
            })}
          </p>
        </>
      ) : null}
    </InvitationPage>
  );
}
