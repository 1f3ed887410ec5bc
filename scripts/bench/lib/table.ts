// The one results table: metric, ours and the reference (median, min–max), their ratio, the target and whether it
// is met; as text for the terminal and the README, and as JSON.
import { summarize, type Pair, type Summary } from "./stats";

export interface Target {
  text: string;
  met: (ours: Summary, reference: Summary) => boolean;
}

/**
 * An issue's absolute target beside the reference figure it gives in brackets, both measured on the machine.
 * Machines here are shared and of varying speed, so the target is met when ours/reference in this run is at most
 * target/bracket: the speed-up the issue asks for, not its seconds.
 */
export function scaledTarget(target: number, bracket: number, unit: string): Target {
  const ratio = target / bracket;
  return {
    text: `≤ ${target} ${unit} of ${bracket} (≤ ${num(ratio)}×)`,
    met: (ours, reference) => ours.median / reference.median <= ratio,
  };
}

export interface Metric {
  label: string;
  unit: string;
  samples: Pair;
  target: Target | null;
  /** Said under the table (a cap on repetitions, what the ratio compares, ...). */
  note?: string;
}

export interface Row {
  label: string;
  unit: string;
  ours: Summary;
  reference: Summary;
  ratio: number;
  target: string;
  met: boolean | null;
  note?: string;
}

export function rowOf(m: Metric): Row {
  const ours = summarize(m.samples.ours);
  const reference = summarize(m.samples.reference);
  return {
    label: m.label,
    unit: m.unit,
    ours,
    reference,
    ratio: ours.median / reference.median,
    target: m.target?.text ?? "report",
    met: m.target ? m.target.met(ours, reference) : null,
    ...(m.note ? { note: m.note } : {}),
  };
}

/** Three significant digits, without exponent notation. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.1 ? 3 : 4;
  return x.toFixed(digits);
}

/** ours/reference; a reference median of 0 (idle CPU under one tick) has no ratio. */
const ratioText = (x: number) => (Number.isFinite(x) ? `${num(x)}×` : "—");

const cell = (s: Summary, unit: string) => `${num(s.median)} ${unit} (${num(s.min)}–${num(s.max)}, n=${s.n})`;

export function renderTable(rows: Row[]): string {
  const header = ["metric", "ours (median, min–max)", "reference 4.2.5 (median, min–max)", "ours/ref", "target", "met?"];
  const body = rows.map((r) => [
    r.label,
    cell(r.ours, r.unit),
    cell(r.reference, r.unit),
    ratioText(r.ratio),
    r.target,
    r.met === null ? "—" : r.met ? "yes" : "NO",
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((line) => line[i]!.length)));
  const line = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.label}: ${r.note}`);
  return [line(header), rule, ...body.map(line), ...(notes.length ? ["", ...notes] : [])].join("\n");
}

/** Prints one metric's two sides (for the standalone scripts). */
export function printMetric(m: Metric): void {
  const r = rowOf(m);
  console.log(`${r.label}: ours ${cell(r.ours, r.unit)}, reference ${cell(r.reference, r.unit)}, ratio ${ratioText(r.ratio)}, target ${r.target}${r.met === null ? "" : r.met ? " met" : " NOT met"}`);
  if (r.note) console.log(`  ${r.note}`);
}
