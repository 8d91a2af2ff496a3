// Tabs between the parts of the account settings.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function SettingsNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("settings.nav")} className="sub-nav">
      <ul>
        <li>
          <NavLink to="/settings" end>
            {t("settings.profileTab")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/settings/password">{t("settings.passwordTab")}</NavLink>
        </li>
        <li>
          <NavLink to="/settings/sessions">{t("settings.sessionsTab")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
