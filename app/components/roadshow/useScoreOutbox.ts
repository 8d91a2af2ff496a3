// The judge's phone on venue Wi-Fi: a submitted score waits in localStorage, with its submit key,
// until the server acknowledges it. A failed send is retried with a growing pause and at once when
// the browser is back online; a reload resends what is still waiting. The key lets the server
// acknowledge a resend of a score it already took instead of refusing it.
import { useCallback, useEffect, useRef, useState } from "react";

export type SendState =
  { kind: "idle" } | { kind: "sending" } | { kind: "sent" } | { kind: "waiting" } | { kind: "refused"; error: string };

interface Pending {
  fields: Array<[string, string]>;
}

export function useScoreOutbox(sessionId: number, url: string, onSent: () => void) {
  const key = `trellis.roadshow.${sessionId}.pending`;
  const [state, setState] = useState<SendState>({ kind: "idle" });
  const attempts = useRef(0);
  const inFlight = useRef(false);
  const retry = useRef<ReturnType<typeof setTimeout>>();
  const sent = useRef(onSent);
  sent.current = onSent;

  const flush = useCallback(async () => {
    const raw = window.localStorage.getItem(key);
    if (!raw || inFlight.current) return;
    inFlight.current = true;
    clearTimeout(retry.current);
    setState({ kind: "sending" });
    try {
      const pending = JSON.parse(raw) as Pending;
      const response = await fetch(url, {
        method: "POST",
        body: new URLSearchParams(pending.fields),
        headers: { Accept: "application/json" },
      });
      if (response.status >= 500) throw new Error(`status ${response.status}`);
      const reply = (await response.json()) as { ok: boolean; error?: string };
      // Answered: taken, or refused for a reason a resend would not change.
      window.localStorage.removeItem(key);
      attempts.current = 0;
      if (reply.ok) {
        setState({ kind: "sent" });
        sent.current();
      } else setState({ kind: "refused", error: reply.error ?? "unknown" });
    } catch {
      attempts.current += 1;
      setState({ kind: "waiting" });
      retry.current = setTimeout(() => void flush(), Math.min(30_000, 1000 * 2 ** Math.min(attempts.current - 1, 5)));
    } finally {
      inFlight.current = false;
    }
  }, [key, url]);

  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(retry.current);
    };
  }, [flush]);

  const submit = useCallback(
    (fields: Array<[string, string]>) => {
      window.localStorage.setItem(key, JSON.stringify({ fields } satisfies Pending));
      void flush();
    },
    [key, flush],
  );

  const pendingFields = useCallback((): Array<[string, string]> | null => {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Pending).fields : null;
  }, [key]);

  return { state, submit, pendingFields };
}
