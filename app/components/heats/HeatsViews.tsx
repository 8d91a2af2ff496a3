// The heats page's views: the final's (heats, finalists by track, ties, wild cards, quotas, heat
// organisers, new heats) and a heat's own (what it sends). The route holds the loader and action.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import { ScrollTable } from "#app/components/ui/ScrollTable";
import type { Finalist, HeatRefusal } from "#app/domain/heats";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import {
  defaultQuotaSchema,
  heatOrganiserSchema,
  newHeatSchema,
  quotaRuleSchema,
  tieDecisionSchema,
  wildCardSchema,
} from "#app/forms/heats";
import type { EntryLabel, HeatOwnPage, HeatsPage } from "#app/services/heats.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseWithZod } from "#app/utils/form";

/** What the views need from the loader besides the page itself. */
export interface HeatsData {
  viewerTimeZone: string;
  /** The inviter's language: the invitation email's language unless they choose another. */
  inviterLanguage: Language;
  invitationDays: number;
  timeZones: string[];
  countries: Array<{ code: string; name: string }>;
}

const HeatsDataContext = createContext<HeatsData | null>(null);
export const HeatsDataProvider = HeatsDataContext.Provider;
function useHeatsData(): HeatsData {
  const value = useContext(HeatsDataContext);
  if (!value) throw new Error("The heats views need a HeatsDataProvider");
  return value;
}

export type ActionReply = { formKey: string | null; result?: SubmissionResult<string[]>; message?: string };

