// A team's entry in several languages: its one-line pitch, description, registration answers and
// handed-in text answers, each with its original and translations. Members of the team only; each
// text may change while its deadline allows (see app/services/entry-texts.server.ts).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import {
  EntryTextVersionsForm,
  SAVE_TEXTS_INTENT,
  type TextFormReply,
  type VersionRow,
} from "#app/components/teams/EntryTextVersionsForm";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { entryTextsForTeam, saveEntryTexts } from "#app/services/entry-texts.server";
import { encodeError } from "#app/utils/errors";
import { materialLanguageNames, materialLanguageOptions } from "#app/utils/language-names.server";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const result = await entryTextsForTeam(ctx, parseId(params.entryId));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  return {
    page: result.value,
    languageOptions: materialLanguageOptions(language),
    languageNames: materialLanguageNames(language),
    timeZone: auth.user.time_zone,
  };
}

// More rows than there are languages is never a form of ours; they are read only this far.
const MAX_ROWS = 20;
const ROW_FIELD = /^translations\.(\d{1,2})\.(language|text|remove)$/;

const stringOf = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

function readRows(formData: FormData): VersionRow[] {
  const rows: VersionRow[] = [];
  for (const name of new Set(formData.keys())) {
    const match = ROW_FIELD.exec(name);
    if (!match || Number(match[1]) >= MAX_ROWS) continue;
    const i = Number(match[1]);
    while (rows.length <= i) rows.push({ language: "", text: "" });
    const value = formData.get(name);
    if (match[2] === "remove") rows[i]!.remove = stringOf(value) !== "";
    else rows[i]![match[2] as "language" | "text"] = stringOf(value);
  }
  return rows;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const entryId = parseId(params.entryId);
  const formData = await request.formData();
  const field = stringOf(formData.get("field"));
  const ref = stringOf(formData.get("ref"));
  const hasOriginal = formData.has("original.language") || formData.has("original.text");
  const original: VersionRow | null = hasOriginal
    ? { language: stringOf(formData.get("original.language")), text: stringOf(formData.get("original.text")) }
    : null;
  const translations = readRows(formData);
  const values = { original, translations };
  const reply = (status: number, patch: Partial<TextFormReply>) =>
    data<TextFormReply>({ field, ref, values, errors: {}, formError: null, ...patch }, { status });
  if (formData.get("intent") !== SAVE_TEXTS_INTENT) return reply(400, { formError: "invalid_choice" });
  const result = await saveEntryTexts(serviceContext(request, context, auth), entryId, {
    field,
    ref,
    basis: formData.get("basis"),
    original: original ?? undefined,
    translations: translations.map((row) => ({ language: row.language, text: row.text, remove: row.remove ? "on" : "" })),
  });
  if (!result.ok) {
    if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
    const status = result.error.code === "changed_by_someone_else" || result.error.code === "entryTexts.locked" ? 409 : 400;
    const problems = "problems" in result.error ? result.error.problems : undefined;
    if (problems) {
      const errors: Record<string, string[]> = {};
      let formError: string | null = null;
      for (const [name, code] of Object.entries(problems)) {
        if (name === "form") formError = code;
        else errors[name] = [code];
      }
      return reply(status, { errors, formError });
    }
    return reply(status, { formError: encodeError(result.error) });
  }
  return redirectWithToast(`/entries/${entryId}/texts`, { kind: "success", key: "entryTexts.saved" });
}

export default function EntryTextsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, languageOptions, languageNames, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() ?? null;
  const navigation = useNavigation();
  const busyFor = (field: string, ref: string) =>
    navigation.state === "submitting" && navigation.formData?.get("field") === field && navigation.formData?.get("ref") === ref;
  const replyFor = (field: string, ref: string) => (reply && reply.field === field && reply.ref === ref ? reply : null);
  const section = (field: string) => page.forms.filter((f) => f.field === field);
  const formOf = (f: (typeof page.forms)[number], idPrefix: string) => (
    <EntryTextVersionsForm
      key={`${f.field}-${f.ref}-${f.basis}`}
      form={f}
      idPrefix={idPrefix}
      languageNames={languageNames}
      languageOptions={languageOptions}
      reply={replyFor(f.field, f.ref)}
      busy={busyFor(f.field, f.ref)}
    />
  );
  const answers = section("answer");
  const materials = section("material");
  return (
    <section className="stack" aria-labelledby="texts-title">
      <header>
        <p className="eyebrow">
          <Link to={`/teams/${page.teamId}`}>{t("submit.backToTeam")}</Link>
        </p>
        <h1 id="texts-title">{t("entryTexts.pageTitle", { code: page.code })}</h1>
        <p>{t("entryTexts.intro")}</p>
        {page.withdrawn ? (
          <p className="alert alert-info" role="status">
            {t("errors:entry_withdrawn")}
          </p>
        ) : page.locksAt ? (
          <p className="small muted">
            {t("entryTexts.editableUntil")} <Time iso={page.locksAt} timeZone={timeZone} />
          </p>
        ) : null}
      </header>
      {section("pitch").map((f) => (
        <section key="pitch" className="card" aria-labelledby="texts-pitch">
          <h2 id="texts-pitch">{t("entryTexts.pitch")}</h2>
          {formOf(f, "pitch")}
        </section>
      ))}
      {section("description").map((f) => (
        <section key="description" className="card" aria-labelledby="texts-description">
          <h2 id="texts-description">{t("entryTexts.description")}</h2>
          {formOf(f, "description")}
        </section>
      ))}
      {answers.length > 0 ? (
        <section className="card stack" aria-labelledby="texts-answers">
          <h2 id="texts-answers">{t("entryTexts.answersTitle")}</h2>
          {answers.map((f) => (
            <Fragment key={f.ref}>
              <h3 lang={f.label ? pickedLanguage(f.label, language) : undefined}>
                {f.label ? pickLocalized(f.label, language) : f.ref}
              </h3>
              {formOf(f, `answer-${f.ref}`)}
            </Fragment>
          ))}
        </section>
      ) : null}
      {materials.length > 0 ? (
        <section className="card stack" aria-labelledby="texts-materials">
          <h2 id="texts-materials">{t("entryTexts.materialsTitle")}</h2>
          {materials.map((f) => (
            <Fragment key={f.ref}>
              <h3>
                {f.label ? <span lang={pickedLanguage(f.label, language)}>{pickLocalized(f.label, language)}</span> : null}
                {f.round ? <span className="muted small"> · {pickLocalized(f.round, language)}</span> : null}
              </h3>
              {formOf(f, `material-${f.ref}`)}
            </Fragment>
          ))}
        </section>
      ) : null}
    </section>
  );
}
