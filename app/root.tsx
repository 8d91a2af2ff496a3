// The document: language and direction, the header, one-time messages, and the error boundary.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/GeneralErrorBoundary";
import { SiteHeader } from "#app/components/layout/SiteHeader";
import { Toaster } from "#app/components/layout/Toaster";
import { useNonce } from "#app/components/nonce";
import { getAuth } from "#app/infra/auth.server";
import { readTimeZoneCookie } from "#app/infra/cookies.server";
import { browserCatalogUrl, getRequestLanguage } from "#app/infra/i18n.server";
import { readToast } from "#app/infra/toast.server";
import { embeddedI18nText, I18N_SCRIPT_ID, serializeForScript } from "#app/utils/client-i18n";
import type { Language } from "#app/domain/locale";
import stylesHref from "#app/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Trellis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const language = await getRequestLanguage(request, auth?.user.preferred_language);
  const { toast, setCookie } = await readToast(request);
  const timeZone = auth?.user.time_zone ?? readTimeZoneCookie(request) ?? "UTC";
  return data(
    {
      language,
      catalogUrl: browserCatalogUrl(language),
      timeZone,
      requestId: request.headers.get("X-Request-Id"),
      toast,
      user: auth
        ? {
            name: auth.user.name,
            email: auth.user.email,
            isAdmin: auth.actor.isAdmin,
            emailVerified: auth.actor.emailVerified,
            judgingHref: judgingHref(auth.actor.contestRoles),
            mentoringHref: mentoringHref(auth.actor.contestRoles),
          }
        : null,
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

/** The header's "Judging" link, for judges: their home, which lists every contest they judge. */
function judgingHref(roles: ReadonlyArray<{ contestId: number; role: string }>): string | null {
  return roles.some((r) => r.role === "judge") ? "/judging" : null;
}

/** The header's "Mentoring" link, for mentors: their home, which lists every team they follow. */
function mentoringHref(roles: ReadonlyArray<{ contestId: number; role: string }>): string | null {
  return roles.some((r) => r.role === "mentor") ? "/mentoring" : null;
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function Document({ language, children }: { language: Language; children: React.ReactNode }) {
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const catalogUrl = useRouteLoaderData<typeof loader>("root")?.catalogUrl ?? null;
  // The browser renders the tag exactly as the server wrote it; the server names the catalogs'
  // address, or (an error page without the root's data) carries them inline.
  const embedded =
    embeddedI18nText() ??
    serializeForScript(catalogUrl ? { language, url: catalogUrl } : { language, resources: i18n.store?.data?.[language] ?? {} });
  return (
    <html lang={language} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {catalogUrl ? <link rel="preload" href={catalogUrl} as="fetch" crossOrigin="anonymous" /> : null}
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {i18n.t("layout.skipToContent")}
        </a>
        {children}
        <script id={I18N_SCRIPT_ID} type="application/json" dangerouslySetInnerHTML={{ __html: embedded }} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { language, user, toast } = useLoaderData<typeof loader>();
  const { i18n } = useTranslation();
  useEffect(() => {
    // A navigation that changed the language (e.g. signing in): switch, or reload for the catalogs.
    if (i18n.language === language) return;
    if (i18n.hasResourceBundle(language, "common")) void i18n.changeLanguage(language);
    else window.location.reload();
  }, [i18n, language]);
  return (
    <Document language={language}>
      <SiteHeader user={user} language={language} />
      <main id="main" tabIndex={-1}>
        <Toaster toast={toast} />
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{i18n.t("layout.footer")}</p>
      </footer>
    </Document>
  );
}

export function ErrorBoundary() {
  const root = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const language = root?.language ?? (i18n.language as Language | undefined) ?? "en";
  return (
    <Document language={language}>
      <SiteHeader user={root?.user ?? null} language={language} />
      <main id="main" tabIndex={-1}>
        <GeneralErrorBoundary />
      </main>
    </Document>
  );
}
