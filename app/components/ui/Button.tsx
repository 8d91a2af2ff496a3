// The one button: primary or secondary, with a busy state while its form submits.
import type { ButtonHTMLAttributes } from "react";

export function Button({
  variant = "primary",
  busy = false,
  className,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" | "link"; busy?: boolean }) {
  return (
    <button
      {...rest}
      className={["btn", `btn-${variant}`, className].filter(Boolean).join(" ")}
      aria-busy={busy || undefined}
      disabled={rest.disabled || busy}
    >
      {children}
    </button>
  );
}
