// A new password and its repetition, as every form that sets a password asks for them.
import { useTranslation } from "react-i18next";
import { TextField, type FieldRef } from "#app/components/ui/Field";
import { PASSWORD_MIN } from "#app/forms/identity";

export function NewPasswordFields({
  password,
  confirm,
  labelKey = "auth:fields.newPassword",
}: {
  password: FieldRef;
  confirm: FieldRef;
  labelKey?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        meta={password}
        label={t(labelKey)}
        hint={t("auth:fields.passwordHint", { min: PASSWORD_MIN })}
        type="password"
        autoComplete="new-password"
      />
      <TextField meta={confirm} label={t("auth:fields.confirmPassword")} type="password" autoComplete="new-password" />
    </>
  );
}
