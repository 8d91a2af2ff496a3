// The public check of one certificate: what it certifies and whether it still stands, or that no
// certificate has the code (a 404 that is still a page, with the form to try again).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CertificateFacts } from "#app/components/published/CertificateFacts";
import { CertificateLookup } from "#app/components/published/CertificateLookup";
import { normaliseCertificateCode } from "#app/domain/publication";
import { getAuth, serviceContext } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { verifyCertificate } from "#app/services/publication.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

/** Longer than any code anyone could mean; such input is not looked up. */
const MAX_CODE_LENGTH = 40;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const typed = params.code ?? "";
  // One address per certificate: a code typed in lower case or with spaces lands on the written form.
  const code = normaliseCertificateCode(typed);
  if (code !== typed && code.length <= MAX_CODE_LENGTH) throw redirect(`/certificates/${encodeURIComponent(code)}`);
  const auth = await getAuth(request);
  const language = await getRequestLanguage(request, auth?.user.preferred_language);
  const title = getFixedT(language)("published.verifyTitle");
  if (code.length > MAX_CODE_LENGTH) return data({ code: "", title, facts: null }, { status: 404 });
  const result = await verifyCertificate(serviceContext(request, context, auth), code);
  if (!result.ok) return data({ code, title, facts: null }, { status: 404 });
  return { code, title, facts: result.value };
}

export default function CertificatePage() {
  const { t } = useTranslation();
  const { code, facts } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("published.verifyTitle")}</h1>
      {facts ? (
        <CertificateFacts facts={facts} />
      ) : (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{t("published.unknownCode")}</strong>
          </p>
          <p>{t("published.unknownHint")}</p>
        </div>
      )}
      <CertificateLookup code={code} />
    </section>
  );
}
