// Fakes of the platform seams for daemon unit tests: plain classes that record calls and accept injected failures.
import type { LogLevel } from "../../src/core/process-machine";
import { NoFile, NotExecutable } from "../../src/core/errors";
import type { ResolvedCommand } from "../../src/platform/command";
import type { Clock, TimerHandle } from "../../src/platform/clock";
import type { Killer } from "../../src/platform/kill";
import type { Child, ChildExit, SpawnSpec, Spawner } from "../../src/platform/spawner";
import { outputOf } from "./child-output";
import type { ChildLogs, MainLogger } from "../../src/daemon/log-seams";

export class FakeClock implements Clock {
  private t = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  wallOffset = 1_700_000_000_000;
  now(): number {
    return this.t;
  }
  wall(): number {
    return this.wallOffset + this.t;
  }
  at(at: number, fn: () => void): TimerHandle {
    const timer = { at, fn, live: true };
    this.timers.push(timer);
    return { cancel: () => (timer.live = false) };
  }
  /** Timers still waiting. */
  pending(): number[] {
    return this.timers.filter((t) => t.live).map((t) => t.at);
  }
  /** Moves time forward to `to`, firing due timers in deadline order. */
  advanceTo(to: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.live && t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.timers = this.timers.filter((t) => t.live);
    this.t = to;
  }
  advance(ms: number): void {
    this.advanceTo(this.t + ms);
  }
}

export interface FakeChild extends Child {
  spec: SpawnSpec;
  stdinData: string[];
  stdinClosed: boolean;
  exit(exit: ChildExit): void;
  alive: boolean;
}

export class FakeSpawner implements Spawner {
  nextPid = 1000;
  children: FakeChild[] = [];
  /** Set to make the next spawn throw with this message (and errno code, e.g. "EAGAIN"). */
  failNext: string | null = null;
  failNextCode: string | null = null;
  /** Programs that resolve() reports as not found. */
  missing = new Set<string>();

  resolve(command: string, argv: string[] | null, _path: readonly string[]): ResolvedCommand {
    if (!argv || argv.length === 0) throw new NotExecutable(`can't parse command '${command}'`);
    if (this.missing.has(argv[0])) throw new NoFile(`can't find command '${argv[0]}'`);
    return { filename: argv[0], argv };
  }

  spawn(spec: SpawnSpec, onExit: (exit: ChildExit) => void): Child {
    if (this.failNext !== null) {
      const err = Object.assign(new Error(this.failNext), { code: this.failNextCode ?? undefined });
      this.failNext = this.failNextCode = null;
      throw err;
    }
    const child: FakeChild = {
      pid: this.nextPid++,
      spec,
      stdout: outputOf(""),
      stderr: outputOf(""),
      stdinData: [],
      stdinClosed: false,
      alive: true,
      stdin: {
        write: (data) => {
          if (child.stdinClosed) throw Object.assign(new Error("EPIPE"), { code: "EPIPE" });
          child.stdinData.push(typeof data === "string" ? data : new TextDecoder().decode(data));
        },
        close: () => (child.stdinClosed = true),
      },
      exit: (exit) => {
        child.alive = false;
        onExit(exit);
      },
    };
    this.children.push(child);
    return child;
  }

  byPid(pid: number): FakeChild {
    const c = this.children.find((c) => c.pid === pid);
    if (!c) throw new Error(`no fake child ${pid}`);
    return c;
  }
  last(): FakeChild {
    return this.children.at(-1)!;
  }
}

export class FakeKiller implements Killer {
  sent: { pid: number; signal: string | number; group: boolean }[] = [];
  /** errno code to throw on the next kill, e.g. "ESRCH" or "EPERM". */
  failNext: string | null = null;
  kill(pid: number, signal: string | number, group: boolean): void {
    if (this.failNext) {
      const code = this.failNext;
      this.failNext = null;
      throw Object.assign(new Error(`kill: ${code}`), { code });
    }
    this.sent.push({ pid, signal, group });
  }
}

export class RecordingLogger implements MainLogger {
  lines: { level: LogLevel; message: string }[] = [];
  log(level: LogLevel, message: string): void {
    this.lines.push({ level, message });
  }
  messages(minLevel: "info" | "debug" = "info"): string[] {
    return this.lines.filter((l) => minLevel === "debug" || !["debug", "trace", "blather"].includes(l.level)).map((l) => l.message);
  }
}

export class FakeChildLogs implements ChildLogs {
  attached: number[] = [];
  cleared = 0;
  reopened = 0;
  constructor(private paths: { stdout: string | null; stderr: string | null } = { stdout: null, stderr: null }) {}
  /** Drains the child's pipes, as the real logs always do (a listener's protocol hears what the log reads). */
  attach(child: Child): void {
    this.attached.push(child.pid);
    void child.stdout.start({ feed() {} });
    void child.stderr?.start({ feed() {} });
  }
  drained(): Promise<void> {
    return Promise.resolve();
  }
  path(stream: "stdout" | "stderr"): string | null {
    return this.paths[stream];
  }
  clear(): void {
    this.cleared++;
  }
  reopen(): void {
    this.reopened++;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
