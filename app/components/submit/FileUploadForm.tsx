// The form for one file material. Without JavaScript it posts to the page like any form. With
// it, the file is checked for size and type first, then sent with XMLHttpRequest to the upload
// endpoint with a progress bar and a cancel button; on success the page reloads its data (and
// shows the saved message), on refusal the server's message appears under the file as it would
// without JavaScript.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { acceptAttribute, DEFAULT_MAX_FILE_MB, precheckFile, type FileMaterialKind } from "#app/domain/upload-precheck";
import { encodeError, errorText } from "#app/utils/errors";
import { FileDropZone } from "./FileDropZone";
import { sendFormWithProgress } from "./send-form";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; name: string; percent: number }
  | { kind: "checking"; name: string }
  | { kind: "done"; name: string };

/** An error as an `errors:` code (the server's and the pre-check's) or a `common:` key. */
type Problem = { code: string } | { key: string };

export function FileUploadForm({
  requirementId,
  kind,
  maxSizeMb,
  label,
  pageUrl,
  uploadUrl,
  hasVersion,
  serverMessage,
  disabled,
  extra,
}: {
  requirementId: number;
  kind: FileMaterialKind;
  maxSizeMb: number | null;
  label: string;
  /** Where the form posts without JavaScript. */
  pageUrl: string;
  uploadUrl: string;
  hasVersion: boolean;
  /** The page action's error for this material (the form sent without JavaScript). */
  serverMessage: string | undefined;
  /** The deadline passed while the page was open. */
  disabled: boolean;
  /** More fields sent with the file (the language it is in). */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const inputRef = useRef<HTMLInputElement>(null);
  const sending = useRef<{ abort: () => void } | null>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  // What the live region says: the phase, and the progress in steps of 10% so it is not chatty.
  const [announcement, setAnnouncement] = useState("");

  // Leaving the page stops an upload in flight, quietly.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      sending.current?.abort();
    };
  }, []);

  // After a refusal or a cancel the file input gets the focus back, but only once it is enabled
  // again (it is disabled while sending), i.e. after the next render.
  const focusAfterRender = useRef(false);
  useEffect(() => {
    if (!focusAfterRender.current || phase.kind === "uploading" || phase.kind === "checking") return;
    focusAfterRender.current = false;
    inputRef.current?.focus();
  });

  const maxFileMb = maxSizeMb ?? DEFAULT_MAX_FILE_MB;
  const inputId = `input-${requirementId}`;
  const errorId = `material-${requirementId}-error`;
  const busy = phase.kind === "uploading" || phase.kind === "checking";
  const messages = problem
    ? ["code" in problem ? errorText(t, problem.code) : t(problem.key)]
    : serverMessage && phase.kind === "idle"
      ? [errorText(t, serverMessage)]
      : [];

  const check = (file: File | null): Problem | null => {
    if (!file) return null;
    const refused = precheckFile(file, { kind, maxSizeMb });
    return refused ? { code: encodeError(refused) } : null;
  };

  const choose = (file: File | null) => {
    setChosen(file);
    setProblem(check(file));
    if (!busy) setPhase({ kind: "idle" });
    setAnnouncement("");
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const file = inputRef.current?.files?.[0] ?? null;
    const refused = check(file);
    if (refused || !file) {
      setProblem(refused);
      inputRef.current?.focus();
      return;
    }
    const form = event.currentTarget;
    const name = file.name;
    setProblem(null);
    setPhase({ kind: "uploading", name, percent: 0 });
    setAnnouncement(t("handIn.uploading", { name, percent: 0 }));
    let announced = 0;
    let sent = false;
    sending.current = sendFormWithProgress(uploadUrl, new FormData(form), {
      onProgress: (percent) => {
        if (sent) return;
        setPhase({ kind: "uploading", name, percent });
        const step = Math.floor(percent / 10) * 10;
        if (step > announced) {
          announced = step;
          setAnnouncement(t("handIn.uploading", { name, percent: step }));
        }
      },
      onSent: () => {
        sent = true;
        setPhase({ kind: "checking", name });
        setAnnouncement(t("handIn.checking"));
      },
      onAnswer: (status, reply) => {
        sending.current = null;
        if (reply?.ok) {
          form.reset();
          setChosen(null);
          setPhase({ kind: "done", name });
          setAnnouncement(t("handIn.uploaded", { name }));
          // The new version, and the saved message the endpoint left, come with the page's data.
          revalidator.revalidate();
          return;
        }
        setPhase({ kind: "idle" });
        setAnnouncement("");
        // A proxy in front of the app may refuse a large body with its own (non-JSON) 413 page.
        const fallback = status === 413 ? encodeError({ code: "file_too_large", params: { max: maxFileMb } }) : "unknown";
        setProblem({ code: reply?.message ?? fallback });
        focusAfterRender.current = true;
      },
      onNetworkError: () => {
        sending.current = null;
        setPhase({ kind: "idle" });
        setAnnouncement("");
        setProblem({ key: "handIn.networkError" });
      },
      onAborted: () => {
        sending.current = null;
        if (!mounted.current) return;
        setPhase({ kind: "idle" });
        setAnnouncement(t("handIn.cancelled"));
        focusAfterRender.current = true;
        // A cancel at the last moment may still have reached the server: show what it kept.
        revalidator.revalidate();
      },
    });
  };

  const percent = phase.kind === "uploading" ? phase.percent : phase.kind === "idle" ? 0 : 100;
  const progressId = `progress-${requirementId}`;
  return (
    <form method="post" encType="multipart/form-data" action={pageUrl} onSubmit={onSubmit}>
      <fieldset className="plain-fieldset" disabled={disabled}>
        <input type="hidden" name="requirementId" value={requirementId} />
        <FileDropZone
          id={inputId}
          name="file"
          label={label}
          accept={acceptAttribute(kind)}
          inputRef={inputRef}
          chosen={chosen}
          errors={messages}
          errorId={errorId}
          disabled={busy}
          onChoose={choose}
        />
        {extra}
        {phase.kind !== "idle" ? (
          <div className="upload-progress">
            <label htmlFor={progressId}>
              {phase.kind === "done"
                ? t("handIn.uploaded", { name: phase.name })
                : t("handIn.progressLabel", { name: phase.name })}
            </label>
            <div className="upload-progress-bar">
              <progress id={progressId} max={100} value={percent} />
              <span aria-hidden="true">{t("handIn.percent", { percent })}</span>
            </div>
            {phase.kind === "checking" ? <p className="small muted">{t("handIn.checking")}</p> : null}
          </div>
        ) : null}
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>
        <div className="actions">
          <Button type="submit" variant="secondary" busy={busy}>
            {hasVersion ? t("submit.replace") : t("submit.send")}
          </Button>
          {phase.kind === "uploading" ? (
            <Button type="button" variant="link" onClick={() => sending.current?.abort()}>
              {t("handIn.cancel")}
            </Button>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}
