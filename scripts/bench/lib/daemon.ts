// One supervisord (ours or the reference) in the foreground, in its own temp folder, on a config of N identical
// programs with a unix socket; progress is read from its main log, cost from /proc.
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropPageCache } from "./page-cache";
import { BASE_ENV, SUPERVISORD, type Who } from "./paths";

export interface DaemonOptions {
  programs: number;
  startsecs?: number;
  command?: string;
  /** Extra lines for every [program:x] section. */
  programLines?: string;
  /** Start from executable files read from disk (see page-cache.ts): for RSS, which depends on that state. */
  coldCache?: boolean;
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

export class BenchDaemon {
  readonly dir = mkdtempSync(join(tmpdir(), "sv-bench-"));
  readonly log = join(this.dir, "supervisord.log");
  readonly sock = join(this.dir, "s.sock");
  readonly conf = join(this.dir, "supervisord.conf");
  proc: ReturnType<typeof Bun.spawn> | null = null;
  startedAt = 0;

  constructor(
    readonly who: Who,
    readonly opts: DaemonOptions,
  ) {
    const n = opts.programs;
    let text =
      `[supervisord]\nlogfile=${this.log}\npidfile=${this.dir}/sd.pid\nchildlogdir=${this.dir}\n` +
      `minfds=${Math.max(1024, n * 4 + 100)}\n[unix_http_server]\nfile=${this.sock}\n` +
      "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n" +
      `[supervisorctl]\nserverurl=unix://${this.sock}\n`;
    const program =
      `command=${opts.command ?? "sleep 86400"}\nstartsecs=${opts.startsecs ?? 1}\n` +
      `stdout_logfile=NONE\nstderr_logfile=NONE\n${opts.programLines ?? ""}`;
    for (let i = 0; i < n; i++) text += `[program:p${i}]\n${program}`;
    writeFileSync(this.conf, text);
  }

  start(): void {
    if (this.opts.coldCache) dropPageCache(this.who);
    this.startedAt = performance.now();
    this.proc = Bun.spawn([SUPERVISORD[this.who], "-n", "-c", this.conf], {
      cwd: this.dir,
      env: BASE_ENV,
      stdin: "ignore",
      stdout: "ignore",
      stderr: "ignore",
    });
  }

  /** How many main-log lines contain ` ${marker}`. Reads only what was appended since the last call, so that
   * polling a long log every few ms does not take the CPU the daemons are being timed on. */
  count(marker: string): number {
    this.readNew();
    return this.counted(marker);
  }

  /** Several counts from one read of the log, so that they agree with each other. */
  countAll(...markers: string[]): number[] {
    this.readNew();
    return markers.map((m) => this.counted(m));
  }

  private counted(marker: string): number {
    let n = this.counts.get(marker);
    if (n === undefined) {
      n = occurrences(this.lines.join(""), ` ${marker}`);
      this.counts.set(marker, n);
    }
    return n;
  }

  private offset = 0;
  private partial = "";
  /** Complete lines read so far, for markers asked for later. */
  private readonly lines: string[] = [];
  private readonly counts = new Map<string, number>();

  private readNew(): void {
    if (!existsSync(this.log)) return;
    const fd = openSync(this.log, "r");
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return;
      const buf = Buffer.alloc(size - this.offset);
      const got = readSync(fd, buf, 0, buf.length, this.offset);
      this.offset += got;
      const text = this.partial + buf.toString("utf8", 0, got);
      const end = text.lastIndexOf("\n") + 1;
      this.partial = text.slice(end);
      const complete = text.slice(0, end);
      this.lines.push(complete);
      for (const [marker, n] of this.counts) this.counts.set(marker, n + occurrences(complete, ` ${marker}`));
    } finally {
      closeSync(fd);
    }
  }

