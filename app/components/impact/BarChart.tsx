// One figure per group as horizontal bars (visx, plain SVG rendered on the server): long names such as
// countries and tracks read on a phone. The numbers are in the table the chart describes (`tableId`).
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { SERIES_COLOURS } from "./PeriodChart";

const WIDTH = 460;
const ROW = 36;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 100;
const FONT = 17;
const INK = "#1b1f24";

// SVG text does not wrap: a long name is cut to fit the label column, estimating widths in ems
// (a Chinese character is one em, a Latin letter about 0.6 of one).
const emWidth = (ch: string) => (/[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 1 : 0.62);
function fitLabel(text: string, maxEms = (LABEL_WIDTH - 16) / FONT): string {
  const chars = [...text];
  let width = 0;
  for (let i = 0; i < chars.length; i++) {
    width += emWidth(chars[i]!);
    if (width > maxEms) return `${chars.slice(0, Math.max(1, i - 1)).join("")}…`;
  }
  return text;
}

export function BarChart({
  id,
  title,
  tableId,
  rows,
  format,
}: {
  id: string;
  title: string;
  /** The table with the same figures, which the image points screen readers to. */
  tableId: string;
  rows: ReadonlyArray<{ key: string; label: string; value: number | null }>;
  format: (value: number) => string;
}) {
  const height = Math.max(1, rows.length) * ROW + 8;
  const innerWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const max = Math.max(0, ...rows.map((r) => r.value ?? 0));
  const x = scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [0, innerWidth] });
  const y = scaleBand<string>({ domain: rows.map((r) => r.key), range: [4, height - 4], padding: 0.2 });
  const titleId = `${id}-title`;
  return (
    <div className="card stack">
      <h3 id={titleId}>{title}</h3>
      <div className="narrow">
        <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={titleId} aria-describedby={tableId}>
          {rows.map((row) => {
            const top = y(row.key) ?? 0;
            const middle = top + y.bandwidth() / 2;
            return (
              <g key={row.key}>
                <text x={LABEL_WIDTH - 10} y={middle} dy="0.32em" textAnchor="end" fontSize={FONT} fill={INK}>
                  {fitLabel(row.label)}
                </text>
                <Group left={LABEL_WIDTH}>
                  {row.value !== null ? (
                    <>
                      <Bar
                        x={0}
                        y={top}
                        width={Math.max(row.value > 0 ? 2 : 0, x(row.value))}
                        height={y.bandwidth()}
                        fill={SERIES_COLOURS[0]}
                      />
                      <text x={x(row.value) + 8} y={middle} dy="0.32em" fontSize={FONT} fill={INK}>
                        {format(row.value)}
                      </text>
                    </>
                  ) : (
                    <text x={0} y={middle} dy="0.32em" fontSize={FONT} fill={INK}>
                      —
                    </text>
                  )}
                </Group>
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
