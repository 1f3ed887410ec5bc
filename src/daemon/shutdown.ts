// supervisord's ordered stop at shutdown or restart (4.2.5's stop_groups): the highest-priority groups first, the
// next ones only once those are fully down, with a "waiting for … to die" report at most every 3 seconds. It moves
// on each process state change (and on the report timer), never on a poll.
import type { Clock, TimerHandle } from "../platform/clock";
import type { Group } from "./group";
import type { MainLogger } from "./log-seams";
import type { Process } from "./process";

const REPORT_EVERY_MS = 3000;

export class OrderedStop {
  /** Groups still to stop, ascending priority: the end of the list goes first. */
  private readonly queue: Group[];
  private lastReport = -Infinity;
  private reportTimer: TimerHandle | null = null;
  private advancing = false;
  private advanceAgain = false;

  constructor(
    private readonly all: Group[],
    private readonly clock: Clock,
    private readonly log: MainLogger,
    private readonly done: () => void,
  ) {
    this.queue = [...all];
  }

  dispose(): void {
    this.reportTimer?.cancel();
    this.reportTimer = null;
  }

  /**
   * One step of the ordered stop: stop the highest-priority groups left, and drop them once all of them are down.
   * 4.2.5 stops one group at a time; groups of equal priority have no order between them, so they stop together
   * here, which makes stopping many single-program groups take one stop's time instead of their sum.
   */
  advance(): void {
    // Stopping a process changes its state, which calls back here: run again after, never nested.
    if (this.advancing) {
      this.advanceAgain = true;
      return;
    }
    this.advancing = true;
    try {
      do {
        this.advanceAgain = false;
        this.step();
      } while (this.advanceAgain);
    } finally {
      this.advancing = false;
    }
  }

  private step(): void {
    const queue = this.queue;
    while (queue.length) {
      const priority = queue.at(-1)!.config.priority;
      const tier = queue.filter((g) => g.config.priority === priority);
      for (const g of [...tier].reverse()) {
        for (const p of [...g.processes].reverse()) {
          if (p.state === "RUNNING" || p.state === "STARTING") p.send({ kind: "stop" });
          else if (p.state === "BACKOFF") p.send({ kind: "giveUp" });
        }
      }
      if (tier.some((g) => g.unstopped().length)) break;
      queue.splice(queue.length - tier.length, tier.length);
    }
    const unstopped = this.all.flatMap((g) => g.unstopped());
    if (!unstopped.length) {
      this.dispose();
      this.done();
      return;
    }
    this.reportShutdown(unstopped);
  }

  /** "waiting for a, b to die", at most every 3 seconds while anything is still up. */
  private reportShutdown(unstopped: Process[]): void {
    const now = this.clock.now();
    if (now >= this.lastReport + REPORT_EVERY_MS) {
      this.lastReport = now;
      this.log.log("info", `waiting for ${unstopped.map((p) => p.config.name).join(", ")} to die`);
      for (const p of unstopped) this.log.log("blather", `${p.config.name} state: ${p.state}`);
    }
    if (!this.reportTimer) {
      this.reportTimer = this.clock.at(this.lastReport + REPORT_EVERY_MS, () => {
        this.reportTimer = null;
        this.advance();
      });
    }
  }
}
