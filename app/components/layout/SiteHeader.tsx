// The header on every page: the name, the main navigation and the language switcher.
import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { LanguageSwitcher } from "./LanguageSwitcher";

export interface HeaderUser {
  name: string;
  isAdmin: boolean;
  /** Where the "Judging" link goes, for judges of a contest. */
  judgingHref?: string | null;
  /** Where the "Mentoring" link goes, for mentors of a contest. */
  mentoringHref?: string | null;
}

export function SiteHeader({ user, language }: { user: HeaderUser | null; language: Language }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ▲
          </span>{" "}
          Trellis
        </Link>
        <nav aria-label={t("layout.mainNav")} className="main-nav">
          <ul>
            {user ? (
              <>
                <li>
                  <NavLink to="/" end>
                    {t("layout.home")}
                  </NavLink>
                </li>
                {user.judgingHref ? (
                  <li>
                    <NavLink to={user.judgingHref}>{t("judging.nav")}</NavLink>
                  </li>
                ) : null}
                {user.mentoringHref ? (
                  <li>
                    <NavLink to={user.mentoringHref}>{t("mentoring.nav")}</NavLink>
                  </li>
                ) : null}
                {user.isAdmin ? (
                  <>
                    <li>
                      <NavLink to="/admin/mailbox">{t("layout.mailbox")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/admin/audit">{t("audit.nav")}</NavLink>
                    </li>
                  </>
                ) : null}
                <li>
                  <NavLink to="/settings">{t("layout.account")}</NavLink>
                </li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="btn btn-link">
                      {t("layout.signOut")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login">{t("layout.signIn")}</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">{t("layout.signUp")}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <LanguageSwitcher current={language} />
      </div>
    </header>
  );
}
