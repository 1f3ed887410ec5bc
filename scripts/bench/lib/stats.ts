// Samples and their summary: median, min and max.

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(xs: number[]): Summary {
  if (xs.length === 0) throw new Error("bench: no samples");
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/** Samples of one measured quantity, for each side. */
export interface Pair {
  ours: number[];
  reference: number[];
}

export const emptyPair = (): Pair => ({ ours: [], reference: [] });

/** "median (min–max)", whole numbers. */
export function summaryText(xs: number[]): string {
  const s = summarize(xs);
  return `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
}
