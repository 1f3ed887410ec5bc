// supervisord's ordered stop at shutdown or restart (4.2.5's stop_groups): the highest-priority groups first, the
// next ones only once those are fully down, with a "waiting for … to die" report at most every 3 seconds. It moves
// on the state changes of the processes it waits for (and on the report timer), never on a poll, and each change
// costs O(1), so stopping 1,000 programs is not quadratic.
import { isStoppedState } from "../core/states";
import type { Clock, TimerHandle } from "../platform/clock";
import type { Group } from "./group";
import type { MainLogger } from "./log-seams";
import type { Process } from "./process";

const REPORT_EVERY_MS = 3000;

export class OrderedStop {
  /** Groups not yet asked to stop, ascending priority: the end of the list goes first. */
  private readonly queue: Group[];
  /** Processes of the groups being stopped that have not reached a stopped state yet. */
  private readonly pending = new Set<Process>();
  private lastReport = -Infinity;
  private reportTimer: TimerHandle | null = null;
  private finished = false;

  constructor(
    private readonly all: Group[],
    private readonly clock: Clock,
    private readonly log: MainLogger,
    private readonly done: () => void,
  ) {
    this.queue = [...all];
  }

  /** Stops the first groups; call once. */
  begin(): void {
    this.nextTier();
  }

  /** A process changed state. */
  changed(p: Process): void {
    if (!this.pending.has(p) || !isStoppedState(p.state)) return;
    this.pending.delete(p);
    if (this.pending.size === 0) this.nextTier();
  }

  dispose(): void {
    this.reportTimer?.cancel();
    this.reportTimer = null;
  }

  /**
   * Stops the highest-priority groups left. 4.2.5 stops one group at a time; groups of equal priority have no order
   * between them, so they stop together here, which makes many single-program groups take one stop's time.
   */
  private nextTier(): void {
    while (this.queue.length) {
      const priority = this.queue.at(-1)!.config.priority;
      const tier: Group[] = [];
      while (this.queue.length && this.queue.at(-1)!.config.priority === priority) tier.push(this.queue.pop()!);
      for (const g of tier) {
        for (const p of [...g.processes].reverse()) {
          if (p.state === "RUNNING" || p.state === "STARTING") p.send({ kind: "stop" });
          else if (p.state === "BACKOFF") p.send({ kind: "giveUp" });
        }
      }
      // Added after the sends: a process that stops at once (BACKOFF → FATAL) is never waited for.
      for (const g of tier) for (const p of g.processes) if (!isStoppedState(p.state)) this.pending.add(p);
      if (this.pending.size) {
        this.report();
        return;
      }
    }
    if (this.finished) return;
    this.finished = true;
    this.dispose();
    this.done();
  }

  /** "waiting for a, b to die" (every process still up, in any group), at most every 3 seconds. */
  private report(): void {
    const now = this.clock.now();
    if (now >= this.lastReport + REPORT_EVERY_MS) {
      const unstopped = this.all.flatMap((g) => g.unstopped());
      if (!unstopped.length) return;
      this.lastReport = now;
      this.log.log("info", `waiting for ${unstopped.map((p) => p.config.name).join(", ")} to die`);
      for (const p of unstopped) this.log.log("blather", `${p.config.name} state: ${p.state}`);
    }
    this.reportTimer ??= this.clock.at(this.lastReport + REPORT_EVERY_MS, () => {
      this.reportTimer = null;
      if (!this.finished) this.report();
    });
  }
}
