// The mentor's (or an organiser's) view of a submitted check-in's assessment: the status and note
// as set, and for them the form to set it. The team sees the status and the note, never the form.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextAreaField } from "#app/components/ui/Field";
import { MENTOR_NOTE_MAX, MENTOR_STATUSES, mentorReviewSchema } from "#app/forms/checkins";
import type { MentorStatus } from "#db/schema";
import { MentorStatusBadge } from "./Badges";

export function MentorAssessment({
  status,
  note,
  mentorName,
  mentorAt,
  timeZone,
}: {
  status: MentorStatus | null;
  note: string | null;
  mentorName: string | null;
  mentorAt: string | null;
  timeZone: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p>
        {t("checkins.mentor.status")}: <MentorStatusBadge status={status} />
      </p>
      {note ? <p className="review-text">{note}</p> : null}
      {mentorAt ? (
        <p className="muted small">
          {t("checkins.mentor.by", { name: mentorName ?? "—" })} · <Time iso={mentorAt} timeZone={timeZone} />
        </p>
      ) : null}
    </div>
  );
}

export function MentorReviewForm({
  status,
  note,
  lastResult,
}: {
  status: MentorStatus | null;
  note: string | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "mentor-review",
    lastResult,
    constraint: getZodConstraint(mentorReviewSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { mentorStatus: status ?? "", mentorNote: note ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mentorReviewSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "review";
  return (
    <FormProvider context={form.context}>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="review" />
        <SelectField
          meta={fields.mentorStatus}
          label={t("checkins.mentor.status")}
          options={[
            { value: "", label: t("checkins.mentor.choose") },
            ...MENTOR_STATUSES.map((s) => ({ value: s, label: t(`checkins.mentorStatus.${s}`) })),
          ]}
        />
        <TextAreaField
          meta={fields.mentorNote}
          label={t("checkins.mentor.note")}
          hint={t("checkins.mentor.noteHint", { max: MENTOR_NOTE_MAX })}
          rows={4}
        />
        <div>
          <Button type="submit" busy={busy}>
            {t("checkins.mentor.save")}
          </Button>
        </div>
      </Form>
    </FormProvider>
  );
}
