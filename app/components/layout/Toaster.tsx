// Shows the one-time message carried across a redirect, in a live region.
import { useTranslation } from "react-i18next";

export interface ToastView {
  kind: "success" | "info" | "error";
  key: string;
  params?: Record<string, string | number> | undefined;
}

export function Toaster({ toast }: { toast: ToastView | null }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" className="toast-region">
      {toast ? <p className={`toast toast-${toast.kind}`}>{t(toast.key, toast.params)}</p> : null}
    </div>
  );
}
