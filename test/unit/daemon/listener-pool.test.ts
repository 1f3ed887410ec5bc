// The pool through a Supervisor on fake seams: the listener's stdout is a stream the test writes to, its stdin is
// recorded, and time moves only when the test says so.
import { describe, expect, test } from "bun:test";
import type { EventListenerPoolConfig } from "../../../src/config/types";
import type { ChildExit, SpawnSpec } from "../../../src/platform/spawner";
import { Supervisor } from "../../../src/daemon/supervisor";
import { ScriptedOutput } from "../../support/child-output";
import { configWith, programConfig, programGroup } from "../../support/config-fixtures";
import { type FakeChild, FakeChildLogs, FakeClock, FakeKiller, FakeSpawner, RecordingLogger } from "../../support/fake-platform";

/** A spawner whose children's stdout the test controls. */
class TalkingSpawner extends FakeSpawner {
  private readonly mouths = new Map<number, ScriptedOutput>();
  override spawn(spec: SpawnSpec, onExit: (exit: ChildExit) => void): FakeChild {
    const child = super.spawn(spec, onExit) as FakeChild;
    const mouth = new ScriptedOutput();
    this.mouths.set(child.pid, mouth);
    child.stdout = mouth;
    return child;
  }
  say(child: FakeChild, text: string): void {
    this.mouths.get(child.pid)!.say(text);
  }
}

function pool(over: Partial<EventListenerPoolConfig> = {}): EventListenerPoolConfig {
  return {
    kind: "eventlistener",
    name: "rec",
    priority: -1,
    processes: [programConfig("rec", { startsecs: 0, priority: -1 })],
    bufferSize: 10,
    events: ["REMOTE_COMMUNICATION"],
    resultHandler: "supervisor.dispatchers:default_handler",
    ...over,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 1));

async function setup(p: EventListenerPoolConfig) {
  const clock = new FakeClock();
  const spawner = new TalkingSpawner();
  const log = new RecordingLogger();
  const sv = new Supervisor(configWith([p as never, programGroup("app")]), {
    clock,
    spawner,
    killer: new FakeKiller(),
    log,
    ownEnv: { PATH: "/usr/bin" },
    pid: 1,
    childLogs: () => new FakeChildLogs(),
    reread: async () => configWith([]),
    mainLog: { path: () => null, clear() {}, reopen() {} },
  });
  sv.start();
  const listener = () => spawner.children.find((c) => c.spec.command.argv[0] === "/bin/rec" && c.alive)!;
  /** Lets the stdout reader and the deferred dispatch run. */
  const turn = async () => {
    await settle();
    clock.advance(0);
  };
  const say = async (text: string) => {
    spawner.say(listener(), text);
    await turn();
  };
  const sent = () => listener().stdinData;
  return { sv, clock, spawner, log, listener, say, sent, turn };
}

const remoteHeader = (serial: number, poolSerial: number, len: number) =>
  `ver:3.0 server:supervisor serial:${serial} pool:rec poolserial:${poolSerial} eventname:REMOTE_COMMUNICATION len:${len}\n`;

describe("listener pool", () => {
  test("an event waits for READY, goes out with its header, and OK finishes it", async () => {
    const { sv, say, sent, turn, log } = await setup(pool());
    sv.sendRemoteCommEvent("t", "one");
    await turn();
    expect(sent()).toEqual([]);
    await say("READY\n");
    expect(sent()).toEqual([`${remoteHeader(0, 0, 10)}type:t\none`]);
    await say("RESULT 2\nOK");
    expect(log.messages("debug")).toContain("rec: event was processed");
  });

  test("FAIL puts the event back at the head with the same serials", async () => {
    const { sv, say, sent, turn, log } = await setup(pool());
    await say("READY\n");
    sv.sendRemoteCommEvent("t", "a");
    sv.sendRemoteCommEvent("t", "b");
    await turn();
    await say("RESULT 4\nFAIL");
    expect(log.messages()).toContain("rec: event was rejected");
    await say("READY\n");
    expect(sent()).toEqual([`${remoteHeader(0, 0, 8)}type:t\na`, `${remoteHeader(0, 0, 8)}type:t\na`]);
    await say("RESULT 2\nOKREADY\n");
    expect(sent().at(-1)).toBe(`${remoteHeader(1, 1, 8)}type:t\nb`);
  });

  test("a listener that dies mid-event is restarted and gets the event again", async () => {
    const { sv, spawner, clock, say, listener, turn } = await setup(pool());
    await say("READY\n");
    sv.sendRemoteCommEvent("t", "x");
    await turn();
    const first = listener();
    first.exit({ code: 1, signal: null });
    clock.advance(1000);
    await turn();
    const second = listener();
    expect(second.pid).not.toBe(first.pid);
    expect(second.stdinData).toEqual([]);
    spawner.say(second, "READY\n");
    await turn();
    expect(second.stdinData).toEqual(first.stdinData);
  });

  test("a full buffer drops its oldest event with 4.2.5's message", async () => {
    const { sv, say, sent, turn, log } = await setup(pool({ bufferSize: 2 }));
    await say("READY\n");
    sv.sendRemoteCommEvent("t", "busy");
    await turn();
    for (const n of [1, 2, 3, 4]) sv.sendRemoteCommEvent("t", `n${n}`);
    expect(log.lines.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
      "pool rec event buffer overflowed, discarding event 1",
      "pool rec event buffer overflowed, discarding event 2",
    ]);
    await say("RESULT 2\nOKREADY\n");
    await say("RESULT 2\nOKREADY\n");
    expect(sent().map((s) => s.split("\n").at(-1))).toEqual(["busy", "n3", "n4"]);
  });

  test("a removed pool stops listening", async () => {
    const { sv, say, listener, clock } = await setup(pool());
    await say("READY\n");
    const child = listener();
    await sv.stopProcess("rec", false);
    child.exit({ code: null, signal: "SIGTERM" });
    sv.removeProcessGroup("rec");
    const timers = clock.pending().length;
    sv.sendRemoteCommEvent("t", "late");
    // A pool still subscribed would buffer the event and arm its dispatch.
    expect(clock.pending()).toHaveLength(timers);
  });
});

describe("ticks", () => {
  test("flow only while a pool listens for them", async () => {
    for (const [events, expected] of [
      [["REMOTE_COMMUNICATION"], 0],
      [["TICK"], 2],
    ] as const) {
      const { sv, clock } = await setup(pool({ events: [...events] }));
      const ticks: unknown[] = [];
      sv.subscribe("TICK", (e) => ticks.push(e));
      clock.advance(10_000);
      expect({ events, ticks: ticks.length }).toEqual({ events, ticks: expected });
    }
  });
});
