// Start-up: N programs (startsecs=1) brought to RUNNING, ours vs the reference, interleaved. Targets (issue 4):
// 100 programs in <= 1.2 s, 1,000 in <= 2.0 s, where the reference took 2.2 s and 11.8 s (the floor is 1 s plus
// fork/exec), compared by ratio (lib/table.ts scaledTarget). Beside the time, the CPU the
// daemon used until then, and (as a note) the CPU the programs themselves took to start: on a 2-core machine their
// own start-up is part of the floor, whichever supervisor starts them.
// Usage: bun scripts/bench/spawn.ts [COUNTS=100,1000] [REPS=3]
import { fleets } from "./lib/collect";
import { requireBinaries } from "./lib/paths";
import { spawnFloor } from "./lib/spawn-floor";
import { median, type Pair } from "./lib/stats";
import { num, printMetric, scaledTarget, type Metric } from "./lib/table";

/** The target and, in brackets, the reference's time on its machine. */
const TARGET_S: Record<number, [target: number, bracket: number]> = { 100: [1.2, 2.2], 1000: [2.0, 11.8] };

/** `running` holds ms from exec until all RUNNING; `floorS`, when measured, the bare spawn time of lib/spawn-floor.ts. */
export function launchMetric(n: number, running: Pair, floorS?: number): Metric {
  const s = (xs: number[]) => xs.map((ms) => ms / 1000);
  const target = TARGET_S[n];
  return {
    label: `launch until ${n} programs RUNNING (startsecs=1)`,
    unit: "s",
    samples: { ours: s(running.ours), reference: s(running.reference) },
    target: target ? scaledTarget(target[0], target[1], "s") : null,
    ...(floorS === undefined ? {} : { note: `a bare script spawns the ${n} sleep children in ${num(floorS)} s here: with startsecs the floor is ${num(floorS + 1)} s` }),
  };
}

/** The daemon's CPU seconds until all RUNNING; the note gives the children's own, the part no daemon can save. */
export function launchCpuMetric(n: number, cpu: Pair, children: Pair): Metric {
  const kids = (xs: number[]) => (xs.length ? `${num(median(xs))} CPU-s` : "—");
  return {
    label: `daemon CPU until ${n} programs RUNNING`,
    unit: "CPU-s",
    samples: cpu,
    target: null,
    note: `starting the ${n} programs themselves took ${kids(children.ours)} under ours, ${kids(children.reference)} under the reference (median)`,
  };
}

export async function benchSpawn(n: number, reps: number): Promise<Metric> {
  return (await benchSpawnAll(n, reps))[0]!;
}

/** The launch time and the daemon's CPU, from the same runs. */
export async function benchSpawnAll(n: number, reps: number): Promise<Metric[]> {
  const got = await fleets(reps, { programs: n });
  return [launchMetric(n, got.running, await spawnFloor(n)), launchCpuMetric(n, got.launchCpu, got.childrenCpu)];
}

if (import.meta.main) {
  requireBinaries();
  const counts = (process.argv[2] ?? "100,1000").split(",").map(Number);
  const reps = Number(process.argv[3] ?? 3);
  for (const n of counts) for (const m of await benchSpawnAll(n, reps)) printMetric(m);
}
