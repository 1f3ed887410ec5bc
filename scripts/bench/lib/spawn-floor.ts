// The floor under any launch time on this machine: the seconds a bare script needs to Bun.spawn N `sleep`
// children (each call returns once its child has exec'd), without a supervisor, its pipes or its logs.
import { median } from "./stats";

async function spawnOnce(n: number): Promise<number> {
  const children: ReturnType<typeof Bun.spawn>[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < n; i++) children.push(Bun.spawn(["sleep", "1000"], { stdio: ["ignore", "ignore", "ignore"], detached: true }));
    return (performance.now() - t0) / 1000;
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
  }
}

/** Median seconds over `reps` runs of spawning `n` children. */
export async function spawnFloor(n: number, reps = 3): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) runs.push(await spawnOnce(n));
  return median(runs);
}
