// An organiser reopens a submitted review so its judge can change it. Action only: the form lives
// on the round's assignments page and posts here with a reason; the reason is audited.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { reopenReview } from "#app/services/reviews.server";
import { safeRedirectPath } from "#app/domain/redirect";
import { parseId } from "#app/utils/manage.server";

const REOPEN_REASON_MAX = 500;

export function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const contestId = parseId(params.contestId);
  const assignmentId = parseId(params.assignmentId);
  const form = await request.formData();
  const reason = String(form.get("reason") ?? "").slice(0, REOPEN_REASON_MAX);
  // Back to the page the form was on (our own paths only), else the contest's rounds.
  const back = safeRedirectPath(String(form.get("redirectTo") ?? ""), `/manage/${contestId}/rounds`);
  const result = await reopenReview(serviceContext(request, context, auth), contestId, assignmentId, reason);
  if (!result.ok) {
    if (result.error.code === "forbidden") throw new Response("Forbidden", { status: 403 });
    if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
    return redirectWithToast(back, { kind: "error", key: `errors:${result.error.code}` });
  }
  return redirectWithToast(back, { kind: "success", key: "review.reopened" });
}
