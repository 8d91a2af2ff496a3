// Create a team; its creator becomes the lead.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TeamFields } from "#app/components/teams/TeamFields";
import { Button } from "#app/components/ui/Button";
import { FormErrors } from "#app/components/ui/Field";
import { countryOptions } from "#app/domain/countries";
import { teamSchema } from "#app/forms/team";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { createTeam } from "#app/services/teams.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";
import { rotatedSessionCookie } from "#app/utils/session-rotation.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requireUser(request);
  return { countries: countryOptions(user.preferred_language), country: user.country, verified: actor.emailVerified };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: teamSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const ctx = serviceContext(request, context, auth);
  const result = await createTeam(ctx, submission.value);
  if (!result.ok) return replyWithError(submission, result.error);
  // The creator becomes the team's lead: a new session goes with the new role.
  return redirectWithToast(`/teams/${result.value.id}`, { kind: "success", key: "teams.created" }, [
    await rotatedSessionCookie(ctx, auth),
  ]);
}

export default function NewTeam() {
  const { t } = useTranslation();
  const { countries, country, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-team",
    lastResult: actionData?.result,
    constraint: getZodConstraint(teamSchema),
    shouldValidate: "onBlur",
    defaultValue: { country, stage: "idea", foundersWomen: 0, foundersMen: 0, foundersOther: 0 },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: teamSchema }),
  });
  return (
    <section className="card narrow" aria-labelledby="new-team-title">
      <h1 id="new-team-title">{t("teams.newTitle")}</h1>
      <p className="lead">{t("teams.newIntro")}</p>
      {!verified ? (
        <p className="alert alert-info" role="status">
          {t("errors:email_not_verified")}
        </p>
      ) : null}
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TeamFields fields={fields} countries={countries} />
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("teams.create")}
          </Button>
        </Form>
      </FormProvider>
    </section>
  );
}
