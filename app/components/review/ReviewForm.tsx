// The judge's scoring form: a score and comment per criterion, feedback for the team, a
// confidential note, confidence. Autosaves with JavaScript; "Save draft" and the two-step
// "Submit review" are ordinary form posts, so the page also works without it.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import { CONFIDENCE_LEVELS } from "#app/domain/confidence";
import { confidenceOfInput, FEEDBACK_MAX, NOTE_MAX, valuesFromReview, type ReviewFormValues } from "#app/forms/review";
import { errorText } from "#app/utils/errors";
import { CriterionField, type CriterionForJudge } from "./Criterion";
import { SaveStatus } from "./SaveStatus";
import { useAutosave, type ReviewReply } from "./useAutosave";

export interface ReviewForJudge {
  status: "not_started" | "draft" | "submitted";
  version: number;
  feedback: string;
  note: string;
  confidence: number | null;
  submittedAt: string | null;
  scores: Record<string, { value: number | null; comment: string }>;
}

export function ReviewForm({
  assignmentId,
  criteria,
  review,
  reply,
  timeZone,
}: {
  assignmentId: number;
  criteria: CriterionForJudge[];
  review: ReviewForJudge;
  /** The answer to the last form post (Save draft, Submit), if any. */
  reply: ReviewReply | undefined;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const serverValues = useMemo(() => valuesFromReview(review), [review]);
  const auto = useAutosave({
    assignmentId,
    serverVersion: review.version,
    serverValues,
    initialValues: reply?.values ?? serverValues,
    restoreOnLoad: !reply,
  });
  const replyAsks = Boolean(reply && reply.intent === "confirm" && !Object.keys(reply.errors).length && !reply.formError);
  const [confirming, setConfirming] = useState(replyAsks);
  const [replyErrors, setReplyErrors] = useState<Record<string, string[]>>(reply?.errors ?? {});
  const panel = useRef<HTMLDivElement>(null);
  const firstError = useRef<string | null>(null);

  useEffect(() => {
    setReplyErrors(reply?.errors ?? {});
    setConfirming(replyAsks);
  }, [reply, replyAsks]);
  useEffect(() => {
    if (confirming) panel.current?.focus();
  }, [confirming]);

  const errors = { ...replyErrors, ...auto.errors };
  // After a refused post, take the keyboard to the first field that needs attention.
  const firstErrorField = criteria
    .flatMap((c) => [`score-${c.id}`, `comment-${c.id}`])
    .concat(["feedback", "note", "confidence"])
    .find((name) => errors[name]?.length);
  useEffect(() => {
    if (!reply || !firstErrorField || firstError.current === firstErrorField) return;
    firstError.current = firstErrorField;
    document.getElementById(firstErrorField)?.focus();
  }, [reply, firstErrorField]);

  const values = auto.values;
  const update = (field: string, patch: Partial<ReviewFormValues>) => {
    if (replyErrors[field]) setReplyErrors(({ [field]: _dropped, ...rest }) => rest);
    auto.change({ ...values, ...patch });
  };

  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "submit";
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value;
    if (intent === "save") {
      // With JavaScript a draft is saved in place: no reload, the status line says when.
      event.preventDefault();
      auto.flush();
    } else if (intent === "confirm") {
      event.preventDefault();
      auto.flush();
      setConfirming(true);
    } else {
      auto.cancel();
    }
  };

  const formError = reply?.formError && reply.formError !== "changed_by_someone_else" ? reply.formError : null;
  const conflict = auto.state.kind === "conflict" || reply?.formError === "changed_by_someone_else";
  return (
    <Form method="post" className="stack review-form" onSubmit={onSubmit} aria-labelledby="rubric-title">
      <input type="hidden" name="version" value={auto.version} />
      {conflict ? (
        <div className="alert alert-error" role="alert">
          <p>{t("review.conflictLong")}</p>
          <p>
            <a href={`/reviews/${assignmentId}`}>{t("review.reload")}</a>
          </p>
        </div>
      ) : null}
      {reply?.offline ? (
        <p className="alert alert-error" role="alert">
          {t("review.offlinePost")}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, formError)}
        </p>
      ) : null}
      {reply && Object.keys(reply.errors).length && !formError ? (
        <p className="alert alert-error" role="alert">
          {t("review.checkFields")}
        </p>
      ) : null}
      {auto.restored ? (
        <p className="alert alert-info" role="status">
          {t("review.restored")}
        </p>
      ) : null}
      {auto.olderDraft ? (
        <div className="alert alert-info" role="status">
          <p>
            {t("review.olderDraft")} <Time iso={new Date(auto.olderDraft.at).toISOString()} timeZone={timeZone} />
          </p>
          <div className="actions">
            <Button type="button" variant="secondary" onClick={auto.restoreOlder}>
              {t("review.useOlderDraft")}
            </Button>
            <Button type="button" variant="link" onClick={auto.dropOlder}>
              {t("review.discardOlderDraft")}
            </Button>
          </div>
        </div>
      ) : null}

      <h2 id="rubric-title">{t("review.rubric")}</h2>
      {criteria.map((c) => (
        <CriterionField
          key={c.id}
          criterion={c}
          score={values.scores[c.id] ?? ""}
          comment={values.comments[c.id] ?? ""}
          errors={errors}
          onChange={(field, value) =>
            field === "score"
              ? update(`score-${c.id}`, { scores: { ...values.scores, [c.id]: value } })
              : update(`comment-${c.id}`, { comments: { ...values.comments, [c.id]: value } })
          }
        />
      ))}

      <section className="card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t("review.overall")}</h2>
        <TextField
          name="feedback"
          label={t("review.feedback")}
          hint={t("review.feedbackHint")}
          rows={6}
          maxLength={FEEDBACK_MAX}
          value={values.feedback}
          errors={errors.feedback}
          onChange={(value) => update("feedback", { feedback: value })}
        />
        <TextField
          name="note"
          className="confidential"
          label={t("review.note")}
          hint={t("review.noteHint")}
          rows={4}
          maxLength={NOTE_MAX}
          value={values.note}
          errors={errors.note}
          onChange={(value) => update("note", { note: value })}
        />
        <ConfidenceField
          value={values.confidence}
          errors={errors.confidence}
          onChange={(value) => update("confidence", { confidence: value })}
        />
      </section>

      <div className="review-actions">
        <SaveStatus state={auto.state} timeZone={timeZone} />
        <div className="actions">
          <Button type="submit" name="intent" value="save" variant="secondary" busy={auto.state.kind === "saving"}>
            {t("review.saveDraft")}
          </Button>
          <Button type="submit" name="intent" value="confirm">
            {t("review.submit")}
          </Button>
        </div>
      </div>

      {confirming ? (
        <div className="card confirm-panel" role="region" aria-labelledby="confirm-title" tabIndex={-1} ref={panel}>
          <h2 id="confirm-title">{t("review.confirmTitle")}</h2>
          <p>{t("review.confirmText")}</p>
          <div className="actions">
            <Button type="submit" name="intent" value="submit" busy={submitting} disabled={auto.busy}>
              {t("review.confirmSubmit")}
            </Button>
            <a
              href="#rubric-title"
              className="btn btn-secondary"
              onClick={(e) => {
                e.preventDefault();
                setConfirming(false);
                document.getElementById("rubric-title")?.scrollIntoView();
              }}
            >
              {t("review.keepEditing")}
            </a>
          </div>
        </div>
      ) : null}
    </Form>
  );
}

