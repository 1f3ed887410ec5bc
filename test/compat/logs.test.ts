// The child-log functions against the reference's own: readFile/tailFile (readProcessStdoutLog, tailProcessStdoutLog),
// stripEscapes (strip_ansi), BoundIO (the capture buffer) and POutputDispatcher (capture mode, PROCESS_LOG and
// PROCESS_COMMUNICATION events, the debug lines in the main log), run through test/compat/logs/reference_logs.py on
// the same cases as ours.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SupervisorEvent } from "../../src/core/events";
import { stripAnsi } from "../../src/logs/ansi";
import { BoundBuffer } from "../../src/logs/bound-buffer";
import { ChannelCapture } from "../../src/logs/capture";
import { LEVELS, levelLineName, type LevelNumber, type Logger } from "../../src/logs/levels";
import { readLog, tailLog } from "../../src/logs/read-tail";
import { REFERENCE_SITE, REFERENCE_SKIP_REASON } from "../support/reference";
import { makeTmpDir } from "../support/tmp";

const BEGIN = "<!--XSUPERVISOR:BEGIN-->";
const END = "<!--XSUPERVISOR:END-->";
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const fromLatin1 = (b: Uint8Array) => String.fromCharCode(...b);

const files = ["", "a", "0123456789"];
const offsets: [number, number][] = [];
for (const o of [-12, -10, -3, -1, 0, 1, 3, 9, 10, 11, 20]) for (const l of [-3, -1, 0, 1, 3, 9, 10, 11, 20]) offsets.push([o, l]);

const strip = [
  "plain",
  "\x1b[1;31mred\x1b[0m",
  "a\x1b[2J\x1b[Hb",
  "lone \x1b here",
  "ends \x1b",
  "unterminated \x1b[12;",
  "\x1b[\x1b[mx",
  "\x1b[31m\x1b[32m\x1b[0m",
  "x\x1b[?25lq\x1b[?25hy",
  "\xe9\x1b[0m\xe9",
];

const bound: [number, string[]][] = [
  [10, ["0123456", "789ab"]],
  [10, ["0123456789", "x"]],
  [10, ["0123456789abcdef"]],
  [5, ["ab", "cd", "ef", "gh"]],
  [40, ["A".repeat(30), "B".repeat(30), "C".repeat(5)]],
];

interface CaptureCase {
  channel: "stdout" | "stderr";
  captureMaxbytes: number;
  eventsEnabled: boolean;
  stripAnsi: boolean;
  chunks: string[];
}
const capture: CaptureCase[] = [];
const longText = `aa${BEGIN}comm data${END}zz and a tail long enough not to be held back\n`;
for (const captureMaxbytes of [0, 10, 100]) {
  for (let cut = 1; cut < longText.length; cut += 3) {
    capture.push({ channel: cut % 2 ? "stdout" : "stderr", captureMaxbytes, eventsEnabled: true, stripAnsi: false, chunks: [longText.slice(0, cut), longText.slice(cut)] });
  }
}
const multi = `x${BEGIN}1${END}y${BEGIN}two${END}z and some more text after it all\n`;
capture.push({ channel: "stdout", captureMaxbytes: 100, eventsEnabled: true, stripAnsi: false, chunks: [...multi] });
capture.push({ channel: "stdout", captureMaxbytes: 100, eventsEnabled: false, stripAnsi: false, chunks: [multi] });
capture.push({ channel: "stdout", captureMaxbytes: 40, eventsEnabled: true, stripAnsi: false, chunks: [BEGIN, "A".repeat(30), "B".repeat(30), `CCCCC${END}`, "x".repeat(30)] });
capture.push({ channel: "stdout", captureMaxbytes: 0, eventsEnabled: true, stripAnsi: true, chunks: ["\x1b[31mred\x1b[0m line\n", "\xff\xfe bytes\n"] });
capture.push({ channel: "stderr", captureMaxbytes: 100, eventsEnabled: true, stripAnsi: true, chunks: [`\x1b[1m${BEGIN}\x1b[2mbold${END}\x1b[0m and the rest of the line\n`] });
capture.push({ channel: "stdout", captureMaxbytes: 100, eventsEnabled: true, stripAnsi: false, chunks: ["hello <!--XSUPER", "VISOR:BEGIN-->data<!--XSUPERVISOR:EN", "D-->more output here to flush it out\n"] });

interface Reference {
  read: ({ ok: string } | { error: string })[][];
  tail: [string, number, boolean][][];
  strip: string[];
  bound: string[];
  capture: { log: string; events: [string, string][]; main: string[] }[];
}

let ref: Reference;
let tmp: { dir: string; cleanup: () => void };

