// The form to check a certificate by its code. A GET form: it works without JavaScript, and the
// address of the answer is one a verifier can bookmark or share.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";

export function CertificateLookup({ code = "" }: { code?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/certificates" className="narrow-form" role="search" aria-label={t("published.verifyTitle")}>
      <div className="field">
        <label htmlFor="certificate-code">{t("published.codeLabel")}</label>
        <p className="field-hint" id="certificate-code-hint">
          {t("published.codeHint")}
        </p>
        <input
          key={code}
          id="certificate-code"
          name="code"
          defaultValue={code}
          required
          maxLength={40}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="certificate-code-hint"
        />
      </div>
      <Button type="submit">{t("published.check")}</Button>
    </Form>
  );
}