  /** Milliseconds from `since` until `marker` has appeared `n` times in the log; fails past the deadline or when
   * the daemon dies. */
  async until(marker: string, n: number, since: number, timeoutMs = 600_000, pollMs = 10): Promise<number> {
    while (this.count(marker) < n) {
      if (this.proc?.exitCode !== null) throw new Error(`${this.who}: supervisord exited (${this.proc?.exitCode}) before ${n}x "${marker}"`);
      if (performance.now() - since > timeoutMs) {
        throw new Error(`${this.who}: only ${this.count(marker)} of ${n}x "${marker}" after ${timeoutMs / 1000} s`);
      }
      await Bun.sleep(pollMs);
    }
    return performance.now() - since;
  }

  /** Milliseconds from start() until every program has logged its `success:` (entered RUNNING). No program can be
   * RUNNING before startsecs have passed: the log is read only from then on, so that the bench does not take CPU
   * from the daemon (and its children) while they start. */
  async allRunning(timeoutMs?: number): Promise<number> {
    const earliest = this.startedAt + (this.opts.startsecs ?? 1) * 1000 - 20;
    while (performance.now() < earliest && this.proc?.exitCode === null) await Bun.sleep(Math.min(100, earliest - performance.now()));
    return this.until("success:", this.opts.programs, this.startedAt, timeoutMs);
  }

  /** CPU seconds (user+system) the daemon itself has used so far. */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.proc!.pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  }

  /** CPU seconds the daemon's children have used so far (exact, from schedstat): what starting the programs
   * themselves costs, which no supervisor can save. */
  childrenCpuSeconds(): number {
    let ns = 0;
    for (const pid of this.childPids()) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // gone meanwhile
      }
    }
    return ns / 1e9;
  }

  private childPids(): string[] {
    const file = `/proc/${this.proc!.pid}/task/${this.proc!.pid}/children`;
    return existsSync(file) ? readFileSync(file, "utf8").trim().split(" ").filter(Boolean) : [];
  }

  /** Resident memory in MB: all of it, and the anonymous part (heap; the rest is mapped files: code, libraries). */
  memoryMB(): { rss: number; anon: number } {
    const status = readFileSync(`/proc/${this.proc!.pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    const rss = kb("VmRSS");
    if (!Number.isFinite(rss)) throw new Error(`${this.who}: no VmRSS for pid ${this.proc!.pid}`);
    return { rss: rss / 1024, anon: kb("RssAnon") / 1024 };
  }

  /** SIGTERM, then milliseconds until every program has logged `stopped:` and the daemon has exited. */
  async stopAll(timeoutMs = 600_000): Promise<{ stopped: number; exited: number }> {
    const t0 = performance.now();
    this.proc!.kill("SIGTERM");
    let stopped = NaN;
    while (this.count("stopped:") < this.opts.programs) {
      if (performance.now() - t0 > timeoutMs) throw new Error(`${this.who}: programs not all stopped after ${timeoutMs / 1000} s`);
      if (this.proc!.exitCode !== null) {
        throw new Error(`${this.who}: supervisord exited with only ${this.count("stopped:")} of ${this.opts.programs} stopped`);
      }
      await Bun.sleep(5);
    }
    stopped = performance.now() - t0;
    await this.proc!.exited;
    return { stopped, exited: performance.now() - t0 };
  }

  /** SIGKILL to the daemon and to the children it left behind (each leads its own process group). */
  private kill(): void {
    const children = this.childPids();
    this.proc!.kill("SIGKILL");
    for (const child of children) {
      try {
        process.kill(Number(child), "SIGKILL");
      } catch {
        // already gone
      }
    }
  }

  /** SIGTERM if still there (after a failure), and remove the folder. */
  async cleanup(): Promise<void> {
    if (this.proc && this.proc.exitCode === null) {
      this.proc.kill("SIGTERM");
      const timer = setTimeout(() => this.kill(), 60_000);
      await this.proc.exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs `body` with a started daemon and always cleans up after it. */
export async function withDaemon<T>(who: Who, opts: DaemonOptions, body: (d: BenchDaemon) => Promise<T>): Promise<T> {
  const d = new BenchDaemon(who, opts);
  try {
    d.start();
    return await body(d);
  } finally {
    await d.cleanup();
  }
}