function useHeatForm<S extends z.ZodTypeAny>(key: string, schema: S, defaultValue?: Record<string, string>) {
  const actionData = useActionData() as ActionReply | undefined;
  return useForm<z.input<S>>({
    id: `heats-${key}`,
    lastResult: actionData?.formKey === key ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    // Clear an error while the user fixes it, so the form does not shift under the next click.
    shouldRevalidate: "onInput",
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

function name(text: LocalizedText, language: Language) {
  return <span lang={pickedLanguage(text, language)}>{pickLocalized(text, language)}</span>;
}

function basisText(t: TFunction, f: Finalist) {
  switch (f.basis.kind) {
    case "quota":
      return t("heats.basis.quota", { place: f.basis.place });
    case "tie":
      return t("heats.basis.tie", { place: f.basis.place, reason: f.basis.reason });
    case "wild_card":
      return f.basis.place === null
        ? t("heats.basis.wildCardUnranked", { reason: f.basis.reason })
        : t("heats.basis.wildCard", { place: f.basis.place, reason: f.basis.reason });
  }
}

function entryText(e: EntryLabel | undefined, id: number) {
  return e ? `${e.code} · ${e.teamName}` : `#${id}`;
}

export function FinalView({ page }: { page: HeatsPage }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { viewerTimeZone } = useHeatsData();
  const heatName = new Map(page.heats.map((h) => [h.id, h.name]));
  const trackName = new Map(page.tracks.map((tr) => [tr.id, tr.name]));
  const labelOf = new Map(page.entries.map((e) => [e.entryId, e]));
  const sent = new Set(page.sent);
  const waiting = page.heats.filter((h) => !h.published);
  const toSend = page.rollUp.final.flatMap((tr) => tr.finalists).filter((f) => !sent.has(f.entryId)).length;
  return (
    <>
      <p className="lead">{t("heats.finalIntro")}</p>
      <div className="card">
        <h2>{t("heats.listTitle")}</h2>
        {page.heats.length === 0 ? (
          <p>{t("heats.none")}</p>
        ) : (
          <ScrollTable label={t("heats.listTitle")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("heats.columns.heat")}</th>
                  <th scope="col">{t("heats.columns.timeZone")}</th>
                  <th scope="col">{t("heats.columns.entries")}</th>
                  <th scope="col">{t("heats.columns.organisers")}</th>
                  <th scope="col">{t("heats.columns.results")}</th>
                </tr>
              </thead>
              <tbody>
                {page.heats.map((h) => (
                  <tr key={h.id}>
                    <th scope="row">
                      <Link to={`/manage/${h.id}`}>{name(h.name, language)}</Link>{" "}
                      <span className={`state state-${h.state}`}>{t(`contestState.${h.state}`)}</span>
                    </th>
                    <td>{h.timeZone}</td>
                    <td>{h.entries}</td>
                    <td>
                      {h.organisers.length ? h.organisers.map((o) => o.name).join(", ") : t("heats.noOrganisers")}
                      <PendingInvitations invitations={page.invitations.filter((i) => i.heatId === h.id)} />
                    </td>
                    <td>
                      {h.published ? (
                        <>
                          {h.published.roundName ? name(h.published.roundName, language) : null}{" "}
                          <Time iso={h.published.publishedAt} timeZone={viewerTimeZone} />
                        </>
                      ) : (
                        t("heats.waiting")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </div>

      <RollUp page={page} heatName={heatName} trackName={trackName} labelOf={labelOf} sent={sent} />

      <div className="card">
        <h2>{t("heats.sendTitle")}</h2>
        {waiting.length ? (
          <p>{t("heats.sendWaiting", { heats: waiting.map((h) => pickLocalized(h.name, language)).join(", ") })}</p>
        ) : null}
        {page.rollUp.undecided ? <p>{t("heats.sendUndecided", { count: page.rollUp.undecided })}</p> : null}
        <SendForm toSend={toSend} ready={page.rollUp.ready} />
      </div>

      <WildCards page={page} heatName={heatName} trackName={trackName} labelOf={labelOf} sent={sent} />
      <Quotas page={page} heatName={heatName} trackName={trackName} />
      <AddOrganiser page={page} />
      <AddHeat />
    </>
  );
}

/** A heat's open invitations to organise it, each with a button to withdraw it. */
function PendingInvitations({ invitations }: { invitations: HeatsPage["invitations"] }) {
  const { t } = useTranslation();
  const { viewerTimeZone } = useHeatsData();
  const busy = useNavigation().state === "submitting";
  if (!invitations.length) return null;
  return (
    <div>
      <p className="muted">{t("heats.invitations.pending")}</p>
      <ul>
        {invitations.map((i) => (
          <li key={i.id}>
            {i.name ? `${i.name} <${i.email}>` : i.email} —{" "}
            {i.expired ? (
              t("heats.invitations.expired")
            ) : (
              <>
                {t("heats.invitations.until")} <Time iso={i.expiresAt} timeZone={viewerTimeZone} />
              </>
            )}{" "}
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="revokeOrganiserInvitation" />
              <input type="hidden" name="invitationId" value={i.id} />
              <Button type="submit" variant="secondary" busy={busy}>
                {t("heats.invitations.revoke", { email: i.email })}
              </Button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SendForm({ toSend, ready }: { toSend: number; ready: boolean }) {
  const { t } = useTranslation();
  const actionData = useActionData() as ActionReply | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="stack">
      {actionData?.formKey === "send" && actionData.message ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, actionData.message)}
        </p>
      ) : null}
      <input type="hidden" name="intent" value="send" />
      <p>{t("heats.sendCount", { count: toSend })}</p>
      <Button type="submit" busy={busy} disabled={!ready || toSend === 0}>
        {t("heats.send")}
      </Button>
    </Form>
  );
}

/** The final's page and the lookups its parts share, built once in FinalView. */
interface FinalLookups {
  page: HeatsPage;
  heatName: Map<number, LocalizedText>;
  trackName: Map<number, LocalizedText>;
  labelOf: Map<number, EntryLabel>;
  sent: Set<number>;
}

function refusalText(t: TFunction, r: HeatRefusal) {
  return errorText(t, encodeError({ code: r.code, ...(r.params ? { params: r.params } : {}) }));
}

function RollUp({ page, heatName, trackName, labelOf, sent }: FinalLookups) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const withFinalists = page.rollUp.final.filter((tr) => tr.finalists.length || tr.undecided.length);
  return (
    <div className="card stack">
      <h2>{t("heats.rollUpTitle")}</h2>
      {page.rollUp.refusals.length ? (
        <ul className="alert alert-error">
          {page.rollUp.refusals.map((r, i) => (
            <li key={i}>{refusalText(t, r)}</li>
          ))}
        </ul>
      ) : null}
      {withFinalists.length === 0 ? <p>{t("heats.noFinalists")}</p> : null}
      {withFinalists.map((track) => (
        <div key={track.trackId} className="stack">
          <h3 id={`final-track-${track.trackId}`}>
            {name(trackName.get(track.trackId) ?? { en: `#${track.trackId}` }, language)}
          </h3>
          <ScrollTable label={pickLocalized(trackName.get(track.trackId) ?? { en: "" }, language)}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("heats.columns.entry")}</th>
                  <th scope="col">{t("heats.columns.heat")}</th>
                  <th scope="col">{t("heats.columns.basis")}</th>
                  <th scope="col">{t("heats.columns.inFinal")}</th>
                </tr>
              </thead>
              <tbody>
                {track.finalists.map((f) => (
                  <tr key={f.entryId}>
                    <th scope="row">{entryText(labelOf.get(f.entryId), f.entryId)}</th>
                    <td>{name(heatName.get(f.heatId) ?? { en: `#${f.heatId}` }, language)}</td>
                    <td>{basisText(t, f)}</td>
                    <td>{sent.has(f.entryId) ? t("heats.inFinal") : t("heats.notYet")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {track.undecided.map((tie) => (
            <div key={`${tie.heatId}-${tie.trackId}`} className="stack">
              <h4>
                {t("heats.tieTitle", { from: tie.places.from, to: tie.places.to, seats: tie.seats })} —{" "}
                {name(heatName.get(tie.heatId) ?? { en: "" }, language)}
              </h4>
              {tie.entries.map((e) => (
                <TieForm
                  key={e.entryId}
                  entryId={e.entryId}
                  label={entryText(labelOf.get(e.entryId), e.entryId)}
                  decision={e.decision}
                />
              ))}
            </div>
          ))}
        </div>
      ))}
      <details>
        <summary>{t("heats.perHeat")}</summary>
        {page.rollUp.heats.map((h) => (
          <section key={h.heatId} aria-labelledby={`per-heat-${h.heatId}`}>
            <h3 id={`per-heat-${h.heatId}`}>{name(heatName.get(h.heatId) ?? { en: "" }, language)}</h3>
            <ul>
              {h.tracks.map((tr) => (
                <li key={tr.trackId}>
                  {pickLocalized(trackName.get(tr.trackId) ?? { en: "" }, language)}:{" "}
                  {t("heats.heatTrackLine", { quota: tr.quota, ranked: tr.ranked, through: tr.finalists.length })}
                  {tr.short ? ` ${t("heats.short")}` : ""}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </details>
    </div>
  );
}

function TieForm({ entryId, label, decision }: { entryId: number; label: string; decision: "include" | "exclude" | null }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useHeatForm(`tie-${entryId}`, tieDecisionSchema, { action: decision ?? "include" });
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="stack inline-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="tie" />
        <input type="hidden" name="entryId" value={entryId} />
        <p>
          <strong>{label}</strong>
        </p>
        <SelectField
          meta={fields.action}
          label={t("heats.tieAction")}
          options={[
            { value: "include", label: t("heats.include") },
            { value: "exclude", label: t("heats.exclude") },
          ]}
        />
        <TextField meta={fields.reason} label={t("heats.reason")} />
        <Button type="submit" busy={busy}>
          {t("heats.decide")}
        </Button>
      </Form>
    </FormProvider>
  );
}

function WildCards({ page, heatName, trackName, labelOf, sent }: FinalLookups) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useHeatForm("wildCard", wildCardSchema);
  const actionData = useActionData() as ActionReply | undefined;
  return (
    <div className="card stack">
      <h2>{t("heats.wildCardsTitle")}</h2>
      <p>{t("heats.wildCardsIntro")}</p>
      {actionData?.formKey === "removeWildCard" && actionData.result?.error ? (
        <FormErrors errors={Object.values(actionData.result.error).flat() as string[]} />
      ) : null}
      {page.wildCards.length ? (
        <ul>
          {page.wildCards.map((w) => (
            <li key={w.id}>
              {entryText(labelOf.get(w.entryId), w.entryId)} — {w.reason}{" "}
              {sent.has(w.entryId) ? (
                <span className="muted">{t("heats.inFinal")}</span>
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="removeWildCard" />
                  <input type="hidden" name="wildCardId" value={w.id} />
                  <Button type="submit" variant="secondary" busy={busy}>
                    {t("heats.removeWildCard", { entry: labelOf.get(w.entryId)?.code ?? w.entryId })}
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {page.candidates.length ? (
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="wildCard" />
            <SelectField
              meta={fields.entryId}
              label={t("heats.wildCardEntry")}
              options={[
                { value: "", label: t("heats.choose") },
                ...page.candidates.map((c) => ({
                  value: String(c.entryId),
                  label: t("heats.candidate", {
                    entry: entryText(c, c.entryId),
                    heat: pickLocalized(heatName.get(c.heatId) ?? { en: "" }, language),
                    track: pickLocalized(trackName.get(c.trackId) ?? { en: "" }, language),
                    place: c.rank,
                  }),
                })),
              ]}
            />
            <TextField meta={fields.reason} label={t("heats.reason")} hint={t("heats.reasonHint")} />
            <Button type="submit" busy={busy}>
              {t("heats.addWildCard")}
            </Button>
          </Form>
        </FormProvider>
      ) : (
        <p>{t("heats.noCandidates")}</p>
      )}
    </div>
  );
}

function Quotas({
  page,
  heatName,
  trackName,
}: {
  page: HeatsPage;
  heatName: Map<number, LocalizedText>;
  trackName: Map<number, LocalizedText>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const busy = useNavigation().state === "submitting";
  const [quotaForm, quotaFields] = useHeatForm("quota", defaultQuotaSchema, { places: String(page.final.heatQuota) });
  const [ruleForm, ruleFields] = useHeatForm("rule", quotaRuleSchema);
  return (
    <div className="card stack">
      <h2>{t("heats.quotaTitle")}</h2>
      <FormProvider context={quotaForm.context}>
        <Form method="post" {...getFormProps(quotaForm)} className="stack">
          <FormErrors id={quotaForm.errorId} errors={quotaForm.errors} />
          <input type="hidden" name="intent" value="quota" />
          <TextField meta={quotaFields.places} type="number" label={t("heats.defaultQuota")} hint={t("heats.defaultQuotaHint")} />
          <Button type="submit" busy={busy}>
            {t("heats.saveQuota")}
          </Button>
        </Form>
      </FormProvider>
      <h3>{t("heats.rulesTitle")}</h3>
      {page.rules.length ? (
        <ul>
          {page.rules.map((r) => (
            <li key={r.id}>
              {t("heats.ruleLine", {
                heat: r.heatId === null ? t("heats.everyHeat") : pickLocalized(heatName.get(r.heatId) ?? { en: "" }, language),
                track:
                  r.trackId === null ? t("heats.everyTrack") : pickLocalized(trackName.get(r.trackId) ?? { en: "" }, language),
                places: r.places,
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("heats.noRules")}</p>
      )}
      <FormProvider context={ruleForm.context}>
        <Form method="post" {...getFormProps(ruleForm)} className="stack">
          <FormErrors id={ruleForm.errorId} errors={ruleForm.errors} />
          <input type="hidden" name="intent" value="rule" />
          <SelectField
            meta={ruleFields.heatId}
            label={t("heats.ruleHeat")}
            options={[
              { value: "", label: t("heats.everyHeat") },
              ...page.heats.map((h) => ({ value: String(h.id), label: pickLocalized(h.name, language) })),
            ]}
          />
          <SelectField
            meta={ruleFields.trackId}
            label={t("heats.ruleTrack")}
            options={[
              { value: "", label: t("heats.everyTrack") },
              ...page.tracks.map((tr) => ({ value: String(tr.id), label: pickLocalized(tr.name, language) })),
            ]}
          />
          <TextField meta={ruleFields.places} type="number" label={t("heats.rulePlaces")} hint={t("heats.rulePlacesHint")} />
          <Button type="submit" busy={busy}>
            {t("heats.saveRule")}
          </Button>
        </Form>
      </FormProvider>
    </div>
  );
}

function AddOrganiser({ page }: { page: HeatsPage }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { inviterLanguage, invitationDays } = useHeatsData();
  const busy = useNavigation().state === "submitting";
  const actionData = useActionData() as ActionReply | undefined;
  const [form, fields] = useHeatForm("organiser", heatOrganiserSchema, { language: inviterLanguage });
  if (!page.heats.length) return null;
  return (
    <div className="card narrow stack">
      <h2>{t("heats.organiserTitle")}</h2>
      <p>{t("heats.organiserIntro")}</p>
      <p>{t("heats.invitations.formIntro", { days: invitationDays })}</p>
      {actionData?.formKey === "revokeOrganiserInvitation" && actionData.result?.error ? (
        <FormErrors errors={Object.values(actionData.result.error).flat() as string[]} />
      ) : null}
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="organiser" />
          <SelectField
            meta={fields.heatId}
            label={t("heats.columns.heat")}
            options={[
              { value: "", label: t("heats.choose") },
              ...page.heats.map((h) => ({ value: String(h.id), label: pickLocalized(h.name, language) })),
            ]}
          />
          <TextField meta={fields.email} type="email" label={t("heats.organiserEmail")} autoComplete="off" />
          <TextField
            meta={fields.name}
            label={t("heats.invitations.name")}
            hint={t("heats.invitations.nameHint")}
            autoComplete="off"
          />
          <SelectField
            meta={fields.language}
            label={t("heats.invitations.language")}
            hint={t("heats.invitations.languageHint")}
            options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          />
          <Button type="submit" busy={busy}>
            {t("heats.addOrganiser")}
          </Button>
        </Form>
      </FormProvider>
    </div>
  );
}

function AddHeat() {
  const { t } = useTranslation();
  const { timeZones, countries } = useHeatsData();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useHeatForm("create", newHeatSchema, { timeZone: "Asia/Shanghai" });
  return (
    <div className="card narrow stack">
      <h2>{t("heats.addTitle")}</h2>
      <p>{t("heats.addIntro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="create" />
          <LocalizedFields meta={fields.name} label={t("heats.name")} />
          <TextField meta={fields.slug} label={t("manage.slug")} hint={t("manage.slugHint")} autoComplete="off" />
          <SelectField
            meta={fields.timeZone}
            label={t("manage.timeZone")}
            options={timeZones.map((z) => ({ value: z, label: z }))}
          />
          <SelectField
            meta={fields.country}
            label={t("heats.country")}
            hint={t("heats.countryHint")}
            options={[{ value: "", label: t("heats.anyCountry") }, ...countries.map((c) => ({ value: c.code, label: c.name }))]}
          />
          <Button type="submit" busy={busy}>
            {t("heats.create")}
          </Button>
        </Form>
      </FormProvider>
    </div>
  );
}

export function HeatView({ page }: { page: HeatOwnPage }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const trackName = new Map(page.tracks.map((tr) => [tr.id, tr.name]));
  const labelOf = new Map(page.entries.map((e) => [e.entryId, e]));
  const sent = new Set(page.sent);
  return (
    <>
      <p className="lead">{t("heats.heatIntro", { final: pickLocalized(page.final.name, language) })}</p>
      <div className="card stack">
        <h2>{t("heats.fromThisHeat")}</h2>
        {!page.heat.published ? <p>{t("heats.heatWaiting")}</p> : null}
        {page.result?.tracks.map((tr) => (
          <section key={tr.trackId} aria-labelledby={`heat-track-${tr.trackId}`}>
            <h3 id={`heat-track-${tr.trackId}`}>{name(trackName.get(tr.trackId) ?? { en: "" }, language)}</h3>
            <p>
              {t("heats.heatTrackLine", { quota: tr.quota, ranked: tr.ranked, through: tr.finalists.length })}
              {tr.short ? ` ${t("heats.short")}` : ""}
            </p>
            {tr.finalists.length ? (
              <ul>
                {tr.finalists.map((f) => (
                  <li key={f.entryId}>
                    {entryText(labelOf.get(f.entryId), f.entryId)} — {basisText(t, f)}
                    {sent.has(f.entryId) ? ` (${t("heats.inFinal")})` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
            {tr.tie && tr.tie.entries.some((e) => e.decision === null) ? (
              <p>{t("heats.tieWaiting", { from: tr.tie.places.from, to: tr.tie.places.to })}</p>
            ) : null}
          </section>
        ))}
      </div>
    </>
  );
}
