// A team's milestones: a table for its mentors and the organisers, and for the team one small form
// per milestone (due date, status, the day it was done) plus a form to add one of its own.
import { FormProvider, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { milestoneName, type TemplateMilestone } from "#app/domain/cohorts";
import type { Language } from "#app/domain/locale";
import { milestoneAddSchema, milestoneUpdateSchema } from "#app/forms/cohorts";
import type { MilestoneStatus } from "#db/schema";
import { Day } from "./Day";

export interface MilestoneItem {
  id: number;
  templateKey: string | null;
  title: string;
  dueOn: string | null;
  status: MilestoneStatus;
  doneOn: string | null;
}

const STATUSES: readonly MilestoneStatus[] = ["planned", "in_progress", "done", "dropped"];

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useTranslation();
  const tone = status === "done" ? "status-done" : status === "dropped" ? "" : "status-draft";
  return <span className={`status ${tone}`}>{t(`cohorts.milestoneStatus.${status}`)}</span>;
}

export function MilestoneTable({
  milestones,
  template,
}: {
  milestones: readonly MilestoneItem[];
  template: TemplateMilestone[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{t("cohorts.milestonesTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("cohorts.milestone")}</th>
            <th scope="col">{t("cohorts.dueOn")}</th>
            <th scope="col">{t("cohorts.status")}</th>
            <th scope="col">{t("cohorts.doneOn")}</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id}>
              <th scope="row">{milestoneName(m, template, language)}</th>
              <td>{m.dueOn ? <Day value={m.dueOn} /> : <span className="muted">{t("cohorts.noDueDate")}</span>}</td>
              <td>
                <MilestoneStatusBadge status={m.status} />
              </td>
              <td>{m.doneOn ? <Day value={m.doneOn} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One milestone the team edits. */
export function MilestoneEditor({
  milestone,
  template,
  lastResult,
}: {
  milestone: MilestoneItem;
  template: TemplateMilestone[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const navigation = useNavigation();
  const name = milestoneName(milestone, template, language);
  const headingId = `milestone-${milestone.id}-title`;
  const [form, fields] = useForm({
    id: `milestone-${milestone.id}`,
    lastResult,
    constraint: getZodConstraint(milestoneUpdateSchema),
    shouldValidate: "onBlur",
    defaultValue: {
      milestoneId: milestone.id,
      dueOn: milestone.dueOn ?? "",
      status: milestone.status,
      doneOn: milestone.doneOn ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: milestoneUpdateSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("milestoneId") === String(milestone.id);
  return (
    <li className="stack milestone">
      <h3 id={headingId}>
        {name} <MilestoneStatusBadge status={milestone.status} />
      </h3>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} aria-labelledby={headingId}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="update-milestone" />
          <input {...getInputProps(fields.milestoneId, { type: "hidden" })} key={fields.milestoneId.key} />
          <div className="grid-4">
            <TextField meta={fields.dueOn} type="date" label={t("cohorts.dueOn")} />
            <SelectField
              meta={fields.status}
              label={t("cohorts.status")}
              options={STATUSES.map((s) => ({ value: s, label: t(`cohorts.milestoneStatus.${s}`) }))}
            />
            <TextField meta={fields.doneOn} type="date" label={t("cohorts.doneOn")} />
          </div>
          <Button type="submit" variant="secondary" busy={busy} aria-label={t("cohorts.saveMilestone", { milestone: name })}>
            {t("cohorts.save")}
          </Button>
        </Form>
      </FormProvider>
    </li>
  );
}

export function AddMilestone({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "add-milestone",
    lastResult,
    constraint: getZodConstraint(milestoneAddSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: milestoneAddSchema }),
  });
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} aria-labelledby="add-milestone-title" className="narrow-form">
        <h3 id="add-milestone-title">{t("cohorts.addOwnMilestone")}</h3>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="add-milestone" />
        <TextField meta={fields.title} label={t("cohorts.milestoneTitle")} hint={t("cohorts.milestoneTitleHint")} />
        <TextField meta={fields.dueOn} type="date" label={t("cohorts.dueOn")} />
        <Button type="submit" busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "add-milestone"}>
          {t("cohorts.addMilestoneButton")}
        </Button>
      </Form>
    </FormProvider>
  );
}
