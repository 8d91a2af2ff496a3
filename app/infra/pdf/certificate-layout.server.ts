// Where everything on a certificate goes: the main language's block large and centred, the other
// languages' blocks smaller beneath it (side by side when there are two), the code and address at
// the foot, all inside a double frame. Sizes shrink together until the whole fits the page.
import { type Language } from "#app/domain/locale";
import { type HanStyle, type TextStyle, type Typesetter } from "./typesetter.server";

/** One language's wording of the certificate, already translated and filled in. */
export interface Wording {
  language: Language;
  han: HanStyle;
  title: string;
  award: string;
  presentedTo: string;
  recipient: string;
  memberOf: string | null;
  summary: string;
  event: string;
  issued: string;
  codeLabel: string;
  verify: string;
}

// A4 landscape, in points. The layout works in PDF coordinates (y grows upwards from the bottom
// edge); drawing turns them into pdfkit's (y grows downwards from the top).
export const PAGE_SIZE: [number, number] = [841.89, 595.28];
const [WIDTH, HEIGHT] = PAGE_SIZE;
const CONTENT_WIDTH = WIDTH - 150;
const CONTENT_TOP = HEIGHT - 64;
const CONTENT_BOTTOM = 84;
const CODE_BASELINE = 58;
const VERIFY_BASELINE = 44;

type Color = string;
const GREEN: Color = "#1c4f3d";
const GOLD: Color = "#b08c3d";
const INK: Color = "#212121";
const GREY: Color = "#616161";
const PAPER: Color = "#fefcf8";

// Scripts with capital letters get an upper-case title; Chinese and Thai have none.
const CASED = new Set<Language>(["en", "id", "ms", "vi"]);

interface TextSpec {
  kind: "text";
  text: string;
  size: number;
  minSize: number;
  maxLines: number;
  weight: "regular" | "bold";
  color: Color;
  gap: number;
}
type Spec = TextSpec | { kind: "rule"; width: number; gap: number };
interface Block {
  language: Language;
  han: HanStyle;
  specs: Spec[];
}
export interface CertificatePlan {
  main: Block;
  others: Block[];
  footer: { label: string; code: string; verify: string; url: string; language: Language; han: HanStyle };
}

export type Op =
  | { kind: "text"; text: string; style: TextStyle; color: Color; x: number; y: number }
  | { kind: "rule"; centerX: number; y: number; width: number };

const spec = (
  text: string,
  size: number,
  minSize: number,
  maxLines: number,
  weight: TextSpec["weight"],
  color: Color,
  gap: number,
) => ({ kind: "text", text, size, minSize, maxLines, weight, color, gap }) satisfies TextSpec;

const heading = (w: Wording) => (CASED.has(w.language) ? w.title.toLocaleUpperCase(w.language) : w.title);

/** What goes on the page, in order, at full size. */
export function planCertificate(main: Wording, others: Wording[], code: string, url: string): CertificatePlan {
  return {
    main: {
      language: main.language,
      han: main.han,
      specs: [
        spec(heading(main), 26, 16, 1, "bold", GREEN, 0),
        { kind: "rule", width: 150, gap: 11 },
        spec(main.award, 34, 18, 2, "bold", INK, 4),
        spec(main.presentedTo, 13, 9, 1, "regular", GREY, 14),
        spec(main.recipient, 30, 15, 2, "bold", GREEN, 8),
        ...(main.memberOf ? [spec(main.memberOf, 14, 9, 2, "regular", INK, 6)] : []),
        spec(main.event, 14, 9, 2, "regular", INK, 14),
        spec(main.issued, 11, 8, 1, "regular", GREY, 6),
      ],
    },
    others: others.map((w) => ({
      language: w.language,
      han: w.han,
      specs: [
        spec(heading(w), 10, 7, 1, "bold", GREEN, 0),
        spec(w.award, 14, 9, 2, "bold", INK, 5),
        spec(w.summary, 11, 8, 3, "regular", INK, 4),
        spec(w.event, 10, 7, 2, "regular", GREY, 3),
        spec(w.issued, 9, 7, 1, "regular", GREY, 2),
      ],
    })),
    footer: {
      label: `${[main, ...others].map((w) => w.codeLabel).join(" / ")}:`,
      code,
      verify: main.verify,
      url,
      language: main.language,
      han: main.han,
    },
  };
}

