// The questions a contest asks on its registration form: list, reorder, edit, remove, add, and a
// preview of the form as entrants will see it.
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionField } from "#app/components/QuestionField";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { QuestionEditor } from "#app/components/manage/QuestionEditor";
import { Button } from "#app/components/ui/Button";
import { isEditableConfiguration } from "#app/domain/contest-state";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { questionFieldName, questionFormSchema, toQuestionDefinition } from "#app/forms/questions";
import { redirectWithToast } from "#app/infra/toast.server";
import { addQuestion, deleteQuestion, loadQuestions, moveQuestion, updateQuestion } from "#app/services/questions.server";
import type { ServiceError } from "#app/services/result";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const questions = await loadQuestions(ctx, contest.id);
  return { contest, questions, editable: isEditableConfiguration(contest.state) };
}

// The service names fields as the domain does (options.1.label); the form as Conform does.
const onForm = (error: ServiceError): ServiceError => {
  const field = questionFieldName(error.field);
  return field ? { ...error, field } : { code: error.code, ...(error.params ? { params: error.params } : {}) };
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `/manage/${contest.id}/questions`;
  switch (intent) {
    case "add": {
      const extra = { intent, questionId: null };
      const submission = parseWithZod(formData, { schema: questionFormSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await addQuestion(ctx, contest.id, toQuestionDefinition(submission.value));
      if (!result.ok) return replyWithError(submission, onForm(result.error), { extra });
      return redirectWithToast(back, { kind: "success", key: "questions.added" });
    }
    case "update": {
      const questionId = parseId(String(formData.get("questionId") ?? ""));
      const extra = { intent, questionId };
      const submission = parseWithZod(formData, { schema: questionFormSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra });
      const result = await updateQuestion(ctx, contest.id, questionId, toQuestionDefinition(submission.value));
      if (!result.ok) return replyWithError(submission, onForm(result.error), { extra });
      return redirectWithToast(back, { kind: "success", key: "questions.updated" });
    }
    case "move-up":
    case "move-down":
    case "delete": {
      const questionId = parseId(String(formData.get("questionId") ?? ""));
      const result =
        intent === "delete"
          ? await deleteQuestion(ctx, contest.id, questionId)
          : await moveQuestion(ctx, contest.id, questionId, intent === "move-up" ? "up" : "down");
      if (!result.ok) return data({ intent, questionId, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: intent === "delete" ? "questions.deleted" : "questions.moved" });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function Questions() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, questions, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string, questionId: number | null) =>
    actionData && "result" in actionData && actionData.intent === intent && actionData.questionId === questionId
      ? actionData.result
      : undefined;
  const listError = actionData && "message" in actionData ? actionData.message : null;

  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("manage.questions")} />
      <p className="lead">{t("questions.intro")}</p>
      {editable ? null : (
        <p className="alert alert-info" role="status">
          {t("questions.readOnly")}
        </p>
      )}
      {listError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, listError)}
        </p>
      ) : null}

      <section className="card" aria-labelledby="questions-title">
        <h2 id="questions-title">{t("questions.listTitle")}</h2>
        {questions.length === 0 ? <p>{t("questions.none")}</p> : null}
        <ol className="plain-list">
          {questions.map((q, index) => {
            const label = pickLocalized(q.definition.label, language);
            const updateResult = resultFor("update", q.id);
            return (
              <li key={q.id}>
                <div className="row">
                  <span>
                    <span className="muted">{index + 1}. </span>
                    <strong lang={pickedLanguage(q.definition.label, language)}>{label}</strong>
                    <span className="badge">{t(`questionKind.${q.definition.kind}`)}</span>
                    <span className="muted small">
                      {" · "}
                      {q.definition.required ? t("questions.requiredShort") : t("questions.optionalShort")}
                      {" · "}
                      <code>{q.definition.key}</code>
                    </span>
                  </span>
                  {editable ? (
                    <div className="inline-form push-right">
                      {index > 0 ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="move-up" />
                          <input type="hidden" name="questionId" value={q.id} />
                          <Button type="submit" variant="secondary" aria-label={t("questions.moveUpNamed", { label })}>
                            {t("questions.moveUp")}
                          </Button>
                        </Form>
                      ) : null}
                      {index < questions.length - 1 ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="move-down" />
                          <input type="hidden" name="questionId" value={q.id} />
                          <Button type="submit" variant="secondary" aria-label={t("questions.moveDownNamed", { label })}>
                            {t("questions.moveDown")}
                          </Button>
                        </Form>
                      ) : null}
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="questionId" value={q.id} />
                        <Button type="submit" variant="link" aria-label={t("questions.removeNamed", { label })}>
                          {t("questions.remove")}
                        </Button>
                      </Form>
                    </div>
                  ) : null}
                </div>
                {editable ? (
                  <details open={Boolean(updateResult)}>
                    <summary>
                      {t("questions.edit")}
                      <span className="visually-hidden">: {label}</span>
                    </summary>
                    <QuestionEditor
                      key={JSON.stringify(q.definition)}
                      formId={`question-${q.id}`}
                      intent="update"
                      question={q}
                      lastResult={updateResult}
                      submitLabel={t("questions.save")}
                    />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      {editable ? (
        <section className="card" aria-labelledby="add-question-title">
          <h2 id="add-question-title">{t("questions.addTitle")}</h2>
          <QuestionEditor
            // A new key after each saved question starts the form afresh.
            key={questions.map((q) => q.id).join("-")}
            formId="add-question"
            intent="add"
            question={null}
            lastResult={resultFor("add", null)}
            submitLabel={t("questions.add")}
          />
        </section>
      ) : null}

      <section className="card" aria-labelledby="preview-title">
        <h2 id="preview-title">{t("questions.previewTitle")}</h2>
        <p className="field-hint">{t("questions.previewHint")}</p>
        {questions.length === 0 ? (
          <p>{t("questions.previewEmpty")}</p>
        ) : (
          // Disabled: the preview shows the controls but never sends anything.
          <fieldset disabled aria-labelledby="preview-title">
            {questions.map((q) => (
              <QuestionField key={q.id} definition={q.definition} name={`q_${q.definition.key}`} language={language} />
            ))}
          </fieldset>
        )}
      </section>
    </section>
  );
}
