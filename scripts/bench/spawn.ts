// Start-up: N programs (startsecs=1) brought to RUNNING, ours vs the reference, interleaved. Targets (issue 4):
// 100 programs in <= 1.2 s, 1,000 in <= 2.0 s (the floor is 1 s plus fork/exec).
// Usage: bun scripts/bench/spawn.ts [COUNTS=100,1000] [REPS=3]
import { fleets } from "./lib/collect";
import { requireBinaries } from "./lib/paths";
import type { Pair } from "./lib/stats";
import { printMetric, type Metric } from "./lib/table";

const TARGET_S: Record<number, number> = { 100: 1.2, 1000: 2.0 };

/** `running` holds ms from exec until all RUNNING. */
export function launchMetric(n: number, running: Pair): Metric {
  const s = (xs: number[]) => xs.map((ms) => ms / 1000);
  const target = TARGET_S[n];
  return {
    label: `launch until ${n} programs RUNNING (startsecs=1)`,
    unit: "s",
    samples: { ours: s(running.ours), reference: s(running.reference) },
    target: target ? { text: `≤ ${target} s`, met: (o) => o.median <= target } : null,
  };
}

export async function benchSpawn(n: number, reps: number): Promise<Metric> {
  const got = await fleets(reps, { programs: n });
  return launchMetric(n, got.running);
}

if (import.meta.main) {
  requireBinaries();
  const counts = (process.argv[2] ?? "100,1000").split(",").map(Number);
  const reps = Number(process.argv[3] ?? 3);
  for (const n of counts) printMetric(await benchSpawn(n, reps));
}
