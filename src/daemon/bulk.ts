// Acting on many processes at once (startProcessGroup, stopAllProcesses, signalAllProcesses...), as 4.2.5's
// make_allfunc does: only the processes the predicate picks, each by its namespec, failures as outcomes.
import { makeNamespec } from "../core/namespec";
import type { ProcessOutcome } from "./api";
import type { Group } from "./group";
import type { Process } from "./process";

/**
 * 4.2.5's make_allfunc: act on each matching process at once; failures become outcomes, not exceptions. Outcomes
 * come in the order they are known: those settled at once (an error, a start with nothing to wait for) in list
 * order, then the waited-for ones as they finish.
 */
export async function eachProcess(
  list: [Group, Process][],
  want: (p: Process) => boolean,
  act: (p: Process, name: string) => Promise<true>,
): Promise<ProcessOutcome[]> {
  const outcomes: ProcessOutcome[] = [];
  const pending = list
    .filter(([, p]) => want(p))
    .map(([g, p]) => {
      const record = (error: Error | null) => void outcomes.push({ name: p.config.name, group: g.name, error });
      return act(p, namespecOf(g, p)).then(() => record(null), (err: Error) => record(err));
    });
  await Promise.all(pending);
  return outcomes;
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
