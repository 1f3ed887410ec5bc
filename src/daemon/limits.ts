// minfds / minprocs at start-up, as 4.2.5's set_rlimits_or_exit: raise the soft limit (and the hard one if needed,
// which only root may) to the minimum; if the kernel refuses, stop with 4.2.5's explanation.
import { type Limits, RLIMIT_NOFILE, RLIMIT_NPROC } from "../platform/limits";

export class StartupError extends Error {
  override name = "StartupError";
}

const MESSAGES = {
  RLIMIT_NOFILE: (min: number, hard: number) =>
    `The minimum number of file descriptors required to run this process is ${min} as per the "minfds" ` +
    `command-line argument or config file setting. The current environment will only allow you to open ${hard} ` +
    "file descriptors.  Either raise the number of usable file descriptors in your environment (see README.rst) " +
    "or lower the minfds setting in the config file to allow the process to start.",
  RLIMIT_NPROC: (min: number, hard: number) =>
    `The minimum number of available processes required to run this program is ${min} as per the "minprocs" ` +
    `command-line argument or config file setting. The current environment will only allow you to open ${hard} ` +
    "processes.  Either raise the number of usable processes in your environment (see README.rst) or lower the " +
    "minprocs setting in the config file to allow the program to start.",
};

/** Returns the info lines 4.2.5 logs ("Increased RLIMIT_NOFILE limit to 1024"); throws StartupError. */
export function applyMinimums(limits: Limits, minfds: number, minprocs: number): string[] {
  const infos: string[] = [];
  const wanted = [
    ["RLIMIT_NOFILE", RLIMIT_NOFILE, minfds],
    ["RLIMIT_NPROC", RLIMIT_NPROC, minprocs],
  ] as const;
  for (const [name, resource, min] of wanted) {
    const { soft, hard } = limits.get(resource);
    if (soft === -1 || soft >= min) continue;
    const newHard = hard !== -1 && hard < min ? min : hard;
    try {
      limits.set(resource, { soft: min, hard: newHard });
    } catch {
      // 4.2.5 reports the hard limit it computed, which is the minimum itself when it had to raise it.
      throw new StartupError(MESSAGES[name](min, newHard));
    }
    infos.push(`Increased ${name} limit to ${min}`);
  }
  return infos;
}
