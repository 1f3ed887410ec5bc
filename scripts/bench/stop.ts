// Stopping: N running programs (default 100) stopped by a shutdown (SIGTERM), ours vs the reference: the time from
// the signal until every "stopped:" line is logged. Target (issue 4): <= 0.15 s [reference up to 1.04 s].
// Usage: bun scripts/bench/stop.ts [N=100] [REPS=3]
import { fleets } from "./lib/collect";
import { requireBinaries } from "./lib/paths";
import type { Pair } from "./lib/stats";
import { printMetric, scaledTarget, type Metric } from "./lib/table";

/** `stopped` holds ms from SIGTERM until every program logged `stopped:`. */
export function stopMetric(n: number, stopped: Pair): Metric {
  const s = (xs: number[]) => xs.map((ms) => ms / 1000);
  return {
    label: `stop ${n} programs (SIGTERM to all stopped)`,
    unit: "s",
    samples: { ours: s(stopped.ours), reference: s(stopped.reference) },
    target: scaledTarget(0.15, 1.04, "s"),
  };
}

export async function benchStop(n: number, reps: number): Promise<Metric> {
  const got = await fleets(reps, { programs: n, timeStop: true });
  return stopMetric(n, got.stopped);
}

if (import.meta.main) {
  requireBinaries();
  printMetric(await benchStop(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 3)));
}
