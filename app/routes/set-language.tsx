// Changes the interface language: remembered in a cookie, and in the profile when signed in.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLanguage } from "#app/domain/locale";
import { safeRedirectPath } from "#app/domain/redirect";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { languageCookie } from "#app/infra/cookies.server";
import { setPreferredLanguage } from "#app/services/account.server";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  const back = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLanguage(language)) throw new Response("Unknown language", { status: 400 });
  const auth = await getAuth(request);
  if (auth) await setPreferredLanguage(serviceContext(request, context, auth), language);
  return redirect(back, { headers: { "Set-Cookie": await languageCookie.serialize(language) } });
}
