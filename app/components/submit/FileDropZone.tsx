// A labelled file input inside an area that also takes a dragged file. The input stays the way in
// by keyboard (Tab to it, Enter or Space opens the picker) and without JavaScript; a dropped file
// is put on the input, so the form sends it either way. The choice is announced politely.
import { useEffect, useId, useRef, useState, type DragEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { formatFileSize } from "./FileSize";

/** Files dropped beside a drop zone would make the browser leave the page to show them. */
function useNoStrayDrops() {
  useEffect(() => {
    const guard = (event: globalThis.DragEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(".dropzone")) return;
      if (event.dataTransfer?.types.includes("Files")) {
        event.preventDefault();
        if (event.type === "dragover") event.dataTransfer.dropEffect = "none";
      }
    };
    window.addEventListener("dragover", guard);
    window.addEventListener("drop", guard);
    return () => {
      window.removeEventListener("dragover", guard);
      window.removeEventListener("drop", guard);
    };
  }, []);
}

export function FileDropZone({
  id,
  name,
  label,
  accept,
  inputRef,
  chosen,
  errors,
  errorId,
  disabled = false,
  onChoose,
}: {
  id: string;
  name: string;
  label: string;
  accept: string;
  inputRef: RefObject<HTMLInputElement>;
  /** The file on the input now, if the page is live and one was chosen. */
  chosen: File | null;
  /** Messages about the file, already in the viewer's language. */
  errors: string[];
  errorId: string;
  disabled?: boolean;
  onChoose: (file: File | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const hintId = `${useId()}-hint`;
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the file left the zone.
  const depth = useRef(0);
  useNoStrayDrops();

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  const onDragEnter = (event: DragEvent) => {
    if (disabled || !hasFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setDragging(true);
  };
  const onDragOver = (event: DragEvent) => {
    if (disabled || !hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    depth.current = 0;
    setDragging(false);
    const file = event.dataTransfer.files[0];
    const input = inputRef.current;
    if (disabled || !file || !input) return;
    // Only the first file: each material takes one.
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    onChoose(file);
  };

  const invalid = errors.length > 0;
  return (
    <div
      className={["dropzone", dragging ? "is-dragging" : "", disabled ? "is-disabled" : ""].filter(Boolean).join(" ")}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={hintId}>
        {t("handIn.dropHint")}
      </p>
      <input
        ref={inputRef}
        id={id}
        type="file"
        name={name}
        required
        accept={accept}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
        onChange={(event) => onChoose(event.currentTarget.files?.[0] ?? null)}
      />
      <p className="dropzone-choice" aria-live="polite">
        {chosen ? t("handIn.chosen", { name: chosen.name, size: formatFileSize(chosen.size, i18n.language) }) : ""}
      </p>
      {invalid ? (
        <ul id={errorId} className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
