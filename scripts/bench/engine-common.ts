// Shared by the engine benchmarks (spawn.ts, stop.ts): run a supervisord (ours or the reference) in the foreground
// on a config of N identical programs, and read its progress from the main log.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
export const OURS = join(ROOT, "dist", "supervisord");
const REF_BIN = process.env.REFERENCE_BIN ?? join(process.env.HOME ?? "/root", ".cache/supervisor-4.2.5/bin");
export const REFERENCE = join(REF_BIN, "supervisord");

export type Who = "ours" | "reference";

export class BenchDaemon {
  readonly dir = mkdtempSync(join(tmpdir(), "sv-bench-"));
  readonly log = join(this.dir, "supervisord.log");
  proc: ReturnType<typeof Bun.spawn> | null = null;
  startedAt = 0;

  constructor(
    readonly who: Who,
    readonly programs: number,
  ) {
    let text =
      `[supervisord]\nlogfile=${this.log}\npidfile=${this.dir}/sd.pid\nchildlogdir=${this.dir}\n` +
      `minfds=${Math.max(1024, programs * 4 + 100)}\n`;
    for (let i = 0; i < programs; i++) {
      text += `[program:p${i}]\ncommand=sleep 86400\nstartsecs=1\nstdout_logfile=NONE\nstderr_logfile=NONE\n`;
    }
    writeFileSync(join(this.dir, "supervisord.conf"), text);
  }

  start(): void {
    const bin = this.who === "ours" ? OURS : REFERENCE;
    this.startedAt = performance.now();
    this.proc = Bun.spawn([bin, "-n", "-c", join(this.dir, "supervisord.conf")], {
      cwd: this.dir,
      stdin: "ignore",
      stdout: "ignore",
      stderr: "ignore",
    });
  }

  count(prefix: string): number {
    if (!existsSync(this.log)) return 0;
    let n = 0;
    for (const line of readFileSync(this.log, "utf8").split("\n")) if (line.includes(` ${prefix}`)) n++;
    return n;
  }

  /** Milliseconds from `since` until `prefix` has appeared `n` times in the log. */
  async until(prefix: string, n: number, since: number, timeoutMs = 120_000): Promise<number> {
    while (this.count(prefix) < n) {
      if (performance.now() - since > timeoutMs) throw new Error(`${this.who}: timed out waiting for ${n}x ${prefix}`);
      await Bun.sleep(10);
    }
    return performance.now() - since;
  }

  /** CPU seconds (user+system) the daemon itself has used so far. */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.proc!.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  rssMB(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc!.pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  }

  /** SIGTERM; resolves with the milliseconds until the daemon has exited. */
  async shutdown(): Promise<number> {
    const t0 = performance.now();
    this.proc!.kill("SIGTERM");
    await this.proc!.exited;
    return performance.now() - t0;
  }

  cleanup(): void {
    try {
      this.proc?.kill("SIGKILL");
    } catch {
      // gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function ratio(ours: number, reference: number): string {
  return `${(ours / reference).toFixed(2)}x`;
}

export function requireBinaries(): void {
  if (!existsSync(OURS)) throw new Error(`build first: ${OURS} is missing (bun scripts/build.ts)`);
  if (!existsSync(REFERENCE)) throw new Error(`reference not installed: ${REFERENCE}`);
}
