import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SupervisorEvent } from "../../../src/core/events";
import { ChannelCapture, type CaptureOptions, type ChannelLogSettings } from "../../../src/logs/capture";
import { LEVELS } from "../../../src/logs/levels";
import { spawnPiped } from "../../support/child-output";
import { FakeLogger } from "../../support/fake-logger";
import { makeTmpDir } from "../../support/tmp";
import { waitFor } from "../../support/wait";

const enc = (s: string) => new TextEncoder().encode(s);

let tmp: { dir: string; cleanup: () => void };
let logPath: string;
let events: SupervisorEvent[];
let logger: FakeLogger;
beforeEach(() => {
  tmp = makeTmpDir("sv-capture-");
  logPath = join(tmp.dir, "x.log");
  events = [];
  logger = new FakeLogger();
});
afterEach(() => tmp.cleanup());

function settings(over: Partial<ChannelLogSettings> = {}): ChannelLogSettings {
  return {
    logfile: { kind: "file", path: logPath },
    logfileMaxbytes: 0,
    logfileBackups: 0,
    captureMaxbytes: 0,
    eventsEnabled: false,
    syslog: false,
    ...over,
  };
}

function open(over: Partial<CaptureOptions> = {}, s: Partial<ChannelLogSettings> = {}): Promise<ChannelCapture> {
  return ChannelCapture.open({
    processName: "x",
    groupName: "g",
    pid: 42,
    channel: "stdout",
    settings: settings(s),
    stripAnsi: false,
    logger,
    events: { emit: (e) => events.push(e) },
    ...over,
  });
}

async function feedAll(cap: ChannelCapture, chunks: (string | Uint8Array)[]): Promise<string> {
  for (const c of chunks) await cap.feed(typeof c === "string" ? enc(c) : c);
  cap.end();
  await cap.close();
  return readFileSync(logPath, "utf8");
}

describe("normal output", () => {
  test("bytes go to the file unchanged", async () => {
    expect(await feedAll(await open(), ["hello\n", "world\n"])).toBe("hello\nworld\n");
  });

  test("strip_ansi removes escapes, even split across chunks", async () => {
    const cap = await open({ stripAnsi: true });
    expect(await feedAll(cap, ["a\x1b[3", "1mred\x1b", "[0m b\n"])).toBe("ared b\n");
  });

  test("PROCESS_LOG events carry the (stripped) text when events are enabled", async () => {
    const cap = await open({ stripAnsi: true }, { eventsEnabled: true });
    await feedAll(cap, ["\x1b[1mhi\n"]);
    expect(events).toEqual([{ type: "PROCESS_LOG_STDOUT", processName: "x", groupName: "g", pid: 42, data: "hi\n" }]);
  });

  test("no events when events are disabled", async () => {
    await feedAll(await open(), ["hi\n"]);
    expect(events).toEqual([]);
  });

  test("stderr events say so; undecodable bytes use 4.2.5's wording", async () => {
    const cap = await open({ channel: "stderr" }, { eventsEnabled: true });
    await feedAll(cap, [Uint8Array.of(0xff, 0x41, 0x0a)]);
    expect(events[0]).toMatchObject({ type: "PROCESS_LOG_STDERR", data: "Undecodable: b'\\xffA\\n'" });
  });

  test("at loglevel debug, each piece is also logged as 4.2.5's `'x' stdout output:`", async () => {
    logger = new FakeLogger(LEVELS.debug);
    await feedAll(await open(), ["one\n"]);
    expect(logger.lines).toEqual(["'x' stdout output:\none\n"]);
  });

  test("NONE: nothing is written, nothing fails, events still flow", async () => {
    const cap = await open({}, { logfile: { kind: "none" }, eventsEnabled: true });
    for (const c of ["a", "b"]) await cap.feed(enc(c));
    cap.end();
    await cap.close();
    expect(cap.logfile).toBeNull();
    expect(existsSync(logPath)).toBe(false);
    expect(events.map((e) => (e as { data: string }).data)).toEqual(["a", "b"]);
    expect(() => cap.read(0, 0)).toThrow(/^NO_FILE$/);
  });

  test("AUTO uses the path chosen for the process", async () => {
    const cap = await open({ autoPath: logPath }, { logfile: { kind: "auto" } });
    expect(await feedAll(cap, ["auto\n"])).toBe("auto\n");
  });

  test("syslog: one message per line, prefixed with the process name; logfile=syslog means the same", async () => {
    for (const settings of [{ syslog: true }, { logfile: { kind: "syslog" as const } }, { logfile: { kind: "syslog" as const }, syslog: true }]) {
      const sent: string[] = [];
      const cap = await open({ syslog: (l) => sent.push(l) }, settings);
      await cap.feed(enc("l1\nl2\n\n"));
      cap.end();
      await cap.close();
      expect(sent).toEqual(["x l1", "x l2"]);
    }
  });
});

