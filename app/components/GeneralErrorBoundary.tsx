// The one error page: a translated message per status, and for unexpected errors a reference
// the server logged. No stack trace reaches the browser in production.
import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const root = useRouteLoaderData<{ requestId: string | null }>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 401
          ? "forbidden"
          : status < 500
            ? "badRequest"
            : "serverError";
  if (status >= 500) console.error(error);
  return (
    <section className="card narrow error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errorPage.${kind}.title`)}</h1>
      <p>{t(`errorPage.${kind}.text`)}</p>
      {status >= 500 && root?.requestId ? <p className="muted">{t("errorPage.reference", { id: root.requestId })}</p> : null}
      <p>
        <Link to="/">{t("errorPage.backHome")}</Link>
      </p>
    </section>
  );
}
