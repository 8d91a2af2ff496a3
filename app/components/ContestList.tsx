// The open and upcoming contests, for the home page.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { Deadline } from "./Deadline";

export interface ContestSummary {
  slug: string;
  state: string;
  timeZone: string;
  name: LocalizedText;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  upcoming: boolean;
}

export function ContestList({ contests, viewerTimeZone }: { contests: ContestSummary[]; viewerTimeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <section className="card" aria-labelledby="contests-title">
      <h2 id="contests-title">{t("home.contestsTitle")}</h2>
      {contests.length === 0 ? <p>{t("home.noContests")}</p> : null}
      <ul className="contest-list">
        {contests.map((c) => (
          <li key={c.slug}>
            <Link to={`/contests/${c.slug}`} lang={pickedLanguage(c.name, language)}>
              {pickLocalized(c.name, language)}
            </Link>{" "}
            <span className={`state state-${c.state}`}>{c.upcoming ? t("home.upcoming") : t(`contestState.${c.state}`)}</span>
            {c.state === "registration_open" && c.registrationClosesAt ? (
              <p className="muted small">
                {t("home.registrationCloses")}{" "}
                <Deadline iso={c.registrationClosesAt} viewerTimeZone={viewerTimeZone} contestTimeZone={c.timeZone} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
