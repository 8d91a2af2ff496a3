// Loader/action glue for the organisers' pages of one contest: the id from the URL, the guard,
// and the contest as its organisers see it.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { z } from "zod";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getManagedContest } from "#app/services/contests.server";

const idParam = z.coerce.number().int().positive();

export function parseId(value: string | undefined): number {
  const parsed = idParam.safeParse(value);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}

export async function requireManagedContest(request: Request, context: AppLoadContext | undefined, params: Params) {
  const auth = await requireUser(request);
  const contestId = parseId(params.contestId);
  const ctx = serviceContext(request, context, auth);
  const result = await getManagedContest(ctx, contestId);
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "not_found" ? 404 : 403 });
  return { auth, ctx, contest: result.value };
}
