// CapturedLogs opens a spawn's files before the spawn (4.2.5's make_dispatchers), so a file that cannot be opened
// is a spawn error (spawnerr, BACKOFF, FATAL, never a pid), and clearProcessLogs answers FAILED naming the process
// when a file cannot be made again.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Failed } from "../../../src/core/errors";
import { EventBus } from "../../../src/core/events";
import type { ProcessConfig } from "../../../src/config/types";
import { CapturedLogs } from "../../../src/daemon/child-logs";
import { Supervisor } from "../../../src/daemon/supervisor";
import type { Child } from "../../../src/platform/spawner";
import { outputOf } from "../../support/child-output";
import { configWith, programConfig, programGroup } from "../../support/config-fixtures";
import { FakeClock, FakeKiller, FakeSpawner, RecordingLogger } from "../../support/fake-platform";
import { FakeLogger } from "../../support/fake-logger";
import { makeTmpDir } from "../../support/tmp";
import { waitFor } from "../../support/wait";

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => (tmp = makeTmpDir("sv-child-logs-")));
afterEach(() => tmp.cleanup());

function logsTo(path: string, over: Partial<ProcessConfig> = {}) {
  const base = programConfig("x", over);
  const cfg = { ...base, stdout: { ...base.stdout, logfile: { kind: "file" as const, path } } };
  return { cfg, logs: new CapturedLogs(cfg, "x", { logger: new FakeLogger(), bus: new EventBus(), childlogdir: tmp.dir, identifier: "supervisor", stripAnsi: false }) };
}

function childWriting(pid: number, text: string): Child {
  return { pid, stdout: outputOf(text), stderr: outputOf(""), stdin: { write() {}, close() {} } };
}

const openFds = () => readdirSync("/proc/self/fd").length;

describe("CapturedLogs", () => {
  test("open() throws the open error before any spawn; a path that opens is then written by attach()", async () => {
    mkdirSync(join(tmp.dir, "adir"));
    expect(() => logsTo(join(tmp.dir, "adir")).logs.open()).toThrow(expect.objectContaining({ code: "EISDIR" }));
    expect(() => logsTo(join(tmp.dir, "gone", "x.log")).logs.open()).toThrow(expect.objectContaining({ code: "ENOENT" }));
    const path = join(tmp.dir, "x.log");
    const { logs } = logsTo(path);
    logs.open();
    logs.attach(childWriting(7, "hello\n"));
    await logs.drained();
    expect(readFileSync(path, "utf8")).toBe("hello\n");
  });

  test("files from an open() no spawn followed are closed by the next open() and by close()", async () => {
    const { logs } = logsTo(join(tmp.dir, "x.log"));
    const before = openFds();
    logs.open();
    logs.open();
    expect(openFds()).toBe(before + 1);
    await logs.close();
    await waitFor("the file closed", () => openFds() === before || undefined);
  });

  test("clear() throws at once when the file cannot be made again (its directory is gone)", async () => {
    const dir = join(tmp.dir, "logs");
    mkdirSync(dir);
    const { logs } = logsTo(join(dir, "x.log"));
    logs.open();
    logs.attach(childWriting(7, "before\n"));
    await logs.drained();
    rmSync(dir, { recursive: true });
    expect(() => logs.clear()).toThrow(expect.objectContaining({ code: "ENOENT" }));
    mkdirSync(dir);
    await logs.clear();
    expect(readFileSync(join(dir, "x.log"), "utf8")).toBe("");
  });
});

describe("through the daemon", () => {
  function daemon(logs: CapturedLogs, cfg: ProcessConfig) {
    const clock = new FakeClock();
    const spawner = new FakeSpawner();
    const log = new RecordingLogger();
    const sv = new Supervisor(configWith([programGroup("x", 999, [cfg])]), {
      clock,
      spawner,
      killer: new FakeKiller(),
      log,
      ownEnv: {},
      pid: 1,
      childLogs: () => logs,
      reread: async () => configWith([]),
      mainLog: { path: () => null, clear() {}, reopen() {} },
    });
    return { sv, clock, spawner, log };
  }

  test("a log that cannot be opened is the spawn error: BACKOFF, then FATAL, nothing spawned", () => {
    mkdirSync(join(tmp.dir, "adir"));
    const { cfg, logs } = logsTo(join(tmp.dir, "adir"), { startretries: 1 });
    const { sv, clock, spawner, log } = daemon(logs, cfg);
    sv.start();
    expect(sv.processInfo("x")).toMatchObject({ statename: "BACKOFF", pid: 0 });
    clock.advance(1000);
    const spawnerr = "unknown error making dispatchers for 'x': EISDIR";
    expect(log.messages()).toEqual([`spawnerr: ${spawnerr}`, `spawnerr: ${spawnerr}`, "gave up: x entered FATAL state, too many start retries too quickly"]);
    expect(sv.processInfo("x")).toMatchObject({ statename: "FATAL", spawnerr, description: spawnerr });
    expect(spawner.children).toHaveLength(0);
  });

  test("clearProcessLogs and clearAllProcessLogs answer FAILED naming the process", async () => {
    const dir = join(tmp.dir, "logs");
    mkdirSync(dir);
    const { cfg, logs } = logsTo(join(dir, "x.log"));
    const { sv } = daemon(logs, cfg);
    sv.start();
    rmSync(dir, { recursive: true });
    // attach() starts the captures a few microtasks after the spawn.
    await waitFor("the capture started", async () => {
      try {
        await sv.clearProcessLogs("x");
        return undefined;
      } catch (err) {
        return err;
      }
    }).then((err) => expect(err).toEqual(new Failed("x")));
    expect(sv.clearAllProcessLogs()).toEqual([{ name: "x", group: "x", error: new Failed("x") }]);
  });
});