const FOOTER_STYLES = {
  label: { size: 9, weight: "regular" },
  code: { size: 10, weight: "bold" },
  verify: { size: 8.5, weight: "regular" },
} as const;

/** Every text with the weight and Chinese style it is set in, so the typesetter can load its fonts. */
export function planTexts(plan: CertificatePlan): { text: string; weight: TextStyle["weight"]; han: HanStyle }[] {
  const { footer } = plan;
  return [
    ...[plan.main, ...plan.others].flatMap((block) =>
      block.specs.flatMap((s) => (s.kind === "text" ? [{ text: s.text, weight: s.weight, han: block.han }] : [])),
    ),
    { text: footer.label, weight: FOOTER_STYLES.label.weight, han: footer.han },
    { text: footer.code, weight: FOOTER_STYLES.code.weight, han: footer.han },
    { text: footer.verify, weight: FOOTER_STYLES.verify.weight, han: footer.han },
  ];
}

/** Lays a block out as centred lines from `top` downwards (y grows down here); returns where it ends. */
function column(ts: Typesetter, block: Block, centerX: number, width: number, top: number, scale: number, ops: Op[]): number {
  let cursor = top;
  for (const s of block.specs) {
    if (s.kind === "rule") {
      ops.push({ kind: "rule", centerX, y: cursor + s.gap * scale, width: s.width });
      cursor += s.gap * scale * 2;
      continue;
    }
    const style: TextStyle = { size: s.size * scale, weight: s.weight, han: block.han };
    const box = { maxWidth: width, minSize: s.minSize * scale, maxLines: s.maxLines, locale: block.language };
    const fitted = ts.fit(s.text, style, box);
    const lineStyle = { ...style, size: fitted.size };
    let y = cursor + s.gap * scale + fitted.size * 0.95;
    fitted.lines.forEach((line, index) => {
      if (index > 0) y += fitted.size * 1.32;
      ops.push({ kind: "text", text: line, style: lineStyle, color: s.color, x: centerX - ts.width(line, lineStyle) / 2, y });
    });
    cursor = y + fitted.size * 0.35;
  }
  return cursor;
}

function compose(ts: Typesetter, plan: CertificatePlan, scale: number): { ops: Op[]; height: number } {
  const ops: Op[] = [];
  let height = column(ts, plan.main, WIDTH / 2, CONTENT_WIDTH, 0, scale, ops);
  const count = plan.others.length;
  if (count > 0) {
    const top = height + 24 * scale;
    const gutter = 40;
    const width = count === 1 ? Math.min(CONTENT_WIDTH, 560) : (CONTENT_WIDTH - gutter) / 2;
    ops.push({ kind: "rule", centerX: WIDTH / 2, y: top, width: 60 });
    plan.others.forEach((block, index) => {
      const centerX = count === 1 ? WIDTH / 2 : WIDTH / 2 + (index === 0 ? -1 : 1) * (width + gutter) * 0.5;
      height = Math.max(height, column(ts, block, centerX, width, top + 10 * scale, scale, ops));
    });
  }
  return { ops, height };
}

/**
 * Every line with its place on the page (PDF coordinates, y up). The body takes the largest scale
 * that fits above the footer; sizes have floors and line counts caps, so the smallest scale fits.
 */
