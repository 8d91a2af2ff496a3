// Autosave for the scoring page: a draft is posted (intent=autosave, with the version the page has)
// a moment after the judge stops typing; until the server has it, the input also waits in
// localStorage, so a reload, a crash or a lost connection loses nothing, and it is sent again when
// the browser is back online.
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  draftChoice,
  draftKey,
  parseDraft,
  reviewFormData,
  sameReviewValues,
  type ReviewDraft,
  type ReviewFormValues,
} from "#app/forms/review";

/** Quiet time after the last change before a draft is sent. */
export const AUTOSAVE_DELAY_MS = 2000;
/** While offline, how often to try again (the browser's "online" event is not always told). */
const RETRY_MS = 15_000;

/** What the page's action answers (see app/routes/reviews.$assignmentId.tsx). */
export interface ReviewReply {
  intent: string;
  values: ReviewFormValues;
  errors: Record<string, string[]>;
  formError: string | null;
  version?: number;
  savedAt?: string;
  offline?: boolean;
}

export type SaveState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "conflict" }
  | { kind: "failed"; message: string };

function readStored(key: string): ReviewDraft | null {
  try {
    return parseDraft(window.localStorage.getItem(key));
  } catch {
    return null; // storage blocked (private mode, policy): autosave still works, only the copy is lost
  }
}
function writeStored(key: string, draft: ReviewDraft | null) {
  try {
    if (draft) window.localStorage.setItem(key, JSON.stringify(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // as above
  }
}

export function useAutosave(options: {
  assignmentId: number;
  serverVersion: number;
  serverValues: ReviewFormValues;
  initialValues: ReviewFormValues;
  /** False while the page shows the answer of a posted form: what is on screen wins, no restore. */
  restoreOnLoad: boolean;
}) {
  const { assignmentId, serverVersion, serverValues } = options;
  const key = draftKey(assignmentId);
  const fetcher = useFetcher<ReviewReply>();
  const [values, setValues] = useState(options.initialValues);
  const [version, setVersion] = useState(serverVersion);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  /** A draft from this browser typed over an older version: the judge may take it back. */
  const [olderDraft, setOlderDraft] = useState<ReviewDraft | null>(null);
  const [restored, setRestored] = useState(false);

  const valuesRef = useRef(values);
  const versionRef = useRef(version);
  const stateRef = useRef(state);
  const fetcherBusy = useRef(false);
  const sent = useRef<ReviewFormValues | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const handled = useRef<unknown>(null);
  valuesRef.current = values;
  versionRef.current = version;
  stateRef.current = state;
  fetcherBusy.current = fetcher.state !== "idle";

  const submit = fetcher.submit;
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (stateRef.current.kind === "conflict") return;
    if (fetcherBusy.current) {
      timer.current = setTimeout(flush, 500);
      return;
    }
    if (!navigator.onLine) {
      setState({ kind: "offline" });
      timer.current = setTimeout(flush, RETRY_MS);
      return;
    }
    sent.current = valuesRef.current;
    setState({ kind: "saving" });
    submit(reviewFormData(valuesRef.current, versionRef.current, "autosave"), { method: "post" });
  }, [submit]);

  const schedule = useCallback(
    (delay = AUTOSAVE_DELAY_MS) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delay);
    },
    [flush],
  );

  /** Stop any autosave waiting to go (the judge is submitting the form themselves). */
  const cancel = useCallback(() => clearTimeout(timer.current), []);

  const change = useCallback(
    (next: ReviewFormValues) => {
      setValues(next);
      writeStored(key, { version: versionRef.current, at: Date.now(), values: next });
      if (stateRef.current.kind === "conflict") return;
      setState((s) => (s.kind === "offline" ? s : { kind: "pending" }));
      schedule();
    },
    [key, schedule],
  );

  // On load: put back what this browser has that the server does not.
  useEffect(() => {
    const draft = readStored(key);
    const choice = draftChoice(draft, { version: serverVersion, values: serverValues });
    if (choice === "discard") writeStored(key, null);
    if (!options.restoreOnLoad || !draft) return;
    if (choice === "restore") {
      setValues(draft.values);
      valuesRef.current = draft.values;
      setRestored(true);
      schedule(0);
    } else if (choice === "offer") setOlderDraft(draft);
    // Only once, for the page as loaded; later changes are this hook's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The server's answer to an autosave.
  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply || handled.current === reply) return;
    handled.current = reply;
    if (reply.offline) {
      setState({ kind: "offline" });
      timer.current = setTimeout(flush, RETRY_MS);
      return;
    }
    if (reply.version !== undefined && reply.savedAt) {
      setVersion(reply.version);
      versionRef.current = reply.version;
      setErrors({});
      if (sent.current && sameReviewValues(sent.current, valuesRef.current)) {
        writeStored(key, null);
        setState({ kind: "saved", at: reply.savedAt });
      } else {
        // Typed on while it was saving: keep the copy (over the new version) and save again.
        writeStored(key, { version: reply.version, at: Date.now(), values: valuesRef.current });
        setState({ kind: "pending" });
        schedule();
      }
      return;
    }
    if (reply.formError === "changed_by_someone_else") {
      setState({ kind: "conflict" });
      return;
    }
    setErrors(reply.errors);
    setState({ kind: "failed", message: reply.formError ?? "" });
  }, [fetcher.state, fetcher.data, flush, key, schedule]);

  // Back online: send what is waiting.
  useEffect(() => {
    const onOnline = () => {
      if (stateRef.current.kind === "offline" || stateRef.current.kind === "pending") flush();
    };
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("online", onOnline);
      clearTimeout(timer.current);
    };
  }, [flush]);

  const restoreOlder = useCallback(() => {
    if (!olderDraft) return;
    setOlderDraft(null);
    change(olderDraft.values);
  }, [olderDraft, change]);
  const dropOlder = useCallback(() => {
    setOlderDraft(null);
    writeStored(key, null);
  }, [key]);
  return {
    values,
    version,
    state,
    errors,
    busy: fetcher.state !== "idle",
    change,
    flush,
    cancel,
    restored,
    olderDraft,
    restoreOlder,
    dropOlder,
  };
}