/**
 * The judge's confidence as a labelled radio group: not given, low, medium or high, each with a
 * one-line hint. The first radio takes the focus when the field has an error.
 */
function ConfidenceField({
  value,
  errors,
  onChange,
}: {
  value: string;
  errors: string[] | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  // A value from an older page or draft (1–5) shows as its level.
  const chosen = confidenceOfInput(value);
  const options = [
    { value: "", id: "confidence", label: t("calibration.confidence.none"), hint: null },
    ...CONFIDENCE_LEVELS.map((level) => ({
      value: level as string,
      id: `confidence-${level}`,
      label: t(`calibration.confidence.level.${level}`),
      hint: t(`calibration.confidence.levelHint.${level}`),
    })),
  ];
  return (
    <fieldset
      className="field confidence-field"
      aria-describedby={["confidence-hint", errors?.length ? "confidence-error" : ""].filter(Boolean).join(" ")}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend>{t("review.confidence")}</legend>
      <p className="field-hint" id="confidence-hint">
        {t("calibration.confidence.hint")}
      </p>
      {options.map((o) => (
        <div key={o.id} className="field field-checkbox">
          <input
            type="radio"
            id={o.id}
            name="confidence"
            value={o.value}
            checked={o.value === "" ? chosen === null || chosen === "invalid" : chosen === o.value}
            onChange={() => onChange(o.value)}
            aria-describedby={o.hint ? `${o.id}-hint` : undefined}
          />
          <label htmlFor={o.id}>{o.label}</label>
          {o.hint ? (
            <p className="field-hint" id={`${o.id}-hint`}>
              {o.hint}
            </p>
          ) : null}
        </div>
      ))}
      <ErrorList id="confidence-error" errors={errors} />
    </fieldset>
  );
}

/** A labelled textarea with its hint and errors, for the review's feedback and note. */
function TextField(props: {
  name: "feedback" | "note";
  label: string;
  hint: string;
  rows: number;
  maxLength: number;
  value: string;
  errors: string[] | undefined;
  onChange: (value: string) => void;
  className?: string;
}) {
  const { name, errors } = props;
  return (
    <div className={props.className ? `field ${props.className}` : "field"}>
      <label htmlFor={name}>{props.label}</label>
      <p className="field-hint" id={`${name}-hint`}>
        {props.hint}
      </p>
      <textarea
        id={name}
        name={name}
        rows={props.rows}
        maxLength={props.maxLength}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[`${name}-hint`, errors?.length ? `${name}-error` : ""].filter(Boolean).join(" ")}
      />
      <ErrorList id={`${name}-error`} errors={errors} />
    </div>
  );
}
