// bench/results.json in the shape issue 9 fixes, and the table printed at the end of a run.

export interface ResultRow {
  name: string;
  rps_max: number | null;
  offered_rps: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  errors: number;
  /** Only where the floor server measured the same thing. */
  floor_rps_max?: number;
  rss_mb: number;
}

export interface Results {
  scale: number;
  node: string;
  date: string;
  results: ResultRow[];
}

/** What the table says beyond results.json: the rate actually achieved while offering `offered_rps`. */
export interface RowNotes {
  achieved_rps?: number;
  note?: string;
}

const round1 = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

export function roundRow(row: ResultRow): ResultRow {
  return {
    name: row.name,
    // Whole requests per second, with a decimal below 10 (the ranking page takes seconds each).
    rps_max: row.rps_max === null ? null : row.rps_max < 10 ? Math.round(row.rps_max * 10) / 10 : Math.round(row.rps_max),
    offered_rps: row.offered_rps === null ? null : Math.round(row.offered_rps * 10) / 10,
    p50_ms: round1(row.p50_ms),
    p95_ms: round1(row.p95_ms),
    p99_ms: round1(row.p99_ms),
    errors: row.errors,
    ...(row.floor_rps_max !== undefined ? { floor_rps_max: Math.round(row.floor_rps_max) } : {}),
    rss_mb: Math.round(row.rss_mb),
  };
}

export function formatTable(rows: ResultRow[], notes: Map<string, RowNotes>): string {
  const header = [
    "measurement",
    "rps max",
    "floor",
    "x floor",
    "offered",
    "achieved",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "rss MB",
  ];
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? "-" : String(v));
  const lines = rows.map((r) => {
    const n = notes.get(r.name);
    const ratio = r.floor_rps_max && r.rps_max ? `${(r.floor_rps_max / r.rps_max).toFixed(1)}x` : "-";
    return [
      r.name,
      cell(r.rps_max),
      cell(r.floor_rps_max),
      ratio,
      cell(r.offered_rps),
      cell(
        n?.achieved_rps === undefined
          ? undefined
          : n.achieved_rps < 10
            ? Math.round(n.achieved_rps * 10) / 10
            : Math.round(n.achieved_rps),
      ),
      cell(r.p50_ms),
      cell(r.p95_ms),
      cell(r.p99_ms),
      cell(r.errors),
      cell(r.rss_mb),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const out = [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(fmt)];
  for (const r of rows) {
    const note = notes.get(r.name)?.note;
    if (note) out.push(`  ${r.name}: ${note}`);
  }
  return out.join("\n");
}
