// The link in the verification email. Opening it shows a button; only the POST confirms, so mail
// scanners that open links cannot use the token up.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { inspectVerificationToken, verifyEmail } from "#app/services/account.server";
import { rotatedSessionCookie } from "#app/utils/session-rotation.server";
import { errorText } from "#app/utils/errors";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const result = await inspectVerificationToken(serviceContext(request, context, null), params.token ?? "");
  if (!result.ok) return data({ email: null, problem: result.error.code }, { status: 400 });
  return { email: result.value.email, problem: null };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  const ctx = serviceContext(request, context, auth);
  const result = await verifyEmail(ctx, params.token ?? "");
  if (!result.ok) return data({ problem: result.error.code }, { status: 400 });
  if (auth && auth.user.id === result.value.userId) {
    // Verification raises what the account may do: a new session against fixation.
    return redirectWithToast("/", { kind: "success", key: "auth:verify.done" }, [await rotatedSessionCookie(ctx, auth)]);
  }
  return redirectWithToast(auth ? "/" : "/login", { kind: "success", key: "auth:verify.done" });
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const { email, problem } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <section className="card narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("auth:verify.title")}</h1>
      {problem ? (
        <>
          <p className="alert alert-error" role="alert">
            {errorText(t, problem)}
          </p>
          <p>
            <Link to="/">{t("auth:verify.askAgain")}</Link>
          </p>
        </>
      ) : (
        <Form method="post">
          <p>{t("auth:verify.intro", { email })}</p>
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("auth:verify.submit")}
          </Button>
        </Form>
      )}
    </section>
  );
}
