// Killing a daemon a test started, with everything under it. SIGKILL on supervisord alone would orphan its programs
// (they run in their own sessions, so no process-group kill reaches them), and they would outlive the test run.
import { readdirSync, readFileSync } from "node:fs";

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return kids;
  }
  for (const tid of tasks) {
    try {
      for (const p of readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ")) if (p.trim()) kids.push(Number(p));
    } catch {
      // the thread ended meanwhile
    }
  }
  return kids;
}

function send(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGKILLs pid and every descendant. Each parent is frozen first (SIGSTOP) so that a supervisord cannot restart a
 * program between the listing of its children and their death.
 */
export function killTree(pid: number): void {
  const frozen: number[] = [];
  for (let i = 0, all = [pid]; i < all.length; i++) {
    send(all[i]!, "SIGSTOP");
    frozen.push(all[i]!);
    all.push(...childrenOf(all[i]!));
  }
  for (const p of frozen.reverse()) send(p, "SIGKILL");
}
