// Stopping: N running programs (default 100) stopped by a shutdown (SIGTERM), ours vs the reference: the time from
// the signal until every "stopped:" line is logged, and until the daemon has exited. Target (issue 4): <= 0.15 s.
// Usage: bun scripts/bench/stop.ts [N=100] [RUNS=3]
import { BenchDaemon, ratio, requireBinaries, type Who } from "./engine-common";

const N = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 3);

async function once(who: Who) {
  const d = new BenchDaemon(who, N);
  try {
    d.start();
    await d.until("success:", N, d.startedAt);
    const t0 = performance.now();
    d.proc!.kill("SIGTERM");
    const stopped = await d.until("stopped:", N, t0);
    await d.proc!.exited;
    return { stopped, exited: performance.now() - t0 };
  } finally {
    d.cleanup();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

requireBinaries();
const results: Record<Who, { stopped: number[]; exited: number[] }> = { ours: { stopped: [], exited: [] }, reference: { stopped: [], exited: [] } };
for (let i = 0; i < RUNS; i++) {
  for (const who of ["reference", "ours"] as const) {
    const r = await once(who);
    results[who].stopped.push(r.stopped);
    results[who].exited.push(r.exited);
  }
}
const o = results.ours;
const r = results.reference;
console.log(
  `stop ${N} programs (median of ${RUNS}): all stopped: ours ${median(o.stopped).toFixed(0)} ms, reference ${median(r.stopped).toFixed(0)} ms, ` +
    `ratio ${ratio(median(o.stopped), median(r.stopped))}; daemon exited: ours ${median(o.exited).toFixed(0)} ms, ` +
    `reference ${median(r.exited).toFixed(0)} ms`,
);
