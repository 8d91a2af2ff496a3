// Every catalog has every key of the English one (with the plural forms its language needs),
// keeps every {{placeholder}}, and has no key English lacks.
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/domain/locale";
import { NAMESPACES } from "#app/i18n";
import { resources, type Catalog } from "#locales/index";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else if (Array.isArray(value)) value.forEach((v, i) => out.set(`${path}.${i}`, v));
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe.each(LANGUAGES.filter((l) => l !== "en"))("catalogs for %s", (language) => {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

  it.each([...NAMESPACES])("%s has every English key", (ns) => {
    const english = flatten(resources.en[ns]);
    const other = flatten(resources[language][ns]);
    const missing: string[] = [];
    const wrongPlaceholders: string[] = [];
    const pluralBases = new Set<string>();
    for (const [key, text] of english) {
      if (PLURAL.test(key)) {
        pluralBases.add(key.replace(PLURAL, ""));
        continue;
      }
      const translated = other.get(key);
      if (translated === undefined || translated.trim() === "") missing.push(key);
      else if (placeholders(translated).join() !== placeholders(text).join()) wrongPlaceholders.push(key);
    }
    for (const base of pluralBases) {
      for (const category of categories) {
        if (!other.get(`${base}_${category}`)?.trim()) missing.push(`${base}_${category}`);
      }
    }
    expect(missing, `missing in ${language}/${ns}`).toEqual([]);
    expect(wrongPlaceholders, `placeholders differ in ${language}/${ns}`).toEqual([]);
  });

  it.each([...NAMESPACES])("%s has no key that English lacks", (ns) => {
    const english = new Set([...flatten(resources.en[ns]).keys()].map((k) => k.replace(PLURAL, "")));
    const extra = [...flatten(resources[language][ns]).keys()].filter((k) => !english.has(k.replace(PLURAL, "")));
    expect(extra).toEqual([]);
  });
});

describe("the English catalog", () => {
  it("has the plural forms English needs", () => {
    const keys = [...flatten(resources.en.errors).keys(), ...flatten(resources.en.common).keys()];
    for (const key of keys.filter((k) => k.endsWith("_one"))) expect(keys).toContain(key.replace(/_one$/, "_other"));
  });
});
