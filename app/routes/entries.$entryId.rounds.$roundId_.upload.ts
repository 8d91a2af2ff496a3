// The hand-in form sent by XMLHttpRequest (so the page can show upload progress): the same checks
// as the page's own action, answered in JSON. On success it leaves the same one-time message as
// the page, which the page shows when it reloads its data.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { toastCookie } from "#app/infra/toast.server";
import type { UploadReply } from "#app/components/submit/send-form";
import { handIn, readHandInForm, type HandInReply } from "#app/utils/submit.server";

const id = z.coerce.number().int().positive();

function reply(result: HandInReply, headers?: HeadersInit): Response {
  const body: UploadReply = result.ok
    ? { ok: true, requirementId: result.requirementId, version: result.version }
    : { ok: false, requirementId: result.requirementId, message: result.message };
  const all = new Headers(headers);
  all.set("Cache-Control", "no-store");
  return Response.json(body, { status: result.ok ? 200 : result.status, headers: all });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // JSON for a script, never a redirect to the sign-in page.
  const auth = await getAuth(request);
  if (!auth) return reply({ ok: false, requirementId: null, message: "unauthorised", status: 401 });
  const entryId = id.safeParse(params.entryId);
  const roundId = id.safeParse(params.roundId);
  if (!entryId.success || !roundId.success) return reply({ ok: false, requirementId: null, message: "not_found", status: 404 });
  const form = await readHandInForm(request);
  if (!form.ok) return reply(form.reply);
  const result = await handIn(
    serviceContext(request, context, auth),
    { entryId: entryId.data, roundId: roundId.data },
    form.formData,
  );
  if (!result.ok) return reply(result);
  const toast = await toastCookie({ kind: "success", key: "submit.saved", params: { version: result.version } });
  return reply(result, { "Set-Cookie": toast });
}
