// How an invitee answers an emailed invitation (to a team, to judge, to mentor): accept or decline
// when signed in with the invited address, a note when signed in as someone else, sign-in links
// otherwise; and the page around it, the same for every kind of invitation.
import type { ReactNode } from "react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { errorText } from "#app/utils/errors";

export function InvitationAnswer({
  email,
  signedInAs,
  back,
  text,
}: {
  /** The invited address. */
  email: string;
  /** The signed-in user's address, if any. */
  signedInAs: string | null;
  /** This page, URL-encoded, to come back to after signing in. */
  back: string;
  text: { accept: string; decline: string; otherAccount: string; signInFirst?: string };
}) {
  const { t } = useTranslation();
  if (signedInAs === email)
    return (
      <div className="actions">
        <Form method="post">
          <input type="hidden" name="answer" value="accept" />
          <Button type="submit">{text.accept}</Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="answer" value="decline" />
          <Button type="submit" variant="secondary">
            {text.decline}
          </Button>
        </Form>
      </div>
    );
  if (signedInAs) return <p className="alert alert-info">{text.otherAccount}</p>;
  return (
    <>
      {text.signInFirst ? <p>{text.signInFirst}</p> : null}
      <p className="actions">
        <Link className="btn btn-primary" to={`/login?redirectTo=${back}`}>
          {t("layout.signIn")}
        </Link>
        <Link className="btn btn-secondary" to={`/signup?redirectTo=${back}`}>
          {t("layout.signUp")}
        </Link>
      </p>
    </>
  );
}

/**
 * An invitation page: its title, then either why the link no longer works, or what the invitation
 * is (`children`), a refused answer's message, and the answer itself.
 */
export function InvitationPage({
  title,
  problem,
  message,
  invitation,
  signedInAs,
  text,
  children,
}: {
  title: string;
  /** Why the link cannot be used (expired, used, revoked), already in words. */
  problem: string | null;
  /** Why an answer was refused, already in words. */
  message: string | null;
  invitation: { email: string } | null;
  signedInAs: string | null;
  text: { accept: string; decline: string; otherAccount: string; signInFirst?: string };
  children: ReactNode;
}) {
  const location = useLocation();
  return (
    <section className="card narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{title}</h1>
      {problem ? (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      ) : invitation ? (
        <>
          {children}
          {message ? (
            <p className="alert alert-error" role="alert">
              {message}
            </p>
          ) : null}
          <InvitationAnswer
            email={invitation.email}
            signedInAs={signedInAs}
            back={encodeURIComponent(location.pathname)}
            text={text}
          />
        </>
      ) : null}
    </section>
  );
}

/**
 * The words of an invitation page whose catalog keys follow one layout under `ns` (judges, mentors,
 * heat organisers): title, accept, decline, otherAccount, signInFirst, and `revoked` for a link the
 * organisers withdrew (the shared `invitation_revoked` message speaks of a team).
 */
export function useInvitationWords(ns: string, email: string | null, signedInAs: string | null) {
  const { t } = useTranslation();
  return {
    title: t(`${ns}.title`),
    text: {
      accept: t(`${ns}.accept`),
      decline: t(`${ns}.decline`),
      otherAccount: t(`${ns}.otherAccount`, { email: email ?? "", current: signedInAs }),
      signInFirst: t(`${ns}.signInFirst`, { email: email ?? "" }),
    },
    problemText: (code: string) => (code === "invitation_revoked" ? t(`${ns}.revoked`) : errorText(t, code)),
  };
}
