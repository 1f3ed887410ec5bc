// The process state machine, pure: transition(state, input, now, cfg) → { state, effects }. It follows 4.2.5's
// subprocess semantics (process.py: spawn, finish, kill, transition) and returns what must happen as data; the
// daemon carries the effects out and feeds the outcome back as the next input. `now` is a monotonic millisecond
// clock, so a wall-clock jump never fakes a quick exit or a missed deadline.
import { pyRepr } from "./pyrepr";
import { signame } from "./signals";
import type { ProcessStateName } from "./states";

export type AutoRestart = "true" | "false" | "unexpected";

/** The slice of ProcessConfig the machine reads, plus whether supervisord currently accepts starts. */
export interface MachineConfig {
  name: string;
  autostart: boolean;
  autorestart: AutoRestart;
  startsecs: number;
  startretries: number;
  exitcodes: number[];
  stopsignal: string;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
  /** false while supervisord shuts down or restarts (4.2.5's mood <= RESTARTING): nothing is (re)started. */
  acceptsStarts: boolean;
}

export interface MachineState {
  state: ProcessStateName;
  pid: number;
  /** Monotonic ms of the last spawn attempt and of the last reaped exit; null if never. */
  laststart: number | null;
  laststop: number | null;
  /** The pending deadline: BACKOFF retry, or SIGKILL while STOPPING. */
  delay: number;
  /** Start attempts that failed in a row; the retry waits this many seconds. */
  backoff: number;
  /** A stop signal was sent and the exit is its answer. */
  killing: boolean;
  spawnerr: string | null;
  exitstatus: number | null;
}

export const INITIAL: MachineState = {
  state: "STOPPED",
  pid: 0,
  laststart: null,
  laststop: null,
  delay: 0,
  backoff: 0,
  killing: false,
  spawnerr: null,
  exitstatus: null,
};

export type Input =
  | { kind: "tick" }
  | { kind: "start" }
  | { kind: "spawned"; pid: number }
  | { kind: "spawnFailed"; message: string }
  | { kind: "stop" }
  | { kind: "signal"; signal: string | number }
  | { kind: "childExited"; code: number | null; signal: string | null }
  | { kind: "killFailed"; message: string }
  | { kind: "giveUp" };

export type LogLevel = "critical" | "error" | "warn" | "info" | "debug" | "trace" | "blather";

export type Effect =
  | { kind: "spawn" }
  | { kind: "kill"; pid: number; signal: string | number; group: boolean }
  | { kind: "timer"; at: number | null }
  | { kind: "stateChanged"; from: ProcessStateName; to: ProcessStateName; expected: boolean; pid: number; tries: number }
  | { kind: "log"; level: LogLevel; message: string };

export interface Result {
  state: MachineState;
  effects: Effect[];
}

/** Where each input may arrive. Anything else is a bug in the caller, never a runtime condition. */
export const ALLOWED: Record<Input["kind"], readonly ProcessStateName[]> = {
  tick: ["STOPPED", "STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED", "FATAL", "UNKNOWN"],
  start: ["STOPPED", "EXITED", "FATAL", "BACKOFF"],
  spawned: ["STARTING"],
  spawnFailed: ["STARTING"],
  stop: ["STARTING", "RUNNING", "STOPPING", "BACKOFF"],
  signal: ["STARTING", "RUNNING", "STOPPING"],
  childExited: ["STARTING", "RUNNING", "STOPPING", "UNKNOWN"],
  killFailed: ["STARTING", "RUNNING", "STOPPING"],
  giveUp: ["BACKOFF"],
};

export class IllegalTransition extends Error {
  constructor(name: string, state: ProcessStateName, input: Input["kind"], allowed: readonly ProcessStateName[]) {
    super(`process ${pyRepr(name)}: input '${input}' is illegal in state ${state} (allowed in: ${allowed.join(", ")})`);
    this.name = "IllegalTransition";
  }
}

