// One supervised program at run time: it feeds inputs to the pure machine and carries out the effects it returns
// (spawn, kill, one timer, events, log lines). Inputs are queued, so an effect that produces an input (a spawn
// yields spawned/spawnFailed) is handled after the current step's effects, never in the middle of them.
import { DomainError } from "../core/errors";
import { type EventBus } from "../core/events";
import { describeProcess } from "../core/describe";
import { pyRepr } from "../core/pyrepr";
import {
  type Effect,
  INITIAL,
  type Input,
  type MachineConfig,
  type MachineState,
  transition,
} from "../core/process-machine";
import { ProcessState, type ProcessStateName } from "../core/states";
import type { ProcessConfig } from "../config/types";
import type { Clock, TimerHandle } from "../platform/clock";
import { searchPath } from "../platform/command";
import { isNoSuchProcess, type Killer } from "../platform/kill";
import { utcOffsetAt } from "../platform/localtime";
import type { Child, ChildExit, Spawner } from "../platform/spawner";
import type { ProcessInfo } from "./api";
import type { ChildLogs, MainLogger } from "./log-seams";

export interface ProcessDeps {
  clock: Clock;
  spawner: Spawner;
  killer: Killer;
  log: MainLogger;
  bus: EventBus;
  /** supervisord's own environment, which children inherit underneath environment=. */
  ownEnv: Record<string, string | undefined>;
  /** SUPERVISOR_SERVER_URL when the program's serverurl= is AUTO; null sets none. */
  serverurl: string | null;
  acceptsStarts(): boolean;
  /** The descriptor a child of this group gets as fd 0 ([fcgi-program:x]'s shared socket); a pipe when absent. */
  stdinFd?(processName: string): number;
}

/** supervisord's environment as a plain object, read once per supervisor (4.2.5 never changes its own either):
 * process.env is a live view that costs far more to walk at every spawn. */
