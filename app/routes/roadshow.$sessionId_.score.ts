// A judge's scores for the finalist on stage. The phone sends them by fetch (asking for JSON, so
// it can tell "taken" from "try again"); without JavaScript the form posts here and comes back to
// the phone page with a message.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { submitRoadshowScore } from "#app/services/roadshow.server";
import { encodeError } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";

const scoreFormSchema = z.object({
  assignmentId: z.coerce.number().int().positive(),
  version: z.coerce.number().int().min(0),
  submitKey: z.string().min(8).max(100),
});

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const sessionId = parseId(params.sessionId);
  const ctx = serviceContext(request, context, auth);
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  const form = await request.formData();
  const reply = (ok: boolean, error: string | null, status: number) =>
    wantsJson
      ? Response.json({ ok, error }, { status, headers: { "Cache-Control": "no-store" } })
      : redirectWithToast(
          `/roadshow/${sessionId}`,
          ok ? { kind: "success", key: "roadshow.phone.sent" } : { kind: "error", key: "roadshow.phone.refused" },
        );
  const parsed = scoreFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return reply(false, "invalid_choice", 400);
  const scores: Record<number, number | null> = {};
  for (const [name, value] of form) {
    const match = /^score\.(\d+)$/.exec(name);
    if (!match) continue;
    const text = String(value).trim();
    scores[Number(match[1])] = text === "" || !Number.isFinite(Number(text)) ? null : Number(text);
  }
  const result = await submitRoadshowScore(ctx, sessionId, { ...parsed.data, scores });
  if (!result.ok) return reply(false, encodeError(result.error), result.error.code === "not_found" ? 404 : 409);
  return reply(true, null, 200);
}