/** 4.2.5's decode_wait_status: the exit status (-1 for a signal) and the words its log lines use. */
export function describeExit(code: number | null, signal: string | null): { status: number; text: string } {
  if (signal !== null) return { status: -1, text: `terminated by ${signame(signal)}` };
  return { status: code ?? -1, text: `exit status ${code ?? -1}` };
}

/** A machine step under construction: a private draft of the state plus the effects so far. */
class Step {
  readonly s: MachineState;
  readonly effects: Effect[] = [];
  constructor(
    prev: MachineState,
    readonly now: number,
    readonly cfg: MachineConfig,
  ) {
    this.s = { ...prev };
  }

  log(level: LogLevel, message: string): void {
    this.effects.push({ kind: "log", level, message });
  }

  /** 4.2.5's change_state: entering BACKOFF counts a failure and sets the retry delay. */
  change(to: ProcessStateName, expected = true): void {
    const from = this.s.state;
    if (from === to) return;
    this.s.state = to;
    if (to === "BACKOFF") {
      this.s.backoff += 1;
      this.s.delay = this.now + this.s.backoff * 1000;
    }
    this.effects.push({ kind: "stateChanged", from, to, expected, pid: this.s.pid, tries: this.s.backoff });
  }

  spawn(): void {
    Object.assign(this.s, { killing: false, spawnerr: null, exitstatus: null, laststart: this.now });
    this.change("STARTING");
    this.effects.push({ kind: "spawn" });
  }

  /** 4.2.5's kill(): BACKOFF simply becomes STOPPED; otherwise signal and arm the SIGKILL deadline. */
  kill(signal: string | number): void {
    const name = this.cfg.name;
    if (this.s.state === "BACKOFF") {
      this.log("debug", `Attempted to kill ${name}, which is in BACKOFF state.`);
      this.change("STOPPED");
      return;
    }
    const group = this.s.state === "STOPPING" ? this.cfg.killasgroup : this.cfg.stopasgroup;
    const asGroup = group ? "process group " : "";
    this.log("debug", `killing ${name} (pid ${this.s.pid}) ${asGroup}with signal ${signame(signal)}`);
    this.s.killing = true;
    this.s.delay = this.now + this.cfg.stopwaitsecs * 1000;
    this.change("STOPPING");
    this.effects.push({ kind: "kill", pid: this.s.pid, signal, group });
  }

  /** 4.2.5's finish(): judge a reaped child against killing, startsecs and exitcodes. */
  exited(code: number | null, signal: string | null): void {
    const { name, startsecs, exitcodes } = this.cfg;
    const { status, text } = describeExit(code, signal);
    const expected = exitcodes.includes(status);
    this.s.laststop = this.now;
    if (this.s.killing) {
      this.s.killing = false;
      this.s.delay = 0;
      this.s.exitstatus = status;
      this.change("STOPPED");
      this.log(expected ? "info" : "warn", `stopped: ${name} (${text})`);
    } else if (this.s.state === "STARTING" && this.now - (this.s.laststart ?? 0) < startsecs * 1000) {
      this.s.exitstatus = null;
      this.s.spawnerr = "Exited too quickly (process log may have details)";
      this.log("warn", `exited: ${name} (${text}; not expected)`);
      this.change("BACKOFF");
    } else {
      this.s.delay = 0;
      this.s.backoff = 0;
      this.s.exitstatus = status;
      // The startsecs deadline passed but its timer had not fired yet: the child did reach RUNNING.
      if (this.s.state === "STARTING") this.change("RUNNING");
      if (expected) {
        this.log("info", `exited: ${name} (${text}; expected)`);
      } else {
        this.s.spawnerr = `Bad exit code ${status}`;
        this.log("warn", `exited: ${name} (${text}; not expected)`);
      }
      this.change("EXITED", expected);
    }
    this.s.pid = 0;
  }