describe("capture mode", () => {
  const BEGIN = "<!--XSUPERVISOR:BEGIN-->";
  const END = "<!--XSUPERVISOR:END-->";

  test("text between the tokens becomes a PROCESS_COMMUNICATION event and stays out of the log", async () => {
    logger = new FakeLogger(LEVELS.debug);
    const cap = await open({}, { captureMaxbytes: 100 });
    const log = await feedAll(cap, [`before ${BEGIN}payload${END} after\n`]);
    expect(log).toBe("before  after\n");
    expect(events).toEqual([{ type: "PROCESS_COMMUNICATION_STDOUT", processName: "x", groupName: "g", pid: 42, data: "payload" }]);
    expect(logger.lines).toContain("'x' stdout emitted a comm event");
  });

  test("tokens split across chunks at every position", async () => {
    const text = `aa${BEGIN}comm data${END}zz\n`;
    for (let cut = 1; cut < text.length; cut++) {
      events = [];
      logPath = join(tmp.dir, `cut-${cut}.log`);
      const cap = await open({}, { captureMaxbytes: 100 });
      const log = await feedAll(cap, [text.slice(0, cut), text.slice(cut)]);
      expect(log).toBe("aazz\n");
      expect(events.map((e) => (e as { data: string }).data)).toEqual(["comm data"]);
    }
  });

  test("one byte at a time", async () => {
    const cap = await open({ channel: "stderr" }, { captureMaxbytes: 100 });
    const text = `x${BEGIN}1${END}y${BEGIN}2${END}z`;
    const log = await feedAll(cap, [...text].map(enc));
    expect(log).toBe("xyz");
    expect(events.map((e) => [e.type, (e as { data: string }).data])).toEqual([
      ["PROCESS_COMMUNICATION_STDERR", "1"],
      ["PROCESS_COMMUNICATION_STDERR", "2"],
    ]);
  });

  test("the capture buffer keeps 4.2.5's bound: an overflowing write drops as many bytes from the front", async () => {
    const cap = await open({}, { captureMaxbytes: 40 });
    // Pieces longer than the token are recorded one by one, as separate reads are in 4.2.5.
    for (const c of [BEGIN, "A".repeat(30), "B".repeat(30), `CCCCC${END}`]) await cap.feed(enc(c));
    cap.end();
    await cap.close();
    // A30 fits; B30 overflows, so 30 bytes go from the front (all of A); C5 fits.
    expect(events.map((e) => (e as { data: string }).data)).toEqual([`${"B".repeat(30)}CCCCC`]);
  });

  test("without capture_maxbytes the tokens are plain text", async () => {
    expect(await feedAll(await open(), [`${BEGIN}x${END}`])).toBe(`${BEGIN}x${END}`);
  });

  test("short output is held until more arrives (as 4.2.5), and written at end of stream (unlike 4.2.5)", async () => {
    const cap = await open({}, { captureMaxbytes: 100 });
    await cap.feed(enc("short\n"));
    await cap.flushed();
    expect(readFileSync(logPath, "utf8")).toBe("");
    cap.end();
    await cap.close();
    expect(readFileSync(logPath, "utf8")).toBe("short\n");
  });
});

describe("pump, keeping pace, and the RPC readers", () => {
  test("pump() takes a real child's output to the file without losing a byte, with rotation", async () => {
    const cap = await open({}, { logfileMaxbytes: 64 * 1024, logfileBackups: 100 });
    const { stdout } = spawnPiped(["sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' 'a'"]);
    await cap.pump(stdout);
    await cap.close();
    let total = readFileSync(logPath).length;
    for (let i = 1; existsSync(`${logPath}.${i}`); i++) total += readFileSync(`${logPath}.${i}`).length;
    expect(total).toBe(3_000_000);
  });

  test("a stalled target holds back only its own child: backpressure there, no delay for the others", async () => {
    const fifo = join(tmp.dir, "stalled");
    Bun.spawnSync(["mkfifo", fifo]);
    // A reader that opens the FIFO and never reads: writes to it block once the pipe is full.
    const holder = Bun.spawn(["sh", "-c", `exec 3<"${fifo}"; exec sleep 30`]);
    try {
      const stalled = await open({ processName: "slow" }, { logfile: { kind: "file", path: fifo } });
      const chunk = new Uint8Array(64 * 1024);
      let waited: Promise<void> | undefined;
      for (let i = 0; i < 40 && !waited; i++) waited = stalled.feed(chunk);
      expect(waited).toBeInstanceOf(Promise); // the stalled child's pump would stop reading here
      let released = false;
      void waited!.then(() => (released = true));
      const healthy = await open({ processName: "fast" });
      const t0 = performance.now();
      for (let i = 0; i < 16; i++) await healthy.feed(chunk);
      await healthy.flushed();
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(readFileSync(logPath).length).toBe(16 * 64 * 1024);
      expect(released).toBe(false);
      await healthy.close();
    } finally {
      holder.kill("SIGKILL");
      await holder.exited;
    }
  });

  test("cancelling the pipe ends pump() while a (grand)child still holds it open", async () => {
    const cap = await open();
    const { child, stdout } = spawnPiped(["sh", "-c", "echo first; exec sleep 30"]);
    try {
      const pumping = cap.pump(stdout);
      await waitFor("first line", async () => {
        await cap.flushed();
        return readFileSync(logPath, "utf8") === "first\n";
      });
      stdout.cancel();
      await pumping;
      await cap.close();
      expect(readFileSync(logPath, "utf8")).toBe("first\n");
    } finally {
      child.kill("SIGKILL");
    }
  });

  test("read() and tail() read the file; clear() empties it", async () => {
    const cap = await open();
    await cap.feed(enc("0123456789"));
    await cap.flushed();
    expect(cap.read(-4, 0)).toBe("6789");
    expect(cap.tail(0, 3)).toEqual(["789", 10, true]);
    await cap.clear();
    expect(cap.tail(0, 3)).toEqual(["", 0, false]);
    await cap.close();
  });

  test("a non-regular target is read from the tail ring instead", async () => {
    const cap = await open({}, { logfile: { kind: "file", path: "/dev/null" }, logfileMaxbytes: 1 });
    await cap.feed(enc("abcdef"));
    await cap.flushed();
    expect(cap.read(0, 0)).toBe("abcdef");
    expect(cap.tail(0, 2)).toEqual(["ef", 6, true]);
    await cap.close();
  });

  test("open() fails with the errno when the log cannot be opened", async () => {
    await expect(open({}, { logfile: { kind: "file", path: join(tmp.dir, "missing", "x.log") } })).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
});