export function layoutCertificate(ts: Typesetter, plan: CertificatePlan): { ops: Op[]; link: [number, number, number, number] } {
  const available = CONTENT_TOP - CONTENT_BOTTOM;
  const scales = [1.2, 1.12, 1.06, 1, 0.94, 0.88, 0.82, 0.76, 0.7, 0.64, 0.58];
  let body = compose(ts, plan, scales[0]!);
  for (const scale of scales.slice(1)) {
    if (body.height <= available) break;
    body = compose(ts, plan, scale);
  }
  const top = CONTENT_TOP - Math.max(0, available - body.height) * 0.4;
  const ops: Op[] = body.ops.map((op) => ({ ...op, y: top - op.y }));

  const { footer } = plan;
  const label: TextStyle = { ...FOOTER_STYLES.label, han: footer.han };
  const code: TextStyle = { ...FOOTER_STYLES.code, han: footer.han };
  const gap = 5;
  const labelWidth = ts.width(footer.label, label);
  const codeX = WIDTH / 2 - (labelWidth + gap + ts.width(footer.code, code)) / 2;
  ops.push({ kind: "text", text: footer.label, style: label, color: GREY, x: codeX, y: CODE_BASELINE });
  ops.push({ kind: "text", text: footer.code, style: code, color: INK, x: codeX + labelWidth + gap, y: CODE_BASELINE });

  const verifyBase: TextStyle = { ...FOOTER_STYLES.verify, han: footer.han };
  const fitted = ts.fit(footer.verify, verifyBase, { maxWidth: CONTENT_WIDTH, minSize: 6, maxLines: 1, locale: footer.language });
  const verify = { ...verifyBase, size: fitted.size };
  const line = fitted.lines[0] ?? "";
  const verifyX = WIDTH / 2 - ts.width(line, verify) / 2;
  ops.push({ kind: "text", text: line, style: verify, color: GREY, x: verifyX, y: VERIFY_BASELINE });
  // The clickable area: the address where the sentence shows it whole, else the whole line.
  const url = line.includes(footer.url) ? footer.url : line;
  const urlX = verifyX + ts.width(line.slice(0, line.indexOf(url)), verify);
  const link: [number, number, number, number] = [
    urlX,
    VERIFY_BASELINE - verify.size * 0.3,
    urlX + ts.width(url, verify),
    VERIFY_BASELINE + verify.size,
  ];
  return { ops, link };
}

const down = (y: number) => HEIGHT - y;

function diamond(doc: PDFKit.PDFDocument, x: number, y: number, r: number) {
  doc.polygon([x, down(y) - r], [x + r, down(y)], [x, down(y) + r], [x - r, down(y)]).fill(GOLD);
}

function line(doc: PDFKit.PDFDocument, from: [number, number], to: [number, number], color: Color) {
  doc.moveTo(from[0], down(from[1])).lineTo(to[0], down(to[1])).lineWidth(0.8).stroke(color);
}

/** The paper, a green outer and a gold inner frame, corner brackets and diamonds. */
export function drawFrame(doc: PDFKit.PDFDocument) {
  doc.rect(0, 0, WIDTH, HEIGHT).fill(PAPER);
  doc
    .rect(22, 22, WIDTH - 44, HEIGHT - 44)
    .lineWidth(2.5)
    .stroke(GREEN);
  doc
    .rect(30, 30, WIDTH - 60, HEIGHT - 60)
    .lineWidth(0.8)
    .stroke(GOLD);
  for (const [x, y] of [
    [30, 30],
    [WIDTH - 30, 30],
    [30, HEIGHT - 30],
    [WIDTH - 30, HEIGHT - 30],
  ] as const) {
    diamond(doc, x, y, 6);
    const corner: [number, number] = [x + (x < WIDTH / 2 ? 12 : -12), y + (y < HEIGHT / 2 ? 12 : -12)];
    const long = 40;
    line(doc, corner, [corner[0] + (x < WIDTH / 2 ? long : -long), corner[1]], GREEN);
    line(doc, corner, [corner[0], corner[1] + (y < HEIGHT / 2 ? long : -long)], GREEN);
  }
}

export function drawOps(doc: PDFKit.PDFDocument, ts: Typesetter, ops: Op[]) {
  for (const op of ops) {
    if (op.kind === "text") {
      ts.draw(doc, op.text, op.x, down(op.y), op.style, op.color);
      continue;
    }
    const { centerX, y, width } = op;
    line(doc, [centerX - width / 2, y], [centerX - 8, y], GOLD);
    line(doc, [centerX + 8, y], [centerX + width / 2, y], GOLD);
    diamond(doc, centerX, y, 3.5);
  }
}

/** The clickable area of a link, from PDF coordinates ([left, bottom, right, top]) to pdfkit's. */
export function addLink(doc: PDFKit.PDFDocument, [left, bottom, right, top]: [number, number, number, number], url: string) {
  doc.link(left, down(top), right - left, top - bottom, url);
}
