// Resident memory: the daemon's RSS once N programs are RUNNING (and a second to settle), ours vs the reference,
// for 10 and 1,000 programs, each side started from executable files read from disk (lib/page-cache.ts says why).
// Target (issue 4): at most the reference's.
// Usage: bun scripts/bench/memory.ts [COUNTS=10,1000] [REPS=3]
import { fleets } from "./lib/collect";
import { requireBinaries } from "./lib/paths";
import { rssFloor } from "./lib/rss-floor";
import { median, type Pair } from "./lib/stats";
import { printMetric, type Metric } from "./lib/table";

const SETTLE_MS = 1000;

/** `anon`, when given, is the anonymous (heap) part of each RSS sample, and `floorMB` the RSS of lib/rss-floor.ts's
 * program for the same number of children; both are said in the note. */
export function memoryMetric(n: number, rss: Pair, anon?: Pair, floorMB?: number): Metric {
  const notes = [
    ...(anon ? [`anonymous (heap) part: ours ${median(anon.ours).toFixed(1)} MB, reference ${median(anon.reference).toFixed(1)} MB; the rest is mapped code and libraries`] : []),
    ...(floorMB === undefined ? [] : [`a Bun program doing only the daemon's Bun calls for ${n} children holds ${floorMB.toFixed(1)} MB here`]),
  ];
  return {
    label: `daemon RSS, ${n} programs`,
    unit: "MB",
    samples: rss,
    target: { text: "≤ reference", met: (o, r) => o.median <= r.median },
    ...(notes.length ? { note: notes.join("; ") } : {}),
  };
}

export async function benchMemory(n: number, reps: number): Promise<Metric> {
  const got = await fleets(reps, { programs: n, settleMs: SETTLE_MS, coldCache: true });
  return memoryMetric(n, got.rssMB, got.anonMB, await rssFloor(n, reps, SETTLE_MS));
}

if (import.meta.main) {
  requireBinaries();
  const reps = Number(process.argv[3] ?? 3);
  for (const n of (process.argv[2] ?? "10,1000").split(",").map(Number)) printMetric(await benchMemory(n, reps));
}
