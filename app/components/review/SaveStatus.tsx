// The autosave's state in words, in a live region so a screen reader hears "Saved at 10:42".
import { useTranslation } from "react-i18next";
import { errorText } from "#app/utils/errors";
import type { SaveState } from "./useAutosave";

export function SaveStatus({ state, timeZone }: { state: SaveState; timeZone: string }) {
  const { t, i18n } = useTranslation();
  let text = "";
  let tone = "muted";
  switch (state.kind) {
    case "pending":
      text = t("review.unsavedChanges");
      break;
    case "saving":
      text = t("review.saving");
      break;
    case "saved":
      text = t("review.savedAt", {
        time: new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(state.at)),
      });
      tone = "save-ok";
      break;
    case "offline":
      text = t("review.offline");
      tone = "save-warn";
      break;
    case "conflict":
      text = t("review.conflict");
      tone = "save-error";
      break;
    case "failed":
      text = state.message ? `${t("review.notSaved")} ${errorText(t, state.message)}` : t("review.notSavedFields");
      tone = "save-error";
      break;
    case "idle":
      break;
  }
  return (
    <p className={`save-status ${tone}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
