// The profile: name, language, country and time zone. A stale form is refused, not merged.
import { FormProvider, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SettingsNav } from "#app/components/settings/SettingsNav";
import { PlaceFields } from "#app/components/auth/PlaceFields";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { countryOptions } from "#app/domain/countries";
import { formatInstant, listTimeZones } from "#app/domain/time";
import { profileSchema } from "#app/forms/identity";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { languageCookie } from "#app/infra/cookies.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { updateProfile } from "#app/services/account.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return {
    profile: {
      name: user.name,
      email: user.email,
      preferredLanguage: user.preferred_language,
      country: user.country,
      timeZone: user.time_zone,
      version: user.version,
      emailVerifiedAt: user.email_verified_at,
      createdAt: user.created_at,
    },
    countries: countryOptions(user.preferred_language),
    timeZones: listTimeZones(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: profileSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await updateProfile(serviceContext(request, context, auth), submission.value);
  if (!result.ok) return replyWithError(submission, result.error);
  return redirectWithToast("/settings", { kind: "success", key: "settings.saved" }, [
    await languageCookie.serialize(result.value.preferred_language),
  ]);
}

export default function ProfileSettings() {
  const { t, i18n } = useTranslation();
  const { profile, countries, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `profile-${profile.version}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(profileSchema),
    shouldValidate: "onBlur",
    defaultValue: profile,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  return (
    <section className="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">{t("settings.title")}</h1>
      <SettingsNav />
      <div className="card narrow">
        <h2>{t("settings.profileTab")}</h2>
        <dl className="facts">
          <dt>{t("auth:fields.email")}</dt>
          <dd>{profile.email}</dd>
          <dt>{t("settings.emailStatus")}</dt>
          <dd suppressHydrationWarning>
            {profile.emailVerifiedAt
              ? t("settings.verifiedOn", {
                  date: formatInstant(profile.emailVerifiedAt, { locale: i18n.language, timeZone: profile.timeZone }),
                })
              : t("settings.notVerified")}
          </dd>
        </dl>
        <FormProvider context={form.context}>
          <Form method="post" reloadDocument {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
            <TextField meta={fields.name} label={t("auth:fields.name")} autoComplete="name" />
            <PlaceFields fields={fields} countries={countries} timeZones={timeZones} />
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("settings.save")}
            </Button>
          </Form>
        </FormProvider>
      </div>
    </section>
  );
}
