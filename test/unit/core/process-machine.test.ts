import { describe, expect, test } from "bun:test";
import {
  ALLOWED,
  type Effect,
  IllegalTransition,
  INITIAL,
  type Input,
  type MachineConfig,
  type MachineState,
  transition,
} from "../../../src/core/process-machine";
import type { ProcessStateName } from "../../../src/core/states";

const CFG: MachineConfig = {
  name: "web",
  autostart: true,
  autorestart: "unexpected",
  startsecs: 1,
  startretries: 3,
  exitcodes: [0],
  stopsignal: "TERM",
  stopwaitsecs: 10,
  stopasgroup: false,
  killasgroup: false,
  acceptsStarts: true,
};

/** Drives a machine with a fake clock, keeping every effect for assertions. */
class Driver {
  s: MachineState = INITIAL;
  now = 0;
  effects: Effect[] = [];
  constructor(public cfg: MachineConfig = CFG) {}
  feed(input: Input, at = this.now): this {
    this.now = at;
    const r = transition(this.s, input, this.now, this.cfg);
    this.s = r.state;
    this.effects.push(...r.effects);
    return this;
  }
  logs(): string[] {
    return this.effects.flatMap((e) => (e.kind === "log" && e.level !== "debug" ? [e.message] : []));
  }
  path(): string[] {
    return this.effects.flatMap((e) => (e.kind === "stateChanged" ? [e.to] : []));
  }
  lastTimer(): number | null | undefined {
    const t = this.effects.filter((e) => e.kind === "timer").at(-1);
    return t?.kind === "timer" ? t.at : undefined;
  }
}

/** A machine in each state, reached through real transitions from STOPPED at t=0. */
function reach(state: ProcessStateName, cfg: MachineConfig = CFG): Driver {
  const d = new Driver(cfg);
  if (state === "STOPPED") return d;
  d.feed({ kind: "start" }, 0).feed({ kind: "spawned", pid: 100 }, 0);
  if (state === "STARTING") return d;
  if (state === "BACKOFF") return d.feed({ kind: "childExited", code: 1, signal: null }, 100);
  if (state === "FATAL") return d.feed({ kind: "childExited", code: 1, signal: null }, 100).feed({ kind: "giveUp" });
  d.feed({ kind: "tick" }, 1000);
  if (state === "RUNNING") return d;
  if (state === "STOPPING") return d.feed({ kind: "stop" }, 2000);
  if (state === "EXITED") return d.feed({ kind: "childExited", code: 0, signal: null }, 2000);
  if (state === "UNKNOWN") return d.feed({ kind: "stop" }, 2000).feed({ kind: "killFailed", message: "EPERM" });
  throw new Error(state);
}

const INPUTS: Record<string, Input> = {
  tick: { kind: "tick" },
  start: { kind: "start" },
  spawned: { kind: "spawned", pid: 200 },
  spawnFailed: { kind: "spawnFailed", message: "can't find command 'nope'" },
  stop: { kind: "stop" },
  signal: { kind: "signal", signal: "HUP" },
  exit0: { kind: "childExited", code: 0, signal: null },
  exitTERM: { kind: "childExited", code: null, signal: "SIGTERM" },
  killFailed: { kind: "killFailed", message: "EPERM" },
  giveUp: { kind: "giveUp" },
};

// Resulting state for each state × input, or null where the pair is illegal and must throw.
const TABLE: Record<ProcessStateName, Record<keyof typeof INPUTS, ProcessStateName | null>> = {
  STOPPED: { tick: "STARTING", start: "STARTING", spawned: null, spawnFailed: null, stop: null, signal: null, exit0: null, exitTERM: null, killFailed: null, giveUp: null },
  STARTING: { tick: "STARTING", start: null, spawned: null, spawnFailed: null, stop: "STOPPING", signal: "STARTING", exit0: "BACKOFF", exitTERM: "BACKOFF", killFailed: "UNKNOWN", giveUp: null },
  RUNNING: { tick: "RUNNING", start: null, spawned: null, spawnFailed: null, stop: "STOPPING", signal: "RUNNING", exit0: "EXITED", exitTERM: "STARTING", killFailed: "UNKNOWN", giveUp: null },
  BACKOFF: { tick: "BACKOFF", start: "STARTING", spawned: null, spawnFailed: null, stop: "STOPPED", signal: null, exit0: null, exitTERM: null, killFailed: null, giveUp: "FATAL" },
  STOPPING: { tick: "STOPPING", start: null, spawned: null, spawnFailed: null, stop: "STOPPING", signal: "STOPPING", exit0: "STOPPED", exitTERM: "STOPPED", killFailed: "UNKNOWN", giveUp: null },
  EXITED: { tick: "EXITED", start: "STARTING", spawned: null, spawnFailed: null, stop: null, signal: null, exit0: null, exitTERM: null, killFailed: null, giveUp: null },
  FATAL: { tick: "FATAL", start: "STARTING", spawned: null, spawnFailed: null, stop: null, signal: null, exit0: null, exitTERM: null, killFailed: null, giveUp: null },
  UNKNOWN: { tick: "UNKNOWN", start: null, spawned: null, spawnFailed: null, stop: null, signal: null, exit0: "EXITED", exitTERM: "STARTING", killFailed: null, giveUp: null },
};