beforeAll(async () => {
  tmp = makeTmpDir("sv-compat-logs-");
  if (!REFERENCE_SITE) return;
  const p = Bun.spawn(["python3", join(import.meta.dir, "logs", "reference_logs.py")], {
    stdin: new TextEncoder().encode(JSON.stringify({ files, offsets, strip, bound, capture })),
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, PYTHONPATH: REFERENCE_SITE },
  });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`reference_logs.py failed: ${err}`);
  ref = JSON.parse(out);
}, 60_000); // Python's start-up alone can take seconds on a busy machine
afterAll(() => tmp.cleanup());

const skip = REFERENCE_SKIP_REASON !== null;

describe.skipIf(skip)(`log functions match the reference${skip ? ` (skipped: ${REFERENCE_SKIP_REASON})` : ""}`, () => {
  test("readLog: every offset/length pair on empty, 1-byte and 10-byte files", () => {
    files.forEach((content, n) => {
      const path = join(tmp.dir, `f${n}`);
      writeFileSync(path, latin1(content));
      offsets.forEach(([o, l], i) => {
        let ours: { ok: string } | { error: string };
        try {
          ours = { ok: readLog(path, o, l) };
        } catch (e) {
          ours = { error: (e as Error).message };
        }
        expect({ file: n, o, l, r: ours }).toEqual({ file: n, o, l, r: ref.read[n]![i]! });
      });
    });
  });

  test("tailLog: every offset/length pair", () => {
    files.forEach((content, n) => {
      const path = join(tmp.dir, `t${n}`);
      writeFileSync(path, latin1(content));
      offsets.forEach(([o, l], i) => {
        expect({ file: n, o, l, r: tailLog(path, o, l) }).toEqual({ file: n, o, l, r: ref.tail[n]![i]! });
      });
    });
  });

  test("strip_ansi", () => {
    expect(strip.map((s) => fromLatin1(stripAnsi(latin1(s))))).toEqual(ref.strip);
  });

  test("the capture buffer's bound", () => {
    const ours = bound.map(([max, writes]) => {
      const b = new BoundBuffer(max);
      for (const w of writes) b.write(latin1(w));
      return fromLatin1(b.value());
    });
    expect(ours).toEqual(ref.bound);
  });

  test("capture: log bytes, events and main-log lines, chunk by chunk", async () => {
    const eventNames: Record<string, string> = {
      PROCESS_LOG_STDOUT: "ProcessLogStdoutEvent",
      PROCESS_LOG_STDERR: "ProcessLogStderrEvent",
      PROCESS_COMMUNICATION_STDOUT: "ProcessCommunicationStdoutEvent",
      PROCESS_COMMUNICATION_STDERR: "ProcessCommunicationStderrEvent",
    };
    for (const [n, c] of capture.entries()) {
      const path = join(tmp.dir, `capture-${n}.log`);
      const seen: [string, string][] = [];
      const main: string[] = [];
      const logger: Logger = {
        isEnabledFor: () => true,
        log: (level: LevelNumber, msg: string) => main.push(`${levelLineName(level)} ${msg}`),
        critical: (m) => logger.log(LEVELS.critical, m),
        error: (m) => logger.log(LEVELS.error, m),
        warn: (m) => logger.log(LEVELS.warn, m),
        info: (m) => logger.log(LEVELS.info, m),
        debug: (m) => logger.log(LEVELS.debug, m),
        trace: (m) => logger.log(LEVELS.trace, m),
        blather: (m) => logger.log(LEVELS.blather, m),
      };
      const cap = await ChannelCapture.open({
        processName: "x",
        groupName: "x",
        pid: 42,
        channel: c.channel,
        settings: { logfile: { kind: "file", path }, logfileMaxbytes: 0, logfileBackups: 0, captureMaxbytes: c.captureMaxbytes, eventsEnabled: c.eventsEnabled, syslog: false },
        stripAnsi: c.stripAnsi,
        logger,
        events: { emit: (e: SupervisorEvent) => seen.push([eventNames[e.type]!, (e as { data: string }).data]) },
      });
      for (const chunk of c.chunks) await cap.feed(latin1(chunk));
      await cap.flushed();
      const log = fromLatin1(readFileSync(path));
      await cap.close();
      const theirs = ref.capture[n]!;
      // Event data and main-log text are decoded text on our side, latin-1-transported bytes on theirs.
      const asText = (s: string) => {
        const bytes = latin1(s);
        try {
          return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          return s;
        }
      };
      expect({ n, log, events: seen, main }).toEqual({
        n,
        log: theirs.log,
        events: theirs.events.map(([t, d]) => [t, asText(d)] as [string, string]),
        main: theirs.main.map(asText),
      });
    }
  });
});
