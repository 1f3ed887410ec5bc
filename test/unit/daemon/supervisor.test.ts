import { describe, expect, test } from "bun:test";
import {
  AlreadyAdded,
  AlreadyStarted,
  BadName,
  BadSignal,
  CantReread,
  NoFile,
  NotRunning,
  ShutdownState,
  SpawnError,
  StillRunning,
} from "../../../src/core/errors";
import type { SupervisorEvent } from "../../../src/core/events";
import type { Config, ProcessConfig } from "../../../src/config/types";
import type { ChildLogs } from "../../../src/daemon/log-seams";
import { Supervisor } from "../../../src/daemon/supervisor";
import { configWith, programConfig, programGroup } from "../../support/config-fixtures";
import { FakeChildLogs, FakeClock, FakeKiller, FakeSpawner, RecordingLogger } from "../../support/fake-platform";

type LogsFactory = (pc: ProcessConfig) => ChildLogs;
const fakeLogs: LogsFactory = (pc) => new FakeChildLogs({ stdout: `/logs/${pc.name}.out`, stderr: null });

function setup(
  config: Config,
  reread: () => Promise<Config> = async () => config,
  childLogs: LogsFactory = fakeLogs,
  launched?: () => void,
) {
  const clock = new FakeClock();
  const spawner = new FakeSpawner();
  const killer = new FakeKiller();
  const log = new RecordingLogger();
  const sv = new Supervisor(config, {
    clock,
    spawner,
    killer,
    log,
    ownEnv: { PATH: "/usr/bin", HOME: "/root" },
    pid: 4242,
    childLogs,
    reread,
    mainLog: { path: () => "/logs/supervisord.log", clear() {}, reopen() {} },
    launched,
  });
  const events: SupervisorEvent[] = [];
  sv.subscribe("EVENT", (e) => events.push(e));
  /** Delivers the exit of a child as the kernel would, answering a signal. */
  const exit = (pid: number, code: number | null, signal: string | null = null) => spawner.byPid(pid).exit({ code, signal });
  return { sv, clock, spawner, killer, log, events, exit };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("start-up", () => {
  test("launched is called when the autostart programs have all left STARTING", () => {
    let launched = 0;
    const manual = programGroup("manual", 5, [programConfig("manual", { autostart: false })]);
    const { sv, clock } = setup(configWith([programGroup("a", 10), programGroup("b", 20), manual]), undefined, fakeLogs, () => launched++);
    sv.start();
    expect(launched).toBe(0);
    clock.advance(1000);
    expect([sv.processInfo("a").statename, sv.processInfo("b").statename, launched]).toEqual(["RUNNING", "RUNNING", 1]);
  });

  test("launched is called after 60 s when a program keeps failing, and only once", () => {
    let launched = 0;
    const retrying = programGroup("retrying", 10, [programConfig("retrying", { startretries: 100 })]);
    const { sv, clock, spawner } = setup(configWith([retrying]), undefined, fakeLogs, () => launched++);
    spawner.missing.add("/bin/retrying");
    sv.start();
    clock.advance(59_000);
    expect([sv.processInfo("retrying").statename, launched]).toEqual(["BACKOFF", 0]);
    clock.advance(1000);
    expect(launched).toBe(1);
    clock.advance(600_000);
    expect([sv.processInfo("retrying").statename, launched]).toEqual(["BACKOFF", 1]);
  });

  test("autostart programs start in priority order and reach RUNNING after startsecs", () => {
    const { sv, clock, spawner, log } = setup(
      configWith([programGroup("late", 900), programGroup("early", 10), programGroup("manual", 5, [programConfig("manual", { autostart: false })])]),
    );
    sv.start();
    expect(spawner.children.map((c) => c.spec.command.argv[0])).toEqual(["/bin/early", "/bin/late"]);
    clock.advance(1000);
    expect(sv.processInfo("early")).toMatchObject({ statename: "RUNNING", pid: 1000, state: 20 });
    expect(sv.processInfo("manual")).toMatchObject({ statename: "STOPPED", description: "Not started" });
    expect(log.messages()).toEqual([
      "spawned: 'early' with pid 1000",
      "spawned: 'late' with pid 1001",
      "success: early entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
      "success: late entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
    ]);
  });

  test("startsecs=0: every group spawns before any reaches RUNNING, in log lines and events (4.2.5's next pass)", () => {
    const zero = (name: string, priority: number) => programGroup(name, priority, [programConfig(name, { startsecs: 0 })]);
    const { sv, clock, log, events } = setup(configWith([zero("b", 20), zero("a", 10)]));
    sv.start();
    expect(log.messages()).toEqual(["spawned: 'a' with pid 1000", "spawned: 'b' with pid 1001"]);
    clock.advance(0);
    expect(log.messages().slice(2)).toEqual([
      "success: a entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)",
      "success: b entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)",
    ]);
    const states = events.filter((e) => e.type.startsWith("PROCESS_STATE_")).map((e) => `${e.type.slice(14)} ${(e as { processName: string }).processName}`);
    expect(states).toEqual(["STARTING a", "STARTING b", "RUNNING a", "RUNNING b"]);
  });

  test("the child environment: supervisord's, then SUPERVISOR_*, then environment=", () => {
    const cfg = configWith([programGroup("g", 1, [programConfig("web", { environment: { HOME: "/srv", A: "1" } })])]);
    const { sv, spawner } = setup(cfg);
    sv.start();
    expect(spawner.last().spec.env).toEqual({
      PATH: "/usr/bin",
      HOME: "/srv",
      A: "1",
      SUPERVISOR_ENABLED: "1",
      SUPERVISOR_SERVER_URL: "unix:///tmp/supervisor.sock",
      SUPERVISOR_PROCESS_NAME: "web",
      SUPERVISOR_GROUP_NAME: "g",
    });
  });

  test("a crash loop ends FATAL after startretries, with 1 s, 2 s, 3 s between attempts", () => {
    const { sv, clock, spawner, exit, log } = setup(configWith([programGroup("crash")]));
    sv.start();
    const spawnTimes = [clock.now()];
    for (let i = 0; i < 4; i++) {
      clock.advance(100);
      exit(spawner.last().pid, 1);
      if (i < 3) {
        clock.advance((i + 1) * 1000);
        spawnTimes.push(clock.now());
      }
    }
    expect(spawner.children).toHaveLength(4);
    expect(spawnTimes).toEqual([0, 1100, 3200, 6300]);
    expect(sv.processInfo("crash")).toMatchObject({ statename: "FATAL", description: "Exited too quickly (process log may have details)" });
    expect(log.messages().at(-1)).toBe("gave up: crash entered FATAL state, too many start retries too quickly");
    clock.advance(60_000);
    expect(spawner.children).toHaveLength(4);
  });

  test("a command not found: spawnerr, BACKOFF … FATAL, and startProcess answers NO_FILE", async () => {
    const { sv, clock, spawner, log } = setup(configWith([programGroup("nope", 1, [programConfig("nope", { startretries: 1 })])]));
    spawner.missing.add("/bin/nope");
    sv.start();
    clock.advance(1000);
    expect(sv.processInfo("nope")).toMatchObject({ statename: "FATAL", spawnerr: "can't find command '/bin/nope'" });
    expect(log.messages()).toEqual([
      "spawnerr: can't find command '/bin/nope'",
      "spawnerr: can't find command '/bin/nope'",
      "gave up: nope entered FATAL state, too many start retries too quickly",
    ]);
    await expect(sv.startProcess("nope", true)).rejects.toBeInstanceOf(NoFile);
  });
});

describe("spawn failures in supervisord itself", () => {
  test("EAGAIN and EMFILE become 4.2.5's spawnerr; others keep their message", () => {
    const { sv, clock, spawner, log } = setup(configWith([programGroup("web", 1, [programConfig("web", { startretries: 2 })])]));
    spawner.failNext = "fork: EAGAIN";
    spawner.failNextCode = "EAGAIN";
    sv.start();
    expect(sv.processInfo("web")).toMatchObject({ statename: "BACKOFF", spawnerr: "Too many processes in process table to spawn 'web'" });
    spawner.failNext = "pipe: EMFILE";
    spawner.failNextCode = "EMFILE";
    clock.advance(1000);
    expect(sv.processInfo("web").spawnerr).toBe("too many open files to spawn 'web'");
    spawner.failNext = "couldn't exec web: ENOEXEC";
    clock.advance(2000);
    expect(log.messages().filter((m) => m.startsWith("spawnerr:"))).toEqual([
      "spawnerr: Too many processes in process table to spawn 'web'",
      "spawnerr: too many open files to spawn 'web'",
      "spawnerr: couldn't exec web: ENOEXEC",
    ]);
    expect(sv.processInfo("web").statename).toBe("FATAL");
  });
});

describe("start and stop through the API", () => {
  test("startProcess with wait resolves at RUNNING; a quick exit is SPAWN_ERROR", async () => {
    const { sv, clock, spawner, exit } = setup(configWith([programGroup("a", 1, [programConfig("a", { autostart: false })])]));
    sv.start();
    const started = sv.startProcess("a", true);
    clock.advance(1000);
    expect(await started).toBe(true);
    await expect(sv.startProcess("a", true)).rejects.toBeInstanceOf(AlreadyStarted);
    const stopped = sv.stopProcess("a", true);
    exit(spawner.last().pid, null, "SIGTERM");
    expect(await stopped).toBe(true);
    const again = sv.startProcess("a", true);
    exit(spawner.last().pid, 2);
    await expect(again).rejects.toBeInstanceOf(SpawnError);
  });

  test("stopProcess waits through stopwaitsecs and SIGKILL", async () => {
    const { sv, clock, killer, spawner, exit, log } = setup(configWith([programGroup("stubborn")]));
    sv.start();
    clock.advance(1000);
    let done = false;
    const stopping = sv.stopProcess("stubborn", true).then(() => (done = true));
    expect(killer.sent).toEqual([{ pid: 1000, signal: "TERM", group: false }]);
    clock.advance(9999);
    await settle();
    expect(done).toBe(false);
    clock.advance(1);
    expect(killer.sent.at(-1)).toEqual({ pid: 1000, signal: "KILL", group: false });
    exit(spawner.last().pid, null, "SIGKILL");
    await stopping;
    const [reports, others] = [log.messages().filter((m) => m === "waiting for stubborn to stop"), log.messages().filter((m) => !m.startsWith("waiting"))];
    expect(others.slice(-2)).toEqual(["killing 'stubborn' (1000) with SIGKILL", "stopped: stubborn (terminated by SIGKILL)"]);
    // At once, then every 2 s until the exit (0, 2, 4, 6, 8 and 10 s).
    expect(reports).toHaveLength(6);
    clock.advance(60_000);
    expect(log.messages().filter((m) => m === "waiting for stubborn to stop")).toHaveLength(6);
  });

  test("faults: BAD_NAME, NOT_RUNNING, BAD_SIGNAL", async () => {
    const { sv } = setup(configWith([programGroup("a", 1, [programConfig("a", { autostart: false })])]));
    sv.start();
    expect(() => sv.processInfo("zzz")).toThrow(BadName);
    expect(() => sv.processInfo("a:*")).toThrow(BadName);
    await expect(sv.stopProcess("a", false)).rejects.toBeInstanceOf(NotRunning);
    expect(() => sv.signalProcess("a", "HUP")).toThrow(NotRunning);
    await sv.startProcess("a", false);
    expect(() => sv.signalProcess("a", "BOGUS")).toThrow(BadSignal);
  });

  test("group start, signal and stop report one outcome per process", async () => {
    const procs = [programConfig("x", { autostart: false }), programConfig("y", { autostart: false })];
    const { sv, killer, spawner, exit } = setup(configWith([programGroup("g", 1, procs)]));
    sv.start();
    const started = await sv.startGroup("g", false);
    expect(started).toEqual([
      { name: "x", group: "g", error: null },
      { name: "y", group: "g", error: null },
    ]);
    expect(sv.signalGroup("g", "USR1").map((o) => o.error)).toEqual([null, null]);
    expect(killer.sent.map((k) => k.signal)).toEqual(["USR1", "USR1"]);
    const stopping = sv.stopProcess("g:*", true);
    for (const c of spawner.children) exit(c.pid, 0);
    expect(await stopping).toBe(true);
    expect(sv.allProcessInfo().map((i) => `${i.group}:${i.name} ${i.statename}`)).toEqual(["g:x STOPPED", "g:y STOPPED"]);
  });

  test("sendProcessStdin writes to the running child; NOT_RUNNING otherwise", () => {
    const { sv, spawner } = setup(configWith([programGroup("cat")]));
    expect(() => sv.sendProcessStdin("cat", "x")).toThrow(BadName);
    sv.start();
    sv.sendProcessStdin("cat", "hello\n");
    expect(spawner.last().stdinData).toEqual(["hello\n"]);
    spawner.last().stdinClosed = true;
    expect(() => sv.sendProcessStdin("cat", "x")).toThrow(NoFile);
  });
});

describe("shutdown", () => {
  test("stops the highest priority group first, the next only once it is down, then ends", async () => {
    const { sv, clock, killer, spawner, exit, log, events } = setup(configWith([programGroup("db", 1), programGroup("web", 50)]));
    sv.start();
    clock.advance(1000);
    sv.onSignal("SIGTERM");
    expect(killer.sent).toEqual([{ pid: 1001, signal: "TERM", group: false }]);
    expect(() => sv.state()).toThrow(ShutdownState);
    exit(1001, null, "SIGTERM");
    expect(killer.sent.at(-1)).toEqual({ pid: 1000, signal: "TERM", group: false });
    exit(1000, 0);
    expect(await sv.ended).toBe("shutdown");
    expect(log.messages().slice(-5)).toEqual([
      "success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
      "received SIGTERM indicating exit request",
      "waiting for db, web to die",
      "stopped: web (terminated by SIGTERM)",
      "stopped: db (exit status 0)",
    ]);
    expect(events.some((e) => e.type === "SUPERVISOR_STATE_CHANGE_STOPPING")).toBe(true);
    expect(spawner.children.every((c) => !c.alive)).toBe(true);
  });

  test("groups of equal priority stop together; lower priorities wait for them", async () => {
    const { sv, clock, killer, exit } = setup(configWith([programGroup("a", 5), programGroup("b", 5), programGroup("c", 1)]));
    sv.start();
    clock.advance(1000);
    sv.shutdown();
    // The stop starts on the next turn, once the RPC that asked for it has had its answer.
    expect(killer.sent).toEqual([]);
    clock.advance(0);
    expect(killer.sent.map((k) => k.pid).sort()).toEqual([1001, 1002]);
    exit(1001, 0);
    expect(killer.sent).toHaveLength(2);
    exit(1002, 0);
    expect(killer.sent.at(-1)?.pid).toBe(1000);
    exit(1000, 0);
    expect(await sv.ended).toBe("shutdown");
  });

  test("a BACKOFF process gives up at shutdown; nothing restarts while stopping", async () => {
    const { sv, clock, spawner, exit } = setup(configWith([programGroup("flap", 1, [programConfig("flap", { autorestart: "true" })])]));
    sv.start();
    exit(spawner.last().pid, 1);
    sv.onSignal("SIGINT");
    expect(sv.currentMood).toBe("SHUTDOWN");
    expect(await sv.ended).toBe("shutdown");
    clock.advance(60_000);
    expect(spawner.children).toHaveLength(1);
  });

  test("SIGHUP restarts, and is ignored during a shutdown", async () => {
    const { sv, log } = setup(configWith([]));
    sv.start();
    sv.onSignal("SIGHUP");
    expect(await sv.ended).toBe("restart");
    const b = setup(configWith([]));
    b.sv.start();
    b.sv.onSignal("SIGQUIT");
    b.sv.onSignal("SIGHUP");
    expect(b.log.messages()).toEqual([
      "received SIGQUIT indicating exit request",
      "ignored SIGHUP indicating restart request (shutdown in progress)",
    ]);
    expect(log.messages()).toEqual(["received SIGHUP indicating restart request"]);
  });

  test("a stop that outlasts 3 s is reported again", () => {
    const { sv, clock, log } = setup(configWith([programGroup("slow", 1, [programConfig("slow", { stopwaitsecs: 60 })])]));
    sv.start();
    sv.shutdown();
    clock.advance(0);
    clock.advance(3000);
    expect(log.messages().filter((m) => m.startsWith("waiting for"))).toEqual(["waiting for slow to die", "waiting for slow to die"]);
  });
});

describe("reload as a diff", () => {
  test("reloadConfig reports added/changed/removed; unchanged keeps its pid; add and remove groups", async () => {
    const old = configWith([programGroup("same"), programGroup("edited"), programGroup("gone")]);
    const next = configWith([
      programGroup("same"),
      programGroup("edited", 999, [programConfig("edited", { command: "/bin/edited --new" })]),
      programGroup("fresh"),
    ]);
    let reads = 0;
    const { sv, spawner, exit } = setup(old, async () => (reads++ ? Promise.reject(new Error("bad line 3")) : next));
    sv.start();
    const samePid = sv.processInfo("same").pid;
    expect(await sv.reloadConfig()).toEqual({ added: ["fresh"], changed: ["edited"], removed: ["gone"] });
    expect(() => sv.removeProcessGroup("gone")).toThrow(StillRunning);
    const stopped = sv.stopGroup("gone", true);
    exit(sv.processInfo("gone").pid, 0);
    await stopped;
    expect(sv.removeProcessGroup("gone")).toBe(true);
    expect(() => sv.processInfo("gone")).toThrow(BadName);
    expect(sv.addProcessGroup("fresh")).toBe(true);
    expect(() => sv.addProcessGroup("fresh")).toThrow(AlreadyAdded);
    expect(() => sv.addProcessGroup("nosuch")).toThrow(BadName);
    expect(sv.processInfo("fresh").statename).toBe("STARTING");
    expect(sv.processInfo("same").pid).toBe(samePid);
    expect(spawner.children.map((c) => c.spec.command.argv[0])).toContain("/bin/fresh");
    expect(sv.configInfo().map((e) => `${e.process.name}:${e.inuse}`)).toEqual(["edited:true", "fresh:true", "same:true"]);
    await expect(sv.reloadConfig()).rejects.toBeInstanceOf(CantReread);
  });

  test("a reload during a stop: the group is removed only once its process has stopped", async () => {
    const { sv, spawner, exit } = setup(configWith([programGroup("a")]));
    sv.start();
    const stopping = sv.stopProcess("a", true);
    expect(() => sv.removeProcessGroup("a")).toThrow(StillRunning);
    exit(spawner.last().pid, null, "SIGTERM");
    await stopping;
    expect(sv.removeProcessGroup("a")).toBe(true);
  });
});

describe("logs", () => {
  test("clearProcessLogs answers once the files are cleared, so a read right after finds them", async () => {
    let finish = () => {};
    class SlowClear extends FakeChildLogs {
      override clear(): Promise<void> {
        return new Promise((resolve) => (finish = resolve));
      }
    }
    const { sv } = setup(configWith([programGroup("web")]), undefined, () => new SlowClear());
    sv.start();
    let answered = false;
    const answer = sv.clearProcessLogs("web").then((v) => (answered = v));
    await settle();
    expect(answered).toBe(false);
    finish();
    expect(await answer).toBe(true);
    await expect(sv.clearProcessLogs("nope")).rejects.toThrow(BadName);
  });
});
