// Organiser-written text in the viewer's language, as plain paragraphs (never HTML).
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";

export function LocalizedBlock({ text, language }: { text: LocalizedText; language: Language }) {
  const paragraphs = pickLocalized(text, language)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div lang={pickedLanguage(text, language)} className="prose">
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}
