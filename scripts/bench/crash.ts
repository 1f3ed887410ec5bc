// Crash-restart cycles per second: one program that exits at once (/bin/false, startsecs=0, autorestart=true), so
// the daemon spawns, notices the exit and spawns again as fast as it can; counted from the main log over a window,
// ours vs the reference. No target: reported [reference 2.3/s].
// Usage: bun scripts/bench/crash.ts [REPS=3] [WINDOW_S=5]
import { interleave } from "./lib/collect";
import { withDaemon } from "./lib/daemon";
import { requireBinaries, type Who } from "./lib/paths";
import type { Pair } from "./lib/stats";
import { printMetric, type Metric } from "./lib/table";

export function crashMetric(cycles: Pair): Metric {
  return { label: "crash-restart cycles/s (startsecs=0)", unit: "/s", samples: cycles, target: null };
}

/** Cycles per second over `windowMs`, once the loop runs; every cycle must be a spawn followed by its exit. */
export function crashOnce(who: Who, windowMs: number): Promise<number> {
  const opts = { programs: 1, command: "/bin/false", startsecs: 0, programLines: "autorestart=true\nstartretries=0\n" };
  return withDaemon(who, opts, async (d) => {
    await d.until("exited:", 1, d.startedAt, 60_000);
    const before = d.count("exited:");
    const t0 = performance.now();
    await Bun.sleep(windowMs);
    const exited = d.count("exited:") - before;
    const seconds = (performance.now() - t0) / 1000;
    const [spawned, total] = d.countAll("spawned:", "exited:");
    // At most one spawn may be ahead of its exit.
    if (spawned < total || spawned > total + 1) throw new Error(`${who}: ${spawned} spawned vs ${total} exited`);
    if (d.count("gave up:") > 0) throw new Error(`${who}: the program went FATAL`);
    return exited / seconds;
  });
}

export async function benchCrash(reps: number, windowMs = 5000): Promise<Metric> {
  const got = await interleave(reps, async (who) => ({ cycles: await crashOnce(who, windowMs) }));
  return crashMetric(got.cycles);
}

if (import.meta.main) {
  requireBinaries();
  printMetric(await benchCrash(Number(process.argv[2] ?? 3), Number(process.argv[3] ?? 5) * 1000));
}