  /**
   * 4.2.5's transition(): what time alone decides (autostart, autorestart, retries, startsecs, SIGKILL). `fresh`:
   * the pid was learnt in this very step. 4.2.5 judges startsecs on a later pass of its loop, after every group
   * has spawned, so even with startsecs=0 RUNNING waits for the next input (the deadline timer, at once).
   */
  settle(fresh: boolean): void {
    const { s, cfg, now } = this;
    if (cfg.acceptsStarts) {
      if (s.state === "EXITED" && this.shouldRestart()) this.spawn();
      else if (s.state === "STOPPED" && s.laststart === null && cfg.autostart) this.spawn();
      else if (s.state === "BACKOFF" && s.backoff <= cfg.startretries && now >= s.delay) this.spawn();
    }
    if (s.state === "STARTING" && s.pid !== 0 && !fresh && now - (s.laststart ?? 0) >= cfg.startsecs * 1000) {
      s.delay = 0;
      s.backoff = 0;
      this.change("RUNNING");
      this.log(
        "info",
        `success: ${cfg.name} entered RUNNING state, process has stayed up for > than ${cfg.startsecs} seconds (startsecs)`,
      );
    } else if (s.state === "BACKOFF" && s.backoff > cfg.startretries) {
      this.giveUp();
      this.log("info", `gave up: ${cfg.name} entered FATAL state, too many start retries too quickly`);
    } else if (s.state === "STOPPING" && now >= s.delay) {
      this.log("warn", `killing ${pyRepr(cfg.name)} (${s.pid}) with SIGKILL`);
      this.kill("KILL");
    }
  }

  giveUp(): void {
    this.s.delay = 0;
    this.s.backoff = 0;
    this.change("FATAL");
  }

  private shouldRestart(): boolean {
    const { autorestart, exitcodes } = this.cfg;
    if (autorestart === "true") return true;
    if (autorestart === "false") return false;
    return !exitcodes.includes(this.s.exitstatus ?? -1);
  }

  /** The one deadline this process waits for now, if any; the daemon keeps a single timer per process. */
  deadline(): number | null {
    const { s, cfg } = this;
    if (s.state === "STARTING" && s.pid !== 0) return (s.laststart ?? 0) + cfg.startsecs * 1000;
    if (s.state === "BACKOFF" && cfg.acceptsStarts && s.backoff <= cfg.startretries) return s.delay;
    if (s.state === "STOPPING") return s.delay;
    return null;
  }
}

export function transition(state: MachineState, input: Input, now: number, cfg: MachineConfig): Result {
  const allowed = ALLOWED[input.kind];
  if (!allowed.includes(state.state)) throw new IllegalTransition(cfg.name, state.state, input.kind, allowed);
  if ((input.kind === "spawned" || input.kind === "spawnFailed") && state.pid !== 0) {
    throw new IllegalTransition(cfg.name, state.state, input.kind, allowed);
  }
  const step = new Step(state, now, cfg);
  const s = step.s;
  switch (input.kind) {
    case "tick":
      break;
    case "start":
      step.spawn();
      break;
    case "spawned":
      s.pid = input.pid;
      s.spawnerr = null;
      step.log("info", `spawned: ${pyRepr(cfg.name)} with pid ${input.pid}`);
      break;
    case "spawnFailed":
      s.spawnerr = input.message;
      step.log("info", `spawnerr: ${input.message}`);
      step.change("BACKOFF");
      break;
    case "stop":
      step.kill(cfg.stopsignal);
      break;
    case "signal":
      step.log("debug", `sending ${cfg.name} (pid ${s.pid}) sig ${signame(input.signal)}`);
      step.effects.push({ kind: "kill", pid: s.pid, signal: input.signal, group: false });
      break;
    case "childExited":
      step.exited(input.code, input.signal);
      break;
    case "killFailed":
      step.log("critical", `unknown problem killing ${cfg.name} (${s.pid}):${input.message}`);
      step.change("UNKNOWN");
      s.killing = false;
      s.delay = 0;
      break;
    case "giveUp":
      step.giveUp();
      break;
  }
  step.settle(input.kind === "spawned");
  step.effects.push({ kind: "timer", at: step.deadline() });
  return { state: s, effects: step.effects };
}
