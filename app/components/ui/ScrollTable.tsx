// A wide table that scrolls sideways on a phone: the scrolling region is named and can take the
// keyboard's focus, so a keyboard user can scroll it too (axe: scrollable-region-focusable).
import type { ReactNode } from "react";

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
