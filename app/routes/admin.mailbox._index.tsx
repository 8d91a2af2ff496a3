// Admins: every email the app has queued, newest first, with its delivery status.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { requireAdmin, serviceContext } from "#app/infra/auth.server";
import { listMail } from "#app/services/mailbox.server";

const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  to: z.string().trim().max(254).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request);
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listMail(serviceContext(request, context, auth), { page: params.page, to: params.to || undefined });
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  return { ...result.value, to: params.to ?? "", timeZone: auth.user.time_zone };
}

export default function Mailbox() {
  const { t } = useTranslation();
  const { rows, page, pages, total, to, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p className="muted">{t("mailbox.intro")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="mailbox-to">{t("mailbox.filterTo")}</label>
        <input id="mailbox-to" name="to" type="search" defaultValue={to} />
        <button type="submit" className="btn btn-secondary">
          {t("mailbox.filter")}
        </button>
      </Form>
      <p>{t("mailbox.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("mailbox.created")}</th>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
                <th scope="col">{t("mailbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Time iso={m.created_at} timeZone={timeZone} />
                  </td>
                  <td>{m.to_address}</td>
                  <td>
                    <Link to={`/admin/mailbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{t(`mailbox.statuses.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("mailbox.pages")} className="pager">
          {page > 1 ? <Link to={`?page=${page - 1}&to=${encodeURIComponent(to)}`}>{t("mailbox.previous")}</Link> : null}
          <span>{t("mailbox.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={`?page=${page + 1}&to=${encodeURIComponent(to)}`}>{t("mailbox.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
