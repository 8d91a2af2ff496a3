// One round: its windows and options, the materials it asks for, and its rubric.
import { FormProvider, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { RoundFields } from "#app/components/manage/RoundFields";
import { RubricEditor, RubricTable } from "#app/components/manage/Rubric";
import { Button } from "#app/components/ui/Button";
import { CheckboxField, FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { JUDGING_MODES, MATERIAL_KINDS, materialSchema, roundModeSchema, roundSchema, roundShowSchema } from "#app/forms/contest";
import { ENTRY_METHODS, parseFormat } from "#app/domain/aggregation";
import { rubricEditSchema, rubricTemplateSchema } from "#app/forms/rubric";
import { roundCompleteness } from "#app/services/submissions.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { addMaterial, deleteMaterial, judgingModeLocked, roundFormValues, updateRound } from "#app/services/rounds.server";
import { loadRubric, rubricFormValues, setRoundRubric, toRubricDefinition } from "#app/services/rubrics.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";
import { ScrollTable } from "#app/components/ui/ScrollTable";

const roundUpdateSchema = roundSchema
  .and(z.object({ version: z.coerce.number().int().min(1) }))
  .and(roundShowSchema)
  .and(roundModeSchema);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const { rounds, tracks } = await loadStructure(ctx, contest.id);
  const round = rounds.find((r) => r.id === roundId);
  if (!round) throw new Response("Not found", { status: 404 });
  const rubric = round.rubricId ? await loadRubric(ctx.db, round.rubricId) : null;
  const [completeness, modeLocked] = await Promise.all([
    roundCompleteness(ctx, contest.id, roundId),
    judgingModeLocked(ctx, contest.id, roundId),
  ]);
  return {
    modeLocked,
    contest,
    round,
    values: roundFormValues(round, contest.timeZone),
    rubric,
    rubricValues: rubric ? rubricFormValues(rubric) : null,
    completeness: completeness.ok ? completeness.value : [],
    tracks,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `/manage/${contest.id}/rounds/${roundId}`;
  switch (intent) {
    case "update-round": {
      const submission = parseWithZod(formData, { schema: roundUpdateSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const { aggregationMethod, pitchFormat, ...rest } = submission.value;
      const show = { method: aggregationMethod, format: pitchFormat ? parseFormat(pitchFormat) : null };
      const result = await updateRound(ctx, contest.id, roundId, { ...rest, show });
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "manage.saved" });
    }
    case "add-material": {
      const submission = parseWithZod(formData, { schema: materialSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await addMaterial(ctx, contest.id, roundId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "manage.materialAdded" });
    }
    case "delete-material": {
      const result = await deleteMaterial(ctx, contest.id, parseId(String(formData.get("materialId") ?? "")));
      if (!result.ok) return data({ intent, message: encodeError(result.error) }, { status: 400 });
      return redirectWithToast(back, { kind: "success", key: "manage.materialDeleted" });
    }
    case "use-template": {
      const submission = parseWithZod(formData, { schema: rubricTemplateSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await setRoundRubric(ctx, contest.id, roundId, { template: submission.value.template });
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "manage.rubricSaved" });
    }
    case "edit-rubric": {
      const submission = parseWithZod(formData, { schema: rubricEditSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await setRoundRubric(ctx, contest.id, roundId, { definition: toRubricDefinition(submission.value) });
      if (!result.ok) {
        const problems = "problems" in result.error ? result.error.problems : [];
        const formErrors = problems.length
          ? problems.map((p) =>
              encodeError({
                code: p.code,
                params: { ...(p.params ?? {}), ...(p.criterion !== undefined ? { criterion: p.criterion + 1 } : {}) },
              }),
            )
          : [encodeError(result.error)];
        return data({ intent, result: submission.reply({ formErrors }) }, { status: 400 });
      }
      return redirectWithToast(back, { kind: "success", key: "manage.rubricSaved" });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function RoundPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, round, values, rubric, rubricValues, completeness, tracks, modeLocked } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent && "result" in actionData
      ? actionData.result
      : undefined;

  const [roundForm, roundFields] = useForm({
    id: `round-${round.id}-${values.version}`,
    lastResult: resultFor("update-round"),
    constraint: getZodConstraint(roundSchema),
    shouldValidate: "onBlur",
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundUpdateSchema }),
  });
  const [materialForm, materialFields] = useForm({
    id: `material-${round.id}`,
    lastResult: resultFor("add-material"),
    constraint: getZodConstraint(materialSchema),
    shouldValidate: "onBlur",
    defaultValue: { kind: "pitch_deck", required: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: materialSchema }),
  });
  const [templateForm, templateFields] = useForm({
    id: `template-${round.id}`,
    lastResult: resultFor("use-template"),
    defaultValue: { template: "general_startup" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rubricTemplateSchema }),
  });
  const deleteMessage = actionData && "message" in actionData ? actionData.message : null;

  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={pickLocalized(round.name, language)} />
      <p>
        <a href={`/manage/${contest.id}/rounds/${round.id}/assignments`}>{t("judging.assignments.link")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${round.id}/roadshow`}>{t("roadshow.link")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${round.id}/results`}>{t("results.link")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${round.id}/advancement`}>{t("advancement.link")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${round.id}/awards`}>{t("awards.link")}</a>
        {" · "}
        <a href={`/manage/${contest.id}/rounds/${round.id}/publish`}>{t("publication.link")}</a>
      </p>

      <div className="card">
        <h2>{t("manage.completeness")}</h2>
        <p className="actions">
          <a className="btn btn-secondary" href={`/manage/${contest.id}/rounds/${round.id}/materials.zip`} download>
            {t("roundMaterials.download")}
          </a>
        </p>
        <p className="field-hint">{t("roundMaterials.downloadHint")}</p>
        {completeness.length === 0 ? (
          <p>{t("manage.noEntriesYet")}</p>
        ) : (
          <ScrollTable label={t("manage.completeness")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("manage.tracks")}</th>
                  <th scope="col">{t("manage.entries")}</th>
                  <th scope="col">{t("manage.complete")}</th>
                  <th scope="col">{t("manage.missing")}</th>
                  <th scope="col">{t("manage.late")}</th>
                </tr>
              </thead>
              <tbody>
                {completeness.map((row) => {
                  const track = tracks.find((tr) => tr.id === row.trackId);
                  return (
                    <tr key={row.trackId}>
                      <th scope="row">{track ? pickLocalized(track.name, language) : row.trackId}</th>
                      <td>{row.entries}</td>
                      <td>{row.complete}</td>
                      <td>{row.missing}</td>
                      <td>{row.late}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </div>

      <div className="card">
        <h2>{t("manage.roundSettings")}</h2>
        <FormProvider context={roundForm.context}>
          <Form method="post" {...getFormProps(roundForm)}>
            <FormErrors id={roundForm.errorId} errors={roundForm.errors} />
            <input type="hidden" name="intent" value="update-round" />
            <input {...getInputProps(roundFields.version, { type: "hidden" })} key={roundFields.version.key} />
            <RoundFields fields={roundFields} timeZone={contest.timeZone} />
            <fieldset>
              <legend>{t("roadshow.settings.legend")}</legend>
              <SelectField
                meta={roundFields.aggregationMethod}
                label={t("roadshow.settings.method")}
                hint={t("roadshow.settings.methodHint")}
                options={ENTRY_METHODS.map((m) => ({ value: m, label: t(`roadshow.method.${m}`) }))}
              />
              <TextField
                meta={roundFields.pitchFormat}
                label={t("roadshow.settings.format")}
                hint={t("roadshow.settings.formatHint")}
              />
            </fieldset>
            <SelectField
              meta={roundFields.judgingMode}
              label={t("pairwise.settings.mode")}
              hint={modeLocked ? t("pairwise.settings.modeLocked") : t("pairwise.settings.modeHint")}
              options={JUDGING_MODES.map((m) => ({ value: m, label: t(`pairwise.settings.modes.${m}`) }))}
            />
            {round.judgingMode === "pairwise" ? (
              <p>
                <Link to={`/manage/${contest.id}/rounds/${round.id}/pairwise`}>{t("pairwise.settings.rankingLink")}</Link>
              </p>
            ) : null}
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("manage.save")}
            </Button>
          </Form>
        </FormProvider>
      </div>

      <div className="card">
        <h2>{t("manage.materials")}</h2>
        {deleteMessage ? (
          <p className="alert alert-error" role="alert">
            {errorText(t, deleteMessage)}
          </p>
        ) : null}
        {round.materials.length === 0 ? <p>{t("manage.noMaterials")}</p> : null}
        <ul className="plain-list">
          {round.materials.map((m) => (
            <li key={m.id} className="row">
              <span>
                <strong>{pickLocalized(m.label, language)}</strong> — {t(`materialKind.${m.kind}`)},{" "}
                {m.required ? t("manage.required") : t("manage.optional")}
                {m.maxSizeMb ? `, ${t("manage.maxSize", { mb: m.maxSizeMb })}` : ""}
                {m.maxPages ? `, ${t("manage.maxPages", { count: m.maxPages })}` : ""}
                {m.maxChars ? `, ${t("manage.maxChars", { count: m.maxChars })}` : ""}
              </span>
              <Form method="post" className="push-right">
                <input type="hidden" name="intent" value="delete-material" />
                <input type="hidden" name="materialId" value={m.id} />
                <Button
                  type="submit"
                  variant="link"
                  aria-label={t("manage.deleteNamed", { name: pickLocalized(m.label, language) })}
                >
                  {t("manage.delete")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
        <h3>{t("manage.addMaterial")}</h3>
        <FormProvider context={materialForm.context}>
          <Form method="post" {...getFormProps(materialForm)}>
            <FormErrors id={materialForm.errorId} errors={materialForm.errors} />
            <input type="hidden" name="intent" value="add-material" />
            <SelectField
              meta={materialFields.kind}
              label={t("manage.materialKind")}
              options={MATERIAL_KINDS.map((k) => ({ value: k, label: t(`materialKind.${k}`) }))}
            />
            <LocalizedFields meta={materialFields.label} label={t("manage.materialLabel")} />
            <CheckboxField meta={materialFields.required} label={t("manage.required")} />
            <TextField meta={materialFields.maxSizeMb} type="number" label={t("manage.maxSizeMb")} hint={t("manage.fileOnly")} />
            <TextField
              meta={materialFields.maxPages}
              type="number"
              label={t("manage.maxPagesLabel")}
              hint={t("manage.fileOnly")}
            />
            <TextField
              meta={materialFields.maxChars}
              type="number"
              label={t("manage.maxCharsLabel")}
              hint={t("manage.textOnly")}
            />
            <Button type="submit" variant="secondary">
              {t("manage.addMaterial")}
            </Button>
          </Form>
        </FormProvider>
      </div>

      <div className="card">
        <h2>{t("manage.rubric")}</h2>
        {rubric ? <RubricTable rubric={rubric} /> : <p>{t("manage.noRubric")}</p>}
        <FormProvider context={templateForm.context}>
          <Form method="post" className="inline-form" {...getFormProps(templateForm)}>
            <input type="hidden" name="intent" value="use-template" />
            <SelectField
              meta={templateFields.template}
              label={t("manage.rubricTemplate")}
              options={[
                { value: "general_startup", label: t("manage.templateGeneral") },
                { value: "china_national", label: t("manage.templateChina") },
              ]}
            />
            <Button type="submit" variant="secondary">
              {t("manage.useTemplate")}
            </Button>
          </Form>
        </FormProvider>
        {rubricValues ? (
          <RubricEditor key={`${rubric?.id}`} roundId={round.id} values={rubricValues} lastResult={resultFor("edit-rubric")} />
        ) : null}
      </div>
    </section>
  );
}
