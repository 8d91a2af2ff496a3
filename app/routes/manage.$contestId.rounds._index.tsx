// A contest's rounds in order, and a form to add the next one.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { RoundFields } from "#app/components/manage/RoundFields";
import { Button } from "#app/components/ui/Button";
import { FormErrors } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { roundSchema } from "#app/forms/contest";
import { redirectWithToast } from "#app/infra/toast.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { addRound } from "#app/services/rounds.server";
import { requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const { rounds } = await loadStructure(ctx, contest.id);
  return { contest, rounds, viewerTimeZone: auth.user.time_zone };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const submission = parseWithZod(await request.formData(), { schema: roundSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await addRound(ctx, contest.id, submission.value);
  if (!result.ok) return replyWithError(submission, result.error);
  return redirectWithToast(`/manage/${contest.id}/rounds/${result.value.id}`, { kind: "success", key: "manage.roundAdded" });
}

export default function Rounds() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, rounds, viewerTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "add-round",
    lastResult: actionData?.result,
    constraint: getZodConstraint(roundSchema),
    shouldValidate: "onBlur",
    defaultValue: { judgesPerEntry: 3 },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundSchema }),
  });
  const when = (iso: string | null) => (iso ? <Time iso={iso} timeZone={viewerTimeZone} /> : t("manage.notSet"));
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("manage.rounds")} />
      <div className="card">
        {rounds.length === 0 ? <p>{t("manage.noRounds")}</p> : null}
        <ol className="round-list">
          {rounds.map((round) => (
            <li key={round.id}>
              <Link to={`/manage/${contest.id}/rounds/${round.id}`}>{pickLocalized(round.name, language)}</Link>
              <span className="muted">
                {" "}
                — {t("manage.submissionWindow")}: {when(round.submissionOpensAt)} → {when(round.submissionClosesAt)};{" "}
                {t("manage.materialsCount", { count: round.materials.length })};{" "}
                {round.rubricId ? t("manage.hasRubric") : t("manage.noRubric")}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <div className="card narrow">
        <h2>{t("manage.addRound")}</h2>
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <RoundFields fields={fields} timeZone={contest.timeZone} />
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("manage.addRound")}
            </Button>
          </Form>
        </FormProvider>
      </div>
    </section>
  );
}
