// Acting on many processes at once (startProcessGroup, stopAllProcesses, signalAllProcesses...), as 4.2.5's
// make_allfunc does: only the processes the predicate picks, each by its namespec, failures as outcomes.
import { makeNamespec } from "../core/namespec";
import type { ProcessOutcome } from "./api";
import type { Group } from "./group";
import type { Process } from "./process";

/** How often 4.2.5 looks again at the processes a group call waits for (its deferred answer's delay, 0.05 s). */
export const POLL_MS = 50;

/**
 * 4.2.5's make_allfunc: act on each matching process in list order; failures become outcomes, not exceptions.
 * Outcomes are listed as 4.2.5 lists them: first those settled at once (an error, a start or stop with nothing to
 * wait for), then, at each look every POLL_MS, those that finished since the last look, in list order, not in the
 * order they finished (a process that dies 10 ms after SIGTERM is listed before a later one that died at once).
 */
export async function eachProcess(
  list: [Group, Process][],
  want: (p: Process) => boolean,
  act: (p: Process, name: string) => Promise<true>,
): Promise<ProcessOutcome[]> {
  const picked = list.filter(([, p]) => want(p));
  const settled: (ProcessOutcome | null)[] = picked.map(() => null);
  const all = Promise.all(
    picked.map(([g, p], i) => {
      const record = (error: Error | null) => void (settled[i] = { name: p.config.name, group: g.name, error });
      return act(p, namespecOf(g, p)).then(() => record(null), (err: Error) => record(err));
    }),
  );
  const outcomes: ProcessOutcome[] = [];
  const look = () => {
    for (let i = 0; i < settled.length; i++) {
      if (settled[i]) outcomes.push(settled[i]!);
      settled[i] = null;
    }
  };
  // The first look comes after the timers already due: a start with startsecs=0 reaches RUNNING on one, as 4.2.5's
  // startProcess does at once, and is listed with what settled at once.
  await pause(0);
  for (look(); outcomes.length < picked.length; look()) await Promise.race([all, pause(POLL_MS)]);
  return outcomes;
}

/** A timer that keeps nothing alive once the race it is in is decided. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export function eachProcessSync(list: [Group, Process][], want: (p: Process) => boolean, act: (p: Process, name: string) => true) {
  return list.flatMap(([g, p]): ProcessOutcome[] => {
    if (!want(p)) return [];
    try {
      act(p, namespecOf(g, p));
      return [{ name: p.config.name, group: g.name, error: null }];
    } catch (err) {
      return [{ name: p.config.name, group: g.name, error: err as Error }];
    }
  });
}

function namespecOf(g: Group, p: Process): string {
  return makeNamespec(g.name, p.config.name);
}
