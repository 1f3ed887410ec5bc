// Tells once when supervisord's first launch has settled: every program the first start set going has left STARTING
// and BACKOFF (it runs, or was given up on). What runs until then (reading the config, spawning each program) runs
// once per program, and the daemon uses this moment to let the JIT compile what turns hot afterwards (run.ts).
import type { ProcessStateName } from "../core/states";

export interface Watchable {
  watch(fn: (to: ProcessStateName) => void): () => void;
}

const LAUNCHING: ReadonlySet<ProcessStateName> = new Set(["STARTING", "BACKOFF"]);

/** Watches `processes`, runs `start`, and calls `settled` once none of them is STARTING or BACKOFF any more (at once
 * when start set none going). */
export function whenLaunched(processes: Iterable<Watchable>, start: () => void, settled: () => void): void {
  const launching = new Set<Watchable>();
  const unwatch: (() => void)[] = [];
  let started = false;
  let done = false;
  const check = () => {
    if (!started || done || launching.size > 0) return;
    done = true;
    for (const off of unwatch) off();
    settled();
  };
  for (const p of processes) {
    unwatch.push(
      p.watch((to) => {
        if (LAUNCHING.has(to)) launching.add(p);
        else launching.delete(p);
        check();
      }),
    );
  }
  start();
  started = true;
  check();
}
