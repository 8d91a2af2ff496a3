// The live roadshow's event stream (server-sent events) for the desk, the big screen and the
// judges' phones. It polls the session's fingerprint about once a second and sends an event when
// it changes; polling the database (not an in-process bus) keeps it right with several machines
// behind LiteFS. A comment every 15 s keeps proxies from closing an idle connection.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { roadshowFingerprint, roadshowState } from "#app/services/roadshow.server";
import { parseId } from "#app/utils/manage.server";

const POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const sessionId = parseId(params.sessionId);
  const ctx = serviceContext(request, context, auth);
  // Only the organisers and the judges of the panel may listen.
  const state = await roadshowState(ctx, sessionId);
  if (!state.ok) throw new Response("Not found", { status: 404 });
  const db = ctx.db;
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let last: string | null | undefined;
      let open = true;
      let busy = false;
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const check = async () => {
        if (busy || !open) return;
        busy = true;
        try {
          const mark = await roadshowFingerprint(db, sessionId);
          if (mark === null) return stop();
          if (mark !== last) {
            // The first event goes out at once: a client that missed a change while connecting catches up.
            send(`${last === undefined ? "retry: 3000\n" : ""}event: change\ndata: ${mark}\n\n`);
            last = mark;
          }
        } catch (error) {
          console.error("roadshow events: fingerprint failed", error);
        } finally {
          busy = false;
        }
      };
      const poll = setInterval(() => void check(), POLL_MS);
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        clearInterval(poll);
        clearInterval(heartbeat);
        request.signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader: nothing left to close.
        }
      };
      request.signal.addEventListener("abort", stop);
      if (request.signal.aborted) stop();
      else void check();
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
