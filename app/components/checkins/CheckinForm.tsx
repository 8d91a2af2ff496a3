// The team's check-in form for one period: money with its currency, headcounts, customers, jobs and
// IP, each milestone's status with a short note, what went well and what blocks the team. "Save
// draft" keeps a partial report; "Submit" checks that every figure is there. A plain form post.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextAreaField, TextField } from "#app/components/ui/Field";
import { MILESTONE_STATUSES, MILESTONE_NOTE_MAX, TEXT_MAX, checkinSchema } from "#app/forms/checkins";
import type { MilestoneStatus } from "#db/schema";
import { DateOnlyText } from "./Badges";

export interface CheckinFormValues {
  revenue: number | null;
  revenueCurrency: string | null;
  funding: number | null;
  fundingCurrency: string | null;
  employees: number | null;
  womenEmployees: number | null;
  customers: number | null;
  jobsCreated: number | null;
  ipFiled: number | null;
  wentWell: string | null;
  blockers: string | null;
}

export interface MilestoneForForm {
  id: number;
  title: string;
  dueOn: string | null;
  status: MilestoneStatus;
  update: { status: MilestoneStatus; note: string | null } | null;
}

const str = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function CheckinForm({
  checkin,
  version,
  submitted,
  milestones,
  currencies,
  reportingCurrency,
  lastResult,
}: {
  checkin: CheckinFormValues | null;
  version: number;
  submitted: boolean;
  milestones: MilestoneForForm[];
  currencies: ReadonlyArray<{ value: string; label: string }>;
  reportingCurrency: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "checkin",
    lastResult,
    constraint: getZodConstraint(checkinSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      version: String(version),
      revenue: str(checkin?.revenue),
      revenueCurrency: checkin?.revenueCurrency ?? reportingCurrency,
      funding: str(checkin?.funding),
      fundingCurrency: checkin?.fundingCurrency ?? reportingCurrency,
      employees: str(checkin?.employees),
      womenEmployees: str(checkin?.womenEmployees),
      customers: str(checkin?.customers),
      jobsCreated: str(checkin?.jobsCreated),
      ipFiled: str(checkin?.ipFiled),
      wentWell: checkin?.wentWell ?? "",
      blockers: checkin?.blockers ?? "",
      milestones: milestones.map((m) => ({
        id: String(m.id),
        status: m.update?.status ?? m.status,
        note: m.update?.note ?? "",
      })),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkinSchema }),
  });
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const currencyOptions = [{ value: "", label: t("checkins.form.chooseCurrency") }, ...currencies];
  const statusOptions = MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`checkins.milestoneStatus.${s}`) }));
  const milestoneFields = fields.milestones.getFieldList();

  return (
    <FormProvider context={form.context}>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.version.name} value={String(version)} />

        <fieldset className="card stack checkin-group">
          <legend>
            <h2>{t("checkins.form.money")}</h2>
          </legend>
          <p className="field-hint">{t("checkins.form.moneyHint", { currency: reportingCurrency })}</p>
          <div className="grid-2">
            <TextField meta={fields.revenue} label={t("checkins.kpi.revenue")} type="number" step="0.01" />
            <SelectField meta={fields.revenueCurrency} label={t("checkins.kpi.revenueCurrency")} options={currencyOptions} />
          </div>
          <div className="grid-2">
            <TextField meta={fields.funding} label={t("checkins.kpi.funding")} type="number" step="0.01" />
            <SelectField meta={fields.fundingCurrency} label={t("checkins.kpi.fundingCurrency")} options={currencyOptions} />
          </div>
        </fieldset>

        <fieldset className="card stack checkin-group">
          <legend>
            <h2>{t("checkins.form.people")}</h2>
          </legend>
          <div className="grid-2">
            <TextField
              meta={fields.employees}
              label={t("checkins.kpi.employees")}
              hint={t("checkins.kpi.employeesHint")}
              type="number"
              step="1"
            />
            <TextField
              meta={fields.womenEmployees}
              label={t("checkins.kpi.womenEmployees")}
              hint={t("checkins.kpi.womenEmployeesHint")}
              type="number"
              step="1"
            />
            <TextField
              meta={fields.customers}
              label={t("checkins.kpi.customers")}
              hint={t("checkins.kpi.customersHint")}
              type="number"
              step="1"
            />
            <TextField
              meta={fields.jobsCreated}
              label={t("checkins.kpi.jobsCreated")}
              hint={t("checkins.kpi.jobsCreatedHint")}
              type="number"
              step="1"
            />
            <TextField
              meta={fields.ipFiled}
              label={t("checkins.kpi.ipFiled")}
              hint={t("checkins.kpi.ipFiledHint")}
              type="number"
              step="1"
            />
          </div>
        </fieldset>

        {milestones.length ? (
          <fieldset className="card stack checkin-group">
            <legend>
              <h2>{t("checkins.form.milestones")}</h2>
            </legend>
            {milestoneFields.map((item, i) => {
              const milestone = milestones[i];
              if (!milestone) return null;
              const f = item.getFieldset();
              return (
                <div key={item.key} className="stack">
                  <h3>
                    {milestone.title}
                    {milestone.dueOn ? (
                      <span className="muted small">
                        {" "}
                        · {t("checkins.form.milestoneDue")} <DateOnlyText value={milestone.dueOn} />
                      </span>
                    ) : null}
                  </h3>
                  <input type="hidden" name={f.id.name} value={String(milestone.id)} />
                  <div className="grid-2">
                    <SelectField
                      meta={f.status}
                      label={t("checkins.form.milestoneStatus", { title: milestone.title })}
                      options={statusOptions}
                    />
                    <TextField
                      meta={f.note}
                      label={t("checkins.form.milestoneNote", { title: milestone.title })}
                      hint={t("checkins.form.maxChars", { max: MILESTONE_NOTE_MAX })}
                    />
                  </div>
                </div>
              );
            })}
          </fieldset>
        ) : null}

        <fieldset className="card stack checkin-group">
          <legend>
            <h2>{t("checkins.form.narrative")}</h2>
          </legend>
          <TextAreaField
            meta={fields.wentWell}
            label={t("checkins.kpi.wentWell")}
            hint={t("checkins.form.maxChars", { max: TEXT_MAX })}
          />
          <TextAreaField
            meta={fields.blockers}
            label={t("checkins.kpi.blockers")}
            hint={t("checkins.form.maxChars", { max: TEXT_MAX })}
          />
        </fieldset>

        <p className="field-hint">{submitted ? t("checkins.form.editSubmittedHint") : t("checkins.form.submitHint")}</p>
        <div className="actions">
          {submitted ? null : (
            <Button type="submit" name="intent" value="save" variant="secondary" busy={busy("save")}>
              {t("checkins.form.saveDraft")}
            </Button>
          )}
          <Button type="submit" name="intent" value="submit" busy={busy("submit")}>
            {submitted ? t("checkins.form.saveChanges") : t("checkins.form.submit")}
          </Button>
        </div>
      </Form>
    </FormProvider>
  );
}