describe("every state × input", () => {
  for (const [from, row] of Object.entries(TABLE) as [ProcessStateName, Record<string, ProcessStateName | null>][]) {
    for (const [inputName, to] of Object.entries(row)) {
      test(`${from} + ${inputName} → ${to ?? "throws"}`, () => {
        const d = reach(from);
        expect(d.s.state).toBe(from);
        if (to === null) {
          expect(() => d.feed(INPUTS[inputName])).toThrow(IllegalTransition);
        } else {
          d.feed(INPUTS[inputName]);
          expect(d.s.state).toBe(to);
        }
      });
    }
  }

  test("the error names the process, its state and the allowed states", () => {
    const d = reach("STOPPED");
    expect(() => d.feed({ kind: "stop" })).toThrow(
      "process 'web': input 'stop' is illegal in state STOPPED (allowed in: STARTING, RUNNING, STOPPING, BACKOFF)",
    );
  });

  test("the table covers every input kind the machine knows", () => {
    const kinds = new Set<string>(Object.values(INPUTS).map((i) => i.kind));
    expect([...kinds].sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});

describe("starting", () => {
  test("startsecs: RUNNING once the child has stayed up that long, with 4.2.5's message", () => {
    const d = reach("STARTING");
    expect(d.lastTimer()).toBe(1000);
    d.feed({ kind: "tick" }, 999);
    expect(d.s.state).toBe("STARTING");
    d.feed({ kind: "tick" }, 1000);
    expect(d.s.state).toBe("RUNNING");
    expect(d.logs()).toEqual([
      "spawned: 'web' with pid 100",
      "success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
    ]);
    expect(d.lastTimer()).toBeNull();
  });

  test("startsecs=0 is RUNNING on the next input after the spawn (a timer due at once), as 4.2.5's next pass", () => {
    const d = new Driver({ ...CFG, startsecs: 0 }).feed({ kind: "start" }, 0).feed({ kind: "spawned", pid: 5 }, 0);
    expect(d.s.state).toBe("STARTING");
    expect(d.lastTimer()).toBe(0);
    d.feed({ kind: "tick" }, 0);
    expect(d.s.state).toBe("RUNNING");
    expect(d.logs().at(-1)).toBe("success: web entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)");
  });

  test("crash loop: retries after 1 s, 2 s, 3 s, then FATAL after the last retry", () => {
    const d = new Driver().feed({ kind: "start" }, 0);
    const spawns: number[] = [];
    let t = 0;
    for (let attempt = 1; attempt <= 4; attempt++) {
      spawns.push(t);
      d.feed({ kind: "spawned", pid: 100 + attempt }, t);
      d.feed({ kind: "childExited", code: 1, signal: null }, t + 10);
      if (attempt < 4) {
        expect(d.s.state).toBe("BACKOFF");
        expect(d.lastTimer()).toBe(t + 10 + attempt * 1000);
        d.feed({ kind: "tick" }, t + 10 + attempt * 1000 - 1);
        expect(d.s.state).toBe("BACKOFF");
        t = t + 10 + attempt * 1000;
        d.feed({ kind: "tick" }, t);
        expect(d.s.state).toBe("STARTING");
      }
    }
    expect(d.s.state).toBe("FATAL");
    expect(spawns).toEqual([0, 1010, 3020, 6030]);
    expect(d.logs().at(-1)).toBe("gave up: web entered FATAL state, too many start retries too quickly");
    expect(d.logs().at(-2)).toBe("exited: web (exit status 1; not expected)");
    expect(d.s.spawnerr).toBe("Exited too quickly (process log may have details)");
    expect(d.path().slice(-2)).toEqual(["BACKOFF", "FATAL"]);
  });

  test("a command not found: spawnerr, BACKOFF, retries, FATAL", () => {
    const d = new Driver({ ...CFG, startretries: 1 });
    const err = "can't find command 'nope'";
    d.feed({ kind: "start" }, 0).feed({ kind: "spawnFailed", message: err }, 0);
    expect(d.s.state).toBe("BACKOFF");
    d.feed({ kind: "tick" }, 1000).feed({ kind: "spawnFailed", message: err }, 1000);
    expect(d.s.state).toBe("FATAL");
    expect(d.s.spawnerr).toBe(err);
    expect(d.path()).toEqual(["STARTING", "BACKOFF", "STARTING", "BACKOFF", "FATAL"]);
    expect(d.logs()).toEqual([
      `spawnerr: ${err}`,
      `spawnerr: ${err}`,
      "gave up: web entered FATAL state, too many start retries too quickly",
    ]);
  });

  test("start while BACKOFF spawns at once and keeps the failure count", () => {
    const d = reach("BACKOFF").feed({ kind: "start" }, 200);
    expect(d.s.state).toBe("STARTING");
    expect(d.s.backoff).toBe(1);
    expect(d.effects.at(-2)).toEqual({ kind: "spawn" });
  });

  test("an exit after startsecs whose timer had not fired yet passes through RUNNING", () => {
    const d = reach("STARTING").feed({ kind: "childExited", code: 3, signal: null }, 1500);
    expect(d.path()).toEqual(["STARTING", "RUNNING", "EXITED", "STARTING"]);
    expect(d.s.spawnerr).toBeNull();
  });

  test("autostart=false leaves a fresh process STOPPED", () => {
    const d = new Driver({ ...CFG, autostart: false }).feed({ kind: "tick" });
    expect(d.s.state).toBe("STOPPED");
  });
});

describe("autorestart against exitcodes", () => {
  const cases: [MachineConfig["autorestart"], number, ProcessStateName][] = [
    ["unexpected", 0, "EXITED"],
    ["unexpected", 2, "STARTING"],
    ["true", 0, "STARTING"],
    ["false", 2, "EXITED"],
  ];
  for (const [autorestart, code, to] of cases) {
    test(`autorestart=${autorestart}, exit ${code} → ${to}`, () => {
      const d = reach("RUNNING", { ...CFG, autorestart }).feed({ kind: "childExited", code, signal: null }, 5000);
      expect(d.s.state).toBe(to);
      expect(d.logs()).toContain(`exited: web (exit status ${code}; ${code === 0 ? "expected" : "not expected"})`);
    });
  }

  test("an expected exit is judged against exitcodes, and the EXITED event says so", () => {
    const d = reach("RUNNING", { ...CFG, exitcodes: [0, 2], autorestart: "false" });
    d.feed({ kind: "childExited", code: 2, signal: null }, 5000);
    const ev = d.effects.find((e) => e.kind === "stateChanged" && e.to === "EXITED");
    expect(ev).toMatchObject({ expected: true, pid: 100 });
    expect(d.s.exitstatus).toBe(2);
    expect(d.s.pid).toBe(0);
  });

  test("nothing restarts while supervisord does not accept starts", () => {
    const d = reach("RUNNING", { ...CFG, autorestart: "true" });
    d.cfg = { ...d.cfg, acceptsStarts: false };
    d.feed({ kind: "childExited", code: 0, signal: null }, 5000);
    expect(d.s.state).toBe("EXITED");
    const b = reach("BACKOFF");
    b.cfg = { ...b.cfg, acceptsStarts: false };
    b.feed({ kind: "tick" }, 60_000);
    expect(b.s.state).toBe("BACKOFF");
    expect(b.lastTimer()).toBeNull();
  });
});

describe("stopping", () => {
  test("stop sends stopsignal, then SIGKILL after stopwaitsecs", () => {
    const d = reach("RUNNING").feed({ kind: "stop" }, 2000);
    expect(d.effects).toContainEqual({ kind: "kill", pid: 100, signal: "TERM", group: false });
    expect(d.lastTimer()).toBe(12_000);
    d.feed({ kind: "tick" }, 11_999);
    expect(d.effects.filter((e) => e.kind === "kill")).toHaveLength(1);
    d.feed({ kind: "tick" }, 12_000);
    expect(d.effects.at(-2)).toEqual({ kind: "kill", pid: 100, signal: "KILL", group: false });
    expect(d.logs()).toContain("killing 'web' (100) with SIGKILL");
    d.feed({ kind: "childExited", code: null, signal: "SIGKILL" }, 12_001);
    expect(d.s.state).toBe("STOPPED");
    expect(d.logs().at(-1)).toBe("stopped: web (terminated by SIGKILL)");
  });

  test("stopasgroup signals the group; killasgroup the SIGKILL", () => {
    const d = reach("RUNNING", { ...CFG, stopasgroup: true, killasgroup: true }).feed({ kind: "stop" }, 2000);
    expect(d.effects).toContainEqual({ kind: "kill", pid: 100, signal: "TERM", group: true });
    d.feed({ kind: "tick" }, 12_000);
    expect(d.effects.at(-2)).toEqual({ kind: "kill", pid: 100, signal: "KILL", group: true });
    const k = reach("RUNNING", { ...CFG, killasgroup: true }).feed({ kind: "stop" }, 2000).feed({ kind: "tick" }, 12_000);
    expect(k.effects.filter((e) => e.kind === "kill").map((e) => e.kind === "kill" && e.group)).toEqual([false, true]);
  });

  test("stop while STARTING: the exit that follows is a stop, not a failed start", () => {
    const d = reach("STARTING").feed({ kind: "stop" }, 300).feed({ kind: "childExited", code: null, signal: "SIGTERM" }, 310);
    expect(d.s.state).toBe("STOPPED");
    expect(d.s.backoff).toBe(0);
    expect(d.logs().at(-1)).toBe("stopped: web (terminated by SIGTERM)");
    expect(d.effects.filter((e) => e.kind === "log" && e.message.startsWith("stopped")).map((e) => e.kind === "log" && e.level)).toEqual(["warn"]);
  });

  test("a stop answered with an expected exit code is logged at info", () => {
    const d = reach("STOPPING").feed({ kind: "childExited", code: 0, signal: null }, 2100);
    const line = d.effects.find((e) => e.kind === "log" && e.message === "stopped: web (exit status 0)");
    expect(line).toMatchObject({ level: "info" });
    expect(d.s.exitstatus).toBe(0);
  });

  test("exit while STOPPING never restarts, even with autorestart=true", () => {
    const d = reach("STOPPING", { ...CFG, autorestart: "true" }).feed({ kind: "childExited", code: 1, signal: null }, 2100);
    expect(d.s.state).toBe("STOPPED");
    expect(d.lastTimer()).toBeNull();
  });

  test("a second stop while STOPPING (a reload during a stop) re-signals and re-arms the deadline", () => {
    const d = reach("RUNNING", { ...CFG, killasgroup: true }).feed({ kind: "stop" }, 2000).feed({ kind: "stop" }, 5000);
    expect(d.effects.filter((e) => e.kind === "kill").at(-1)).toEqual({ kind: "kill", pid: 100, signal: "TERM", group: true });
    expect(d.lastTimer()).toBe(15_000);
  });

  test("stop while BACKOFF is STOPPED at once, no signal", () => {
    const d = reach("BACKOFF").feed({ kind: "stop" }, 200);
    expect(d.s.state).toBe("STOPPED");
    expect(d.effects.filter((e) => e.kind === "kill")).toHaveLength(0);
    d.feed({ kind: "tick" }, 99_000);
    expect(d.s.state).toBe("STOPPED");
  });

  test("a failed kill leaves UNKNOWN with 4.2.5's critical message", () => {
    const d = reach("UNKNOWN");
    expect(d.effects).toContainEqual({ kind: "log", level: "critical", message: "unknown problem killing web (100):EPERM" });
    expect(d.lastTimer()).toBeNull();
  });
});

describe("events carry 4.2.5's payload facts", () => {
  test("STARTING carries tries, RUNNING the pid", () => {
    const d = reach("BACKOFF").feed({ kind: "tick" }, 1100);
    const starting = d.effects.filter((e) => e.kind === "stateChanged" && e.to === "STARTING");
    expect(starting.map((e) => e.kind === "stateChanged" && e.tries)).toEqual([0, 1]);
    const r = reach("RUNNING").effects.find((e) => e.kind === "stateChanged" && e.to === "RUNNING");
    expect(r).toMatchObject({ from: "STARTING", pid: 100 });
  });
});
