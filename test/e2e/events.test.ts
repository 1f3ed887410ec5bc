// Event listeners on our daemon: the scenarios of test/support/events.ts with what 4.2.5 sends in each (checked
// against the reference by test/compat/events.test.ts), a listener in plain sh, and the header's len matching the
// payload. Scenarios run a few at a time: most of their time is Python starting the listener.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { testScope } from "../support/daemon";
import { masked, type Received, runScenario, SCENARIOS, until } from "../support/events";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

const H = "ver:3.0 server:supervisor serial:S pool:rec poolserial:P eventname:";
const state = (to: string, name: string, from: string, extra: string) =>
  `${H}PROCESS_STATE_${to} len:${extra.includes("pid:") ? "L" : `${`processname:${name} groupname:${name} from_state:${from}${extra}`.length}`}\n` +
  `processname:${name} groupname:${name} from_state:${from}${extra}`;
const remote = (type: string, data: string) => `${H}REMOTE_COMMUNICATION len:${type.length + 6 + data.length}\ntype:${type}\n${data}`;
const group = (what: "ADDED" | "REMOVED", name: string) => `${H}PROCESS_GROUP_${what} len:${name.length + 11}\ngroupname:${name}\n`;

const EXPECTED: Record<string, string[]> = {
  "a start reaching RUNNING": [
    state("STARTING", "rec", "STOPPED", " tries:0"),
    state("STARTING", "app", "STOPPED", " tries:0"),
    state("RUNNING", "rec", "STARTING", " pid:N"),
    state("RUNNING", "app", "STARTING", " pid:N"),
  ],
  "a crash through BACKOFF to FATAL": [
    state("STARTING", "rec", "STOPPED", " tries:0"),
    state("STARTING", "crash", "STOPPED", " tries:0"),
    state("BACKOFF", "crash", "STARTING", " tries:1"),
    state("STARTING", "crash", "BACKOFF", " tries:1"),
    state("BACKOFF", "crash", "STARTING", " tries:2"),
    state("FATAL", "crash", "BACKOFF", ""),
  ],
  "a stop": [state("STOPPING", "app", "RUNNING", " pid:N"), state("STOPPED", "app", "STOPPING", " pid:N")],
  "log events and an expected exit": [
    `${H}PROCESS_LOG_STDOUT len:L\nprocessname:talker groupname:talker pid:N channel:stdout\nout line\n`,
    `${H}PROCESS_LOG_STDERR len:L\nprocessname:talker groupname:talker pid:N channel:stderr\nerr line\n`,
    state("EXITED", "talker", "RUNNING", " expected:1 pid:N"),
  ],
  "supervisord stopping": [`${H}SUPERVISOR_STATE_CHANGE_RUNNING len:0\n`, `${H}SUPERVISOR_STATE_CHANGE_STOPPING len:0\n`],
  "a remote communication event": [remote("mytype", "some data\nline two")],
  "a capture-mode communication": [
    `${H}PROCESS_COMMUNICATION_STDOUT len:L\nprocessname:talker groupname:talker pid:N\nhello\nworld`,
  ],
  "a tick": [`${H}TICK_5 len:15\nwhen:T`],
  "a group added and removed": [group("ADDED", "rec"), group("ADDED", "app"), group("REMOVED", "app"), group("ADDED", "app")],
  "a listener answering FAIL": [remote("t", "once"), remote("t", "once")],
  "a listener crashing mid-event": [remote("t", "in flight"), remote("t", "in flight")],
  "a slow listener whose buffer overflows": [remote("t", "n4"), remote("t", "n5")],
};

const results = new Map<string, Awaited<ReturnType<typeof runScenario>>>();

async function runAll(): Promise<void> {
  for (let i = 0; i < SCENARIOS.length; i += 5) {
    const part = SCENARIOS.slice(i, i + 5);
    const done = await Promise.all(part.map((s) => runScenario(s, "ours", started, cleanups)));
    done.forEach((r, j) => results.set(part[j]!.name, r));
  }
}

const pyLength = (s: string) => [...s].length;
const sameEvent = (a: Received, b: Received) => a.headers.serial === b.headers.serial && a.headers.poolserial === b.headers.poolserial;

describe("event listeners (listener-py on supervisor.childutils)", () => {
  test("every scenario delivers 4.2.5's events", async () => {
    await runAll();
    for (const s of SCENARIOS) {
      const r = results.get(s.name)!;
      expect({ name: s.name, got: masked(r.recorded) }).toEqual({ name: s.name, got: EXPECTED[s.name]! });
      expect(r.status).toBe(0);
      for (const e of r.recorded) expect(Number(e.headers.len)).toBe(pyLength(e.payload));
    }
    const fail = results.get("a listener answering FAIL")!.recorded;
    expect(sameEvent(fail[0]!, fail[1]!)).toBe(true);
    const crash = results.get("a listener crashing mid-event")!;
    expect(sameEvent(crash.recorded[0]!, crash.recorded[1]!)).toBe(true);
    expect(crash.log.filter((m) => m.startsWith("exited: rec (exit status 3; not expected)"))).toHaveLength(1);
    const slow = results.get("a slow listener whose buffer overflows")!;
    expect(slow.log.filter((m) => m.includes("overflowed"))).toEqual(
      [0, 1, 2, 3].map((n) => `pool rec event buffer overflowed, discarding event ${n}`),
    );
    // Serials count every event any pool accepted; the pool's own serial counts its own.
    const start = results.get("a start reaching RUNNING")!.recorded;
    expect(start.map((e) => Number(e.headers.poolserial))).toEqual([0, 1, 2, 3]);
    expect(start.map((e) => Number(e.headers.serial))).toEqual([0, 1, 2, 3]);
  }, 240_000);
});

describe("a listener in sh", () => {
  test("reads headers and payloads of several kinds", async () => {
    let text = "";
    const r = await runScenario(
      {
        name: "sh listener",
        listener: "events=PROCESS_STATE_RUNNING",
        programs:
          "[eventlistener:shrec]\ncommand=listener-sh %(here)s/sh.txt\nevents=PROCESS_STATE_RUNNING,REMOTE_COMMUNICATION\n" +
          "startsecs=0\n[program:app]\ncommand=forever\nstartsecs=0\n",
        drive: async (sr) => {
          await until(sr, "PROCESS_STATE_RUNNING", /processname:app /);
          await sr.rpc([["sendRemoteCommEvent", "from-test", "payload with spaces"]]);
          const file = join(sr.dir, "sh.txt");
          await waitFor("the sh listener got the remote event", () => existsSync(file) && readFileSync(file, "utf8").includes("spaces"));
          text = readFileSync(file, "utf8");
        },
      },
      "ours",
      started,
      cleanups,
    );
    expect(r.status).toBe(0);
    const blocks = text.split("--\n").filter(Boolean);
    const names = blocks.map((b) => /eventname:(\S+)/.exec(b)![1]);
    expect(names.filter((n) => n === "PROCESS_STATE_RUNNING")).toHaveLength(3);
    const remoteBlock = blocks.find((b) => b.includes("REMOTE_COMMUNICATION"))!;
    expect(remoteBlock).toMatch(/^ver:3\.0 server:supervisor serial:\d+ pool:shrec poolserial:3 eventname:REMOTE_COMMUNICATION len:34\n/);
    expect(remoteBlock.endsWith("\ntype:from-test\npayload with spaces\n")).toBe(true);
  }, 60_000);
});
