// A KPI over the cohort's periods: bars (grouped when several) and lines drawn with visx as plain SVG
// on the server, so it needs no JavaScript. The SVG is one image named by the chart's heading; the
// table under it holds the same numbers for screen readers and for anyone who wants exact figures.
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar, LinePath } from "@visx/shape";
import { useTranslation } from "react-i18next";

export const SERIES_COLOURS = ["#0b5cad", "#b45309", "#15803d", "#7c3aed"] as const;

export interface ChartSeries {
  key: string;
  label: string;
  kind: "bar" | "line";
  values: ReadonlyArray<number | null>;
}

export interface ChartColumn {
  label: string;
  cells: readonly string[];
}

const WIDTH = 560;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 16, bottom: 76, left: 72 };
const FONT = 18;
const AXIS_INK = "#4a5563";
const GRID = "#d5dbe3";

export function PeriodChart({
  id,
  title,
  categories,
  series,
  format,
  axisFormat,
  columns = [],
}: {
  id: string;
  title: string;
  /** The periods: a short label under the axis, the full one in the table. */
  categories: ReadonlyArray<{ key: string; short: string; label: string }>;
  series: readonly ChartSeries[];
  /** How a value reads in the table. */
  format: (value: number) => string;
  /** How a value reads on the axis (short). */
  axisFormat: (value: number) => string;
  /** More columns for the table (e.g. the number of teams reporting). */
  columns?: readonly ChartColumn[];
}) {
  const { t } = useTranslation();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const y = scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [innerHeight, 0], nice: true });
  const x = scaleBand<string>({ domain: categories.map((c) => c.key), range: [0, innerWidth], padding: 0.25 });
  const bars = series.filter((s) => s.kind === "bar");
  const inner = scaleBand<string>({ domain: bars.map((s) => s.key), range: [0, x.bandwidth()], padding: 0.08 });
  const centre = (key: string) => (x(key) ?? 0) + x.bandwidth() / 2;
  // Many periods: the labels turn so they do not run into each other.
  const tilt = categories.length > 6;
  const titleId = `${id}-title`;
  const tableId = `${id}-table`;
  return (
    <div className="card stack">
      <h3 id={titleId}>{title}</h3>
      <div className="grid-2">
        <div>
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width="100%"
            role="img"
            aria-labelledby={titleId}
            aria-describedby={tableId}
            preserveAspectRatio="xMidYMid meet"
          >
            <Group left={MARGIN.left} top={MARGIN.top}>
              {y.ticks(5).map((tick) => (
                <g key={tick}>
                  <line x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={GRID} />
                  <text x={-8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={FONT} fill={AXIS_INK}>
                    {axisFormat(tick)}
                  </text>
                </g>
              ))}
              <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke={AXIS_INK} />
              {categories.map((c) => (
                <text
                  key={c.key}
                  x={centre(c.key)}
                  y={innerHeight + 24}
                  textAnchor={tilt ? "end" : "middle"}
                  fontSize={FONT}
                  fill={AXIS_INK}
                  transform={tilt ? `rotate(-35 ${centre(c.key)} ${innerHeight + 24})` : undefined}
                >
                  {c.short}
                </text>
              ))}
              {bars.map((s) => {
                const colour = SERIES_COLOURS[series.indexOf(s) % SERIES_COLOURS.length];
                return (
                  <g key={s.key}>
                    {categories.map((c, i) => {
                      const value = s.values[i];
                      if (value === null || value === undefined) return null;
                      const top = y(value);
                      return (
                        <Bar
                          key={c.key}
                          x={(x(c.key) ?? 0) + (inner(s.key) ?? 0)}
                          y={top}
                          width={inner.bandwidth()}
                          height={Math.max(0, innerHeight - top)}
                          fill={colour}
                        />
                      );
                    })}
                  </g>
                );
              })}
              {series
                .filter((s) => s.kind === "line")
                .map((s) => {
                  const colour = SERIES_COLOURS[series.indexOf(s) % SERIES_COLOURS.length];
                  const points = categories.flatMap((c, i) => {
                    const value = s.values[i];
                    return value === null || value === undefined ? [] : [{ x: centre(c.key), y: y(value) }];
                  });
                  return (
                    <g key={s.key}>
                      <LinePath data={points} x={(p) => p.x} y={(p) => p.y} stroke={colour} strokeWidth={3} fill="none" />
                      {points.map((p) => (
                        <circle key={`${p.x}`} cx={p.x} cy={p.y} r={4.5} fill="#ffffff" stroke={colour} strokeWidth={2.5} />
                      ))}
                    </g>
                  );
                })}
            </Group>
          </svg>
          <ChartLegend series={series} />
        </div>
        <div className="table-scroll">
          <table id={tableId}>
            <caption className="visually-hidden">{t("impact.chart.tableCaption", { chart: title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("impact.col.period")}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
                {columns.map((col) => (
                  <th key={col.label} scope="col">
                    {col.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => (
                <tr key={c.key}>
                  <th scope="row">{c.label}</th>
                  {series.map((s) => {
                    const value = s.values[i];
                    return <td key={s.key}>{value === null || value === undefined ? "—" : format(value)}</td>;
                  })}
                  {columns.map((col) => (
                    <td key={col.label}>{col.cells[i]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

/** Which colour is which series: a swatch drawn in SVG (no inline styles under the CSP) and its name. */
export function ChartLegend({ series }: { series: ReadonlyArray<{ key: string; label: string; kind: "bar" | "line" }> }) {
  if (series.length < 2) return null;
  return (
    <p className="actions small" aria-hidden="true">
      {series.map((s, i) => {
        const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
        return (
          <span key={s.key}>
            <svg width="18" height="12" viewBox="0 0 18 12" focusable="false">
              {s.kind === "bar" ? (
                <rect x="2" y="1" width="14" height="10" fill={colour} />
              ) : (
                <line x1="1" x2="17" y1="6" y2="6" stroke={colour} strokeWidth="3" />
              )}
            </svg>{" "}
            {s.label}
          </span>
        );
      })}
    </p>
  );
}
