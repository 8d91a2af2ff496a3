// Admins: one queued email, its text with the links made clickable.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { requireAdmin, serviceContext } from "#app/infra/auth.server";
import { readMail } from "#app/services/mailbox.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response("Not found", { status: 404 });
  const result = await readMail(serviceContext(request, context, auth), id);
  if (!result.ok) throw new Response("Not found", { status: result.error.code === "forbidden" ? 403 : 404 });
  const m = result.value;
  return {
    message: {
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      text: m.text_body,
      status: m.status,
      createdAt: m.created_at,
      lastError: m.last_error,
      language: m.language,
    },
    timeZone: auth.user.time_zone,
  };
}

function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default function MailboxMessage() {
  const { t } = useTranslation();
  const { message, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="message-title">
      <p>
        <Link to="/admin/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1 id="message-title">{message.subject}</h1>
      <dl className="facts">
        <dt>{t("mailbox.to")}</dt>
        <dd>{message.to}</dd>
        <dt>{t("mailbox.created")}</dt>
        <dd>
          <Time iso={message.createdAt} timeZone={timeZone} />
        </dd>
        <dt>{t("mailbox.status")}</dt>
        <dd>{t(`mailbox.statuses.${message.status}`)}</dd>
        {message.lastError ? (
          <>
            <dt>{t("mailbox.lastError")}</dt>
            <dd>{message.lastError}</dd>
          </>
        ) : null}
      </dl>
      <pre className="mail-body" lang={message.language}>
        <Linkified text={message.text} />
      </pre>
    </section>
  );
}
