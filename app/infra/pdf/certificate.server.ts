// A certificate as a one-page A4 landscape PDF, in one to three languages. Fonts are embedded as
// subsets, so the file stays small and every name can be copied out exactly as the team typed it.
import { PDFDocument, PDFString, type PDFPage } from "pdf-lib";
import { type Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import { getFixedT } from "../i18n.server";
import {
  drawFrame,
  drawOps,
  layoutCertificate,
  PAGE_SIZE,
  planCertificate,
  planTexts,
  type Wording,
} from "./certificate-layout.server";
import { pdfFontkit } from "./fonts.server";
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

function addLink(doc: PDFDocument, page: PDFPage, rect: [number, number, number, number], url: string) {
  const annotation = doc.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: rect,
    Border: [0, 0, 0],
    A: { Type: "Action", S: "URI", URI: PDFString.of(url) },
  });
  page.node.addAnnot(doc.context.register(annotation));
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

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(pdfFontkit);
  await ts.embed(
    doc,
    ops.flatMap((op) => (op.kind === "text" ? [{ text: op.text, style: op.style }] : [])),
  );
  const page = doc.addPage(PAGE_SIZE);
  drawFrame(page);
  drawOps(page, ts, ops);
  addLink(doc, page, link, facts.verifyUrl);

  doc.setTitle(`${main.title}: ${main.award}, ${main.recipient}`, { showInWindowTitleBar: true });
  doc.setSubject(main.event);
  doc.setAuthor(pickLocalized(facts.contestName, main.language));
  doc.setKeywords([facts.code]);
  doc.setCreator("Trellis");
  doc.setProducer("Trellis");
  doc.setLanguage(main.language);
  // The issue time, not the render time: the same certificate renders to the same bytes.
  doc.setCreationDate(facts.issuedAt);
  doc.setModificationDate(facts.issuedAt);
  return doc.save();
}
