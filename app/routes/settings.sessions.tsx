// Where the account is signed in, and "sign out everywhere".
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { SettingsNav } from "#app/components/settings/SettingsNav";
import { Button } from "#app/components/ui/Button";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { clearSessionCookie } from "#app/infra/session.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { listSessions, signOutEverywhere } from "#app/services/identity.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const sessions = await listSessions(serviceContext(request, context, auth));
  return {
    timeZone: auth.user.time_zone,
    sessions: sessions.map((s) => ({
      current: s.id === auth.session.id,
      // The id is a credential half: show only a short, harmless label.
      label: s.id.slice(0, 6),
      createdAt: s.created_at,
      lastVerifiedAt: s.last_verified_at,
      userAgent: s.user_agent,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  await signOutEverywhere(serviceContext(request, context, auth));
  return redirectWithToast("/login", { kind: "info", key: "settings.signedOutEverywhere" }, [await clearSessionCookie()]);
}

export default function SessionSettings() {
  const { t } = useTranslation();
  const { sessions, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">{t("settings.title")}</h1>
      <SettingsNav />
      <div className="card">
        <h2>{t("settings.sessionsTab")}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("settings.sessionsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("settings.device")}</th>
                <th scope="col">{t("settings.signedInAt")}</th>
                <th scope="col">{t("settings.lastActive")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.label}>
                  <td>
                    {s.userAgent ?? t("settings.unknownDevice")}
                    {s.current ? <strong className="badge">{t("settings.thisDevice")}</strong> : null}
                  </td>
                  <td>
                    <Time iso={s.createdAt} timeZone={timeZone} />
                  </td>
                  <td>
                    <Time iso={s.lastVerifiedAt} timeZone={timeZone} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t("settings.signOutEverywhereHint")}</p>
        <Form method="post">
          <Button type="submit" variant="danger">
            {t("settings.signOutEverywhere")}
          </Button>
        </Form>
      </div>
    </section>
  );
}
