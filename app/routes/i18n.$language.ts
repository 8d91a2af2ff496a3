// One language's catalogs for the browser, as JSON. Pages name the address with the catalogs'
// version (`?v=`), so the browser keeps them for good and loads them once per release instead of
// receiving them inside every page. Public: the catalogs are the app's own text.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "#app/domain/locale";
import { browserCatalog } from "#app/infra/i18n.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const language = params.language;
  if (!isLanguage(language)) return new Response("Unknown language", { status: 404, headers: { "Content-Type": "text/plain" } });
  const catalog = browserCatalog(language);
  const asked = new URL(request.url).searchParams.get("v");
  return new Response(catalog.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // The current version is immutable; any other address (an old page, no version) is checked each time.
      "Cache-Control": asked === catalog.version ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: `"${catalog.version}"`,
    },
  });
}
