// Checking a certificate: the form alone. A typed code goes to its own address, written the one way.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CertificateLookup } from "#app/components/published/CertificateLookup";
import { normaliseCertificateCode } from "#app/domain/publication";
import { getAuth } from "#app/infra/auth.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code")?.trim();
  if (code) throw redirect(`/certificates/${encodeURIComponent(normaliseCertificateCode(code))}`);
  const auth = await getAuth(request);
  const language = await getRequestLanguage(request, auth?.user.preferred_language);
  return { title: getFixedT(language)("published.verifyTitle") };
}

export default function CertificatesPage() {
  const { t } = useTranslation();
  useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("published.verifyTitle")}</h1>
      <p>{t("published.verifyIntro")}</p>
      <CertificateLookup />
    </section>
  );
}
