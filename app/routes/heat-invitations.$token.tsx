// An invitation to organise one heat of a final, opened from its email: accept or decline, signed in
// (or signed up) with the invited address. Accepting leads to the heat's management page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvitationPage, useInvitationWords } from "#app/components/InvitationAnswer";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { getAuth, requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { inspectHeatInvitation, respondToHeatInvitation } from "#app/services/heat-organisers.server";
import { encodeError } from "#app/utils/errors";
import { rotatedSessionCookie } from "#app/utils/session-rotation.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const result = await inspectHeatInvitation(serviceContext(request, context, auth), params.token ?? "");
  const signedInAs = auth?.user.email ?? null;
  if (!result.ok) return data({ invitation: null, problem: result.error.code, signedInAs }, { status: 400 });
  return { invitation: result.value, problem: null, signedInAs };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const accept = (await request.formData()).get("answer") === "accept";
  const ctx = serviceContext(request, context, auth);
  const result = await respondToHeatInvitation(ctx, params.token ?? "", accept);
  if (!result.ok)
    return data({ message: encodeError(result.error) }, { status: result.error.code === "rate_limited" ? 429 : 400 });
  // A new role: a new session, so a session id known before never carries it.
  return accept
    ? redirectWithToast(`/manage/${result.value.heatId}`, { kind: "success", key: "heats.invitations.accepted" }, [
        await rotatedSessionCookie(ctx, auth),
      ])
    : redirectWithToast("/", { kind: "info", key: "heats.invitations.declined" });
}

export default function HeatInvitation() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { invitation, problem, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const words = useInvitationWords("heats.invitations", invitation?.email ?? null, signedInAs);
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
            {t("heats.invitations.text", {
              heat: pickLocalized(invitation.heatName, language),
              final: pickLocalized(invitation.finalName, language),
            })}
          </p>
          <p>{t("heats.invitations.sentTo", { email: invitation.email })}</p>
          <p className="muted">{t("heats.invitations.what")}</p>
        </>
      ) : null}
    </InvitationPage>
  );
}
