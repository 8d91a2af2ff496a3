// Sends the verification link again to the signed-in user.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { resendVerification } from "#app/services/account.server";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const result = await resendVerification(serviceContext(request, context, auth));
  if (!result.ok) {
    const key = result.error.code === "rate_limited" ? "errors:rate_limited" : `errors:${result.error.code}`;
    const minutes = Number(result.error.params?.minutes ?? 0);
    return redirectWithToast("/", { kind: "error", key, params: { minutes, count: minutes } });
  }
  return redirectWithToast("/", { kind: "success", key: "auth:verify.resent", params: { email: result.value.email } });
}
