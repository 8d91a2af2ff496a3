// How an invitee answers an emailed invitation (to a team, or to judge): accept or decline when
// signed in with the invited address, a note when signed in as someone else, sign-in links otherwise.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";

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
