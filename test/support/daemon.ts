// Runs a supervisord (ours from dist/, or the reference) in the foreground on a config written into a temp folder,
// and reads its main log. Tests wait on log lines with deadlines and kill only the pids they started.
import { afterEach } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { killTree } from "./kill-tree";
import { SUPERVISORD } from "./paths";
import { REFERENCE_SITE, refBin } from "./reference";
import { testEnv } from "./run";
import { makeTmpDir } from "./tmp";
import { waitFor } from "./wait";

export type Flavour = "ours" | "reference";

export class DaemonRun {
  readonly proc: ReturnType<typeof Bun.spawn>;
  readonly log: string;
  readonly pidfile: string;

  constructor(
    readonly dir: string,
    configFile: string,
    flavour: Flavour,
    extraArgs: string[] = ["-n"],
  ) {
    this.log = join(dir, "supervisord.log");
    this.pidfile = join(dir, "supervisord.pid");
    const bin = flavour === "ours" ? SUPERVISORD : refBin("supervisord");
    const env = testEnv(flavour === "reference" && REFERENCE_SITE ? { PYTHONPATH: REFERENCE_SITE } : {});
    this.proc = Bun.spawn([bin, "-c", configFile, ...extraArgs], { cwd: dir, env, stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  }

  text(): string {
    return existsSync(this.log) ? readFileSync(this.log, "utf8") : "";
  }

  /** The messages of the main log, without the timestamp and level. */
  messages(): string[] {
    return this.text()
      .split("\n")
      .filter(Boolean)
      .map((l) => l.replace(/^\S+ \S+ [A-Z]{4} /, ""));
  }

  async waitForLine(what: string | RegExp, timeoutMs = 10_000): Promise<string> {
    return waitFor(
      `log line ${what}`,
      () => this.messages().find((m) => (typeof what === "string" ? m.includes(what) : what.test(m))),
      { timeoutMs },
    );
  }

  /** Pid of a program from its "spawned:" line (the latest one). */
  spawnedPid(name: string): number {
    const lines = this.messages().filter((m) => m.startsWith(`spawned: '${name}' with pid `));
    if (!lines.length) throw new Error(`${name} was not spawned`);
    return Number(lines.at(-1)!.split(" ").at(-1));
  }

  /** Set once the daemon was sent SIGTERM: a second one could land after Python restored SIGTERM's default action
   * on its way out, and the reference would then die of it (status 143) instead of exiting 0. */
  private terminating = false;

  signal(sig: NodeJS.Signals): void {
    if (sig === "SIGTERM") this.terminating = true;
    this.proc.kill(sig);
  }

  /** SIGTERM (unless it was already sent) and wait for the exit status. */
  async stop(timeoutMs = 15_000): Promise<number> {
    if (!this.terminating) this.signal("SIGTERM");
    return this.exited(timeoutMs);
  }

  async exited(timeoutMs = 15_000): Promise<number> {
    const timer = setTimeout(() => killTree(this.proc.pid), timeoutMs);
    try {
      return await this.proc.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Last resort for a failed test: kill what it started, with whatever those processes started in turn. */
export function killAll(pids: number[]): void {
  for (const pid of pids) killTree(pid);
}

/** What one test file started and must undo: pids to kill and folders to remove, released after each test. */
export function testScope(): { started: number[]; cleanups: (() => void)[] } {
  const started: number[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    killAll(started.splice(0));
    for (const c of cleanups.splice(0)) c();
  });
  return { started, cleanups };
}

/** A temp folder with a supervisord.conf: the [supervisord] section points every file into the folder. */
export function writeConfig(programs: string, supervisord = ""): { dir: string; file: string; cleanup: () => void } {
  const tmp = makeTmpDir("sv-e2e-");
  const file = join(tmp.dir, "supervisord.conf");
  writeFileSync(
    file,
    `[supervisord]\nlogfile=${tmp.dir}/supervisord.log\npidfile=${tmp.dir}/supervisord.pid\n` +
      `childlogdir=${tmp.dir}\nloglevel=info\n${supervisord}\n${programs}`,
  );
  return { ...tmp, file };
}

/** Masks pids, and folds repeats that only 4.2.5's 1-second poll produces (a second SIGKILL, a repeated report). */
export function normaliseMessages(messages: string[]): string[] {
  const masked = messages.map((m) => m.replace(/pid \d+/g, "pid N").replace(/\(\d+\)/g, "(N)"));
  return masked.filter((m, i) => m !== masked[i - 1]);
}
