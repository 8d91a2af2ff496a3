// A certificate as a one-page A4 landscape PDF, in one to three languages. Fonts are embedded as
// subsets, so the file stays small and every name can be copied out exactly as the team typed it.
import PDFDocument from "pdfkit";
import { type Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import { getFixedT } from "../i18n.server";
import {
  addLink,
  drawFrame,
  drawOps,
  layoutCertificate,
  PAGE_SIZE,
  planCertificate,
  planTexts,
  type Wording,
} from "./certificate-layout.server";
import { Typesetter, type HanStyle } from "./typesetter.server";

export interface CertificateFacts {
  /** 1–3 languages, the first the main one (more are ignored). */
  languages: Language[];
  contestName: LocalizedText;
  awardName: LocalizedText;
  roundName: LocalizedText | null;
  /** Any script, as the team typed it. */
  teamName: string;
  /** null for the team's own certificate, else the member's name. */
  personName: string | null;
  issuedAt: Date;
  /** The contest's IANA time zone: the date shown is the contest's date. */
  timeZone: string;
  /** The public verification code, e.g. "TR-7K3M-Q9XD". */
  code: string;
  /** Absolute URL of the public verification page. */
  verifyUrl: string;
}

function hanFor(language: Language, fallback: HanStyle): HanStyle {
  if (language === "zh-TW") return "tc";
  if (language === "zh-CN") return "sc";
  return fallback;
}

/** One language's wording, through the same catalogs (and `t`) as the rest of the server. */
function wordingFor(facts: CertificateFacts, language: Language, fallbackHan: HanStyle): Wording {
  const t = getFixedT(language, "common");
  const contest = pickLocalized(facts.contestName, language);
  const event = facts.roundName
    ? t("certificate.roundContest", { round: pickLocalized(facts.roundName, language), contest })
    : contest;
  const date = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: facts.timeZone }).format(facts.issuedAt);
  const team = facts.teamName.trim().normalize("NFC");
  const person = facts.personName?.trim().normalize("NFC") || null;
  return {
    language,
    han: hanFor(language, fallbackHan),
    title: t("certificate.title"),
    award: pickLocalized(facts.awardName, language),
    presentedTo: person ? t("certificate.presentedTo") : t("certificate.presentedToTeam"),
    recipient: person ?? team,
    memberOf: person ? t("certificate.memberOfTeam", { team }) : null,
    summary: person ? t("certificate.summaryMember", { person, team }) : t("certificate.summaryTeam", { team }),
    event,
    issued: t("certificate.issued", { date }),
    codeLabel: t("certificate.code"),
    verify: t("certificate.verify", { url: facts.verifyUrl }),
  };
}

/** The whole file, once pdfkit has written it out. */
function finish(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

export async function renderCertificatePdf(facts: CertificateFacts): Promise<Uint8Array> {
  const languages = [...new Set(facts.languages)].slice(0, 3);
  if (languages.length === 0) throw new Error("A certificate needs at least one language");
  // Names typed by the team carry no language: in a block that is not Chinese, Han characters take
  // the Chinese style of the certificate's own Chinese language, if it has one.
  const fallbackHan: HanStyle = languages.find((l) => l === "zh-CN" || l === "zh-TW") === "zh-TW" ? "tc" : "sc";
  const [main, ...others] = languages.map((language) => wordingFor(facts, language, fallbackHan)) as [Wording, ...Wording[]];

  const plan = planCertificate(main, others, facts.code, facts.verifyUrl);
  const ts = await Typesetter.for(planTexts(plan));
  const { ops, link } = layoutCertificate(ts, plan);

  const doc = new PDFDocument({
    size: PAGE_SIZE,
    margin: 0,
    // No default font: pdfkit would otherwise load Helvetica's metrics, and nothing here is set in it.
    font: "",
    lang: main.language,
    displayTitle: true,
    info: {
      Title: `${main.title}: ${main.award}, ${main.recipient}`,
      Subject: main.event,
      Author: pickLocalized(facts.contestName, main.language),
      Keywords: facts.code,
      Creator: "Trellis",
      Producer: "Trellis",
      // The issue time, not the render time: the same certificate renders to the same bytes (pdfkit
      // derives the file's ID from this information too).
      CreationDate: facts.issuedAt,
      ModDate: facts.issuedAt,
    },
  });
  ts.register(doc);
  drawFrame(doc);
  drawOps(doc, ts, ops);
  addLink(doc, link, facts.verifyUrl);
  return finish(doc);
}
