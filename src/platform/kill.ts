// Sending signals. A process group is addressed by the negative pid of its leader, as kill(2) does; every child
// leads its own group (the spawner starts it detached), so stopasgroup/killasgroup reach its whole tree.
import { signalNumber } from "../core/signals";

export interface Killer {
  /** Throws an Error with `code` (ESRCH, EPERM, ...) when kill(2) fails. */
  kill(pid: number, signal: string | number, group: boolean): void;
}

export class SystemKiller implements Killer {
  kill(pid: number, signal: string | number, group: boolean): void {
    const n = signalNumber(signal);
    if (n === null) throw Object.assign(new Error(`unknown signal ${signal}`), { code: "EINVAL" });
    if (pid <= 0) throw Object.assign(new Error(`refusing to signal pid ${pid}`), { code: "EINVAL" });
    process.kill(group ? -pid : pid, n);
  }
}

/** True when the error is kill(2)'s "no such process": the child died before the signal reached it. */
export function isNoSuchProcess(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "ESRCH";
}
