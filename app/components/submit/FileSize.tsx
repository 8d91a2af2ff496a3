// A file's size in the viewer's language ("1.2 MB"). Server and browser ICU may word units
// differently, so the browser keeps the server's text rather than calling it a mismatch.
import { useTranslation } from "react-i18next";
import { sizeInUnits } from "#app/domain/upload-precheck";

export function formatFileSize(bytes: number, locale: string): string {
  const { value, unit } = sizeInUnits(bytes);
  // "892 bytes" reads better than "892 byte"; larger units keep their short names ("1.5 MB").
  const unitDisplay = unit === "byte" ? "long" : "short";
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay, maximumFractionDigits: 1 }).format(value);
}

export function FileSize({ bytes }: { bytes: number }) {
  const { i18n } = useTranslation();
  return <span suppressHydrationWarning>{formatFileSize(bytes, i18n.language)}</span>;
}
