// Live pages: listen to a server-sent event stream and reload the route's data on each event.
// EventSource reconnects by itself after a dropped connection; after an error it gives up on
// (a refused or closed stream), this reconnects with a growing pause.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

export function useLiveRevalidate(url: string) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pause = 1000;
    let stopped = false;
    const connect = () => {
      source = new EventSource(url);
      source.addEventListener("change", () => {
        pause = 1000;
        revalidate.current();
      });
      source.addEventListener("error", () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        retry = setTimeout(connect, pause);
        pause = Math.min(pause * 2, 30_000);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [url]);
}
