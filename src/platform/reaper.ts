// Reaping orphans. Bun reaps the children it spawned; but when supervisord is PID 1 (a container) or a subreaper,
// the orphaned grandchildren of its programs become its children too, and nobody else would ever wait for them.
// On SIGCHLD this looks through /proc for its own children that are zombies and not spawned by it, and reaps each
// by pid, so Bun's own waiting for the programs is never disturbed.
//
// libc (prctl, waitpid) is reached through bun:ffi, which stays resident once loaded (see limits.ts): it is loaded
// at the first SIGCHLD, not at start-up, so a daemon whose programs never exit never pays for it.
import { readdirSync, readFileSync } from "node:fs";
import { ffi, libc } from "./libc";
import type { SignalSource } from "./signals";
import type { ChildExit } from "./spawner";
import { signame } from "../core/signals";

const WNOHANG = 1;
const PR_GET_CHILD_SUBREAPER = 37;

/**
 * Whether orphans can become our children at all: only as PID 1 or a subreaper (a flag that survives the exec
 * that started us, and that we never set ourselves). Otherwise every child is one Bun spawned and reaps itself,
 * and SIGCHLD needs no /proc scan: at a shutdown that scan ran once per exiting child.
 */
export function orphansComeToUs(): boolean {
  if (process.pid === 1) return true;
  const flag = new Int32Array(1);
  return libc().prctl(PR_GET_CHILD_SUBREAPER, ffi().ptr(flag), 0, 0, 0) === 0 && flag[0] !== 0;
}

function childrenOfSelf(): number[] {
  const pids: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return pids;
  }
  for (const tid of tasks) {
    try {
      for (const p of readFileSync(`/proc/self/task/${tid}/children`, "utf8").split(" ")) if (p) pids.push(Number(p));
    } catch {
      // the thread ended meanwhile
    }
  }
  return pids;
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}

/** Reaps one zombie by pid; null if it was not ours to reap after all. */
function reap(pid: number): ChildExit | null {
  const status = new Int32Array(1);
  if (libc().waitpid(pid, ffi().ptr(status), WNOHANG) !== pid) return null;
  const s = status[0]!;
  return (s & 0x7f) === 0 ? { code: (s >> 8) & 0xff, signal: null } : { code: null, signal: signame(s & 0x7f) };
}

/**
 * Reaps every zombie child whose pid `isSpawned` does not claim; calls `reaped` for each. Cheap when there is
 * nothing to do: one small /proc read per thread.
 */
export function reapOrphans(isSpawned: (pid: number) => boolean, reaped: (pid: number, exit: ChildExit) => void): void {
  for (const pid of childrenOfSelf()) {
    if (isSpawned(pid) || !isZombie(pid)) continue;
    const exit = reap(pid);
    if (exit) reaped(pid, exit);
  }
}

/**
 * Reaps orphans on SIGCHLD for as long as they can reach us. Whether they can is asked at the first SIGCHLD (see the
 * note at the top); if not, the listener goes. `spawned` is called once per SIGCHLD: a set, because a lookup per
 * child was a scan of every process, O(N²) when N children exit at once. Returns the function that stops listening.
 */
export function watchOrphans(
  signals: SignalSource,
  spawned: () => ReadonlySet<number>,
  reaped: (pid: number, exit: ChildExit) => void,
): () => void {
  let comeToUs: boolean | null = null;
  let unlisten: (() => void) | null = null;
  const stop = () => {
    unlisten?.();
    unlisten = null;
  };
  unlisten = signals.listen(() => {
    comeToUs ??= orphansComeToUs();
    if (!comeToUs) return stop();
    const ours = spawned();
    reapOrphans((pid) => ours.has(pid), reaped);
  }, ["SIGCHLD"]);
  return stop;
}
