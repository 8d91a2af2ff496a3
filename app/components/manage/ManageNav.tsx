// Tabs across an organiser's pages for one contest.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function ManageNav({ contestId }: { contestId: number }) {
  const { t } = useTranslation();
  const base = `/manage/${contestId}`;
  return (
    <nav aria-label={t("manage.nav")} className="sub-nav">
      <ul>
        <li>
          <NavLink to={base} end>
            {t("manage.overview")}
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/settings`}>{t("manage.settings")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/tracks`}>{t("manage.tracks")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/rounds`}>{t("manage.rounds")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/questions`}>{t("manage.questions")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/registrations`}>{t("manage.registrations")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/judges`}>{t("judging.judges.title")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/cohorts`}>{t("cohorts.title")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/heats`}>{t("heats.nav")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/votes`}>{t("votes.nav")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/audit`}>{t("audit.nav")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