export function ownEnvSnapshot(ownEnv: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k in ownEnv) {
    const v = ownEnv[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}

/** The child's environment, layered as 4.2.5 layers it. */
export function childEnv(cfg: ProcessConfig, group: string, deps: Pick<ProcessDeps, "ownEnv" | "serverurl">) {
  const env = ownEnvSnapshot(deps.ownEnv);
  env.SUPERVISOR_ENABLED = "1";
  const url = cfg.serverurl ?? deps.serverurl;
  if (url) env.SUPERVISOR_SERVER_URL = url;
  env.SUPERVISOR_PROCESS_NAME = cfg.name;
  env.SUPERVISOR_GROUP_NAME = group;
  return Object.assign(env, cfg.environment);
}

/** The spawnerr for a spawn that failed in supervisord itself, in 4.2.5's words where it has them. */
function spawnFailure(err: unknown, name: string): string {
  if (err instanceof DomainError) return err.extra ?? err.message;
  const code = (err as { code?: string }).code;
  if (code === "EMFILE" || code === "ENFILE") return `too many open files to spawn ${pyRepr(name)}`;
  if (code === "EAGAIN") return `Too many processes in process table to spawn ${pyRepr(name)}`;
  return (err as Error).message;
}

function machineConfig(c: ProcessConfig): MachineConfig {
  return {
    name: c.name,
    autostart: c.autostart,
    autorestart: c.autorestart,
    startsecs: c.startsecs,
    startretries: c.startretries,
    exitcodes: c.exitcodes,
    stopsignal: c.stopsignal,
    stopwaitsecs: c.stopwaitsecs,
    stopasgroup: c.stopasgroup,
    killasgroup: c.killasgroup,
    acceptsStarts: true,
  };
}

export class Process {
  private m: MachineState = INITIAL;
  private child: Child | null = null;
  private timer: TimerHandle | null = null;
  /** The deadline the timer is armed for: most steps keep the deadline, and re-arming it each time cost a timer. */
  private timerAt: number | null = null;
  /** Built once: the config never changes for this object (a changed program is a new Process). */
  private readonly machine: MachineConfig;
  private queue: Input[] = [];
  private busy = false;
  private watchers = new Set<(to: ProcessStateName) => void>();
  /** Wall-clock ms of the last start attempt and the last exit; 0 when never. */
  private startWall = 0;
  private stopWall = 0;

  constructor(
    readonly config: ProcessConfig,
    readonly group: string,
    readonly logs: ChildLogs,
    private readonly deps: ProcessDeps,
  ) {
    this.machine = machineConfig(config);
  }

  get state(): ProcessStateName {
    return this.m.state;
  }
  get pid(): number {
    return this.m.pid;
  }
  get spawnerr(): string | null {
    return this.m.spawnerr;
  }
  /** A stop signal was sent and its answer is awaited (4.2.5's `killing`). */
  get killing(): boolean {
    return this.m.killing;
  }
  get everStarted(): boolean {
    return this.m.laststart !== null;
  }

  /** Feeds one input. Throws IllegalTransition when the caller asks for something its state forbids. */
  send(input: Input): void {
    this.queue.push(input);
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.step(next);
    } finally {
      this.queue = [];
      this.busy = false;
    }
  }

  /** For callbacks (exits, timers): a bug must be logged, never crash the daemon or leave it half-done. */
  private sendFromEvent(input: Input): void {
    try {
      this.send(input);
    } catch (err) {
      this.deps.log.log("critical", `${this.config.name}: ${(err as Error).message}`);
    }
  }

  /** Calls fn on every state change until the returned function is called. */
  watch(fn: (to: ProcessStateName) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  /** Resolves with the first state (the current one included) that satisfies `done`. */
  until(done: (s: ProcessStateName) => boolean): Promise<ProcessStateName> {
    if (done(this.state)) return Promise.resolve(this.state);
    return new Promise((resolve) => {
      const off = this.watch((s) => {
        if (!done(s)) return;
        off();
        resolve(s);
      });
    });
  }

  /** Checks the command as a start would, so startProcess can refuse with NO_FILE / NOT_EXECUTABLE up front. */
  checkCommand(): void {
    this.deps.spawner.resolve(this.config.command, this.config.argv, this.path());
  }

  writeStdin(data: string): void {
    if (!this.child) throw new Error("not running");
    this.child.stdin.write(data);
  }

  info(): ProcessInfo {
    const sec = (ms: number) => Math.floor(ms / 1000);
    const now = sec(this.deps.clock.wall());
    const base = {
      name: this.config.name,
      group: this.group,
      start: sec(this.startWall),
      stop: sec(this.stopWall),
      now,
      state: ProcessState[this.state],
      statename: this.state,
      spawnerr: this.m.spawnerr ?? "",
      exitstatus: this.m.exitstatus ?? 0,
      logfile: this.logs.path("stdout") ?? "",
      stdout_logfile: this.logs.path("stdout") ?? "",
      stderr_logfile: this.logs.path("stderr") ?? "",
      pid: this.m.pid,
    };
    const stopUtcOffset = utcOffsetAt(base.stop * 1000);
    return { ...base, description: describeProcess({ ...base, state: this.state, stopUtcOffset }) };
  }

  /** Cancels the pending timer; called when the process leaves the active config. */
  dispose(): Promise<void> {
    this.arm(null);
    return this.logs.close();
  }

  private path(): readonly string[] {
    return searchPath(this.config.environment, this.deps.ownEnv);
  }

  private step(input: Input): void {
    this.machine.acceptsStarts = this.deps.acceptsStarts();
    const r = transition(this.m, input, this.deps.clock.now(), this.machine);
    this.m = r.state;
    for (const e of r.effects) this.apply(e);
  }

  private apply(e: Effect): void {
    switch (e.kind) {
      case "log":
        this.deps.log.log(e.level, e.message);
        return;
      case "spawn":
        this.startWall = this.deps.clock.wall();
        this.spawn();
        return;
      case "kill":
        this.kill(e.pid, e.signal, e.group);
        return;
      case "timer":
        if (e.at !== this.timerAt) this.arm(e.at);
        return;
      case "stateChanged":
        this.deps.bus.emit({
          type: `PROCESS_STATE_${e.to}`,
          processName: this.config.name,
          groupName: this.group,
          from: e.from,
          to: e.to,
          tries: e.tries,
          pid: e.pid,
          expected: e.expected,
        });
        for (const w of [...this.watchers]) w(e.to);
        return;
    }
  }

  private arm(at: number | null): void {
    this.timer?.cancel();
    this.timerAt = at;
    this.timer =
      at === null
        ? null
        : this.deps.clock.at(at, () => {
            this.timer = null;
            this.timerAt = null;
            this.sendFromEvent({ kind: "tick" });
          });
  }

  private spawn(): void {
    const cfg = this.config;
    // Bun may report the exit before spawn() returns: hold it until the spawn itself is recorded.
    let spawned: Child | null = null;
    let early: ChildExit | null = null;
    try {
      const command = this.deps.spawner.resolve(cfg.command, cfg.argv, this.path());
      this.openLogs();
      spawned = this.deps.spawner.spawn(
        {
          command,
          env: childEnv(cfg, this.group, this.deps),
          cwd: cfg.directory,
          umask: cfg.umask,
          uid: cfg.uid,
          stdinFd: this.deps.stdinFd?.(cfg.name),
          stderrToStdout: cfg.redirectStderr,
        },
        (exit) => {
          if (spawned === null) early = exit;
          else this.exited(spawned, exit);
        },
      );
    } catch (err) {
      this.queue.push({ kind: "spawnFailed", message: spawnFailure(err, cfg.name) });
      return;
    }
    this.child = spawned;
    this.logs.attach(spawned);
    this.queue.push({ kind: "spawned", pid: spawned.pid });
    if (early) this.exited(spawned, early);
  }

  /** The log files are opened before the fork, as 4.2.5 makes its dispatchers: one that cannot be is the spawn error. */
  private openLogs(): void {
    try {
      this.logs.open?.();
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as Error).message;
      const message = `unknown error making dispatchers for ${pyRepr(this.config.name)}: ${code}`;
      throw Object.assign(new Error(message), { code });
    }
  }

  private exited(child: Child, exit: ChildExit): void {
    if (this.child !== child) return;
    this.child = null;
    this.stopWall = this.deps.clock.wall();
    const tell = () => this.sendFromEvent({ kind: "childExited", code: exit.code, signal: exit.signal });
    // What the child wrote before it exited (the spawner read it on exit) is in its log files before its exit is
    // logged, as 4.2.5 writes what it reads before it reaps: a tool that waits for "exited:" finds the last words.
    const written = this.logs.written?.();
    if (written) void written.then(tell);
    else tell();
  }

  private kill(pid: number, signal: string | number, group: boolean): void {
    try {
      this.deps.killer.kill(pid, signal, group);
    } catch (err) {
      if (isNoSuchProcess(err)) {
        // The exit is already on its way through onExit; the state changes then, as in 4.2.5.
        this.deps.log.log(
          "debug",
          `unable to signal ${this.config.name} (pid ${pid}), it probably just exited on its own: ${(err as Error).message}`,
        );
        return;
      }
      this.queue.push({ kind: "killFailed", message: (err as Error).message });
    }
  }
}
