// Sign out of this browser (a POST; a GET just goes home).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { clearSessionCookie } from "#app/infra/session.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { signOut } from "#app/services/identity.server";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) await signOut(serviceContext(request, context, auth), auth.session.id);
  return redirectWithToast("/login", { kind: "info", key: "auth:signedOut" }, [await clearSessionCookie()]);
}
