import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLog, readSource, tailLog, tailSource } from "../../../src/logs/read-tail";
import { TailRing } from "../../../src/logs/tail-ring";
import { makeTmpDir } from "../../support/tmp";

let tmp: { dir: string; cleanup: () => void };
let path: string;
beforeEach(() => {
  tmp = makeTmpDir("sv-logs-");
  path = join(tmp.dir, "x.log");
  writeFileSync(path, "0123456789");
});
afterEach(() => tmp.cleanup());

describe("readLog (readProcessStdoutLog, readLog)", () => {
  test("offset and length", () => {
    expect(readLog(path, 0, 0)).toBe("0123456789");
    expect(readLog(path, 3, 0)).toBe("3456789");
    expect(readLog(path, 3, 4)).toBe("3456");
    expect(readLog(path, 8, 100)).toBe("89");
    expect(readLog(path, 50, 5)).toBe("");
  });

  test("a negative offset reads that many bytes from the end, and then length must be 0", () => {
    expect(readLog(path, -3, 0)).toBe("789");
    expect(readLog(path, -100, 0)).toBe("0123456789");
    expect(() => readLog(path, -3, 2)).toThrow("BAD_ARGUMENTS");
  });

  test("bytes that are not UTF-8 come back as U+FFFD (4.2.5 fails the request)", () => {
    writeFileSync(path, Uint8Array.of(0x6f, 0x6b, 0xff, 0xc3, 0xa9));
    expect(readLog(path, 0, 0)).toBe("ok\ufffdé");
    expect(tailLog(path, 0, 100)).toEqual(["ok\ufffdé", 5, false]);
  });

  test("a negative length is BAD_ARGUMENTS", () => {
    expect(() => readLog(path, 0, -1)).toThrow("BAD_ARGUMENTS");
  });

  test("an unset or missing log is NO_FILE, naming the path", () => {
    expect(() => readLog(null, 0, 0)).toThrow(/^NO_FILE$/);
    expect(() => readLog(join(tmp.dir, "gone.log"), 0, 0)).toThrow(`NO_FILE: ${join(tmp.dir, "gone.log")}`);
  });

  test("a target that is not a regular file is FAILED, without blocking on it", () => {
    expect(() => readLog("/dev/null", 0, 0)).toThrow(/^FAILED$/);
    const fifo = join(tmp.dir, "fifo");
    Bun.spawnSync(["mkfifo", fifo]);
    expect(() => readLog(fifo, 0, 0)).toThrow(/^FAILED$/);
  });
});

describe("tailLog (tailProcessStdoutLog)", () => {
  test("from offset 0 with room: everything, no overflow, offset is the size", () => {
    expect(tailLog(path, 0, 100)).toEqual(["0123456789", 10, false]);
  });

  test("the log grew past offset+length: the last length bytes, with overflow", () => {
    expect(tailLog(path, 0, 4)).toEqual(["6789", 10, true]);
    expect(tailLog(path, 2, 3)).toEqual(["789", 10, true]);
  });

  test("caught up: nothing new", () => {
    expect(tailLog(path, 10, 5)).toEqual(["", 10, false]);
    expect(tailLog(path, 20, 5)).toEqual(["", 10, false]);
  });

  test("length 0 and negative values", () => {
    expect(tailLog(path, 0, 0)).toEqual(["", 10, true]);
    expect(tailLog(path, -5, 3)).toEqual(["789", 10, true]);
    expect(tailLog(path, 4, -2)).toEqual(["", 10, true]);
  });

  test("a missing log is ['', 0, false]; an unreadable one keeps the offset", () => {
    expect(tailLog(null, 7, 5)).toEqual(["", 0, false]);
    expect(tailLog(join(tmp.dir, "gone.log"), 7, 5)).toEqual(["", 0, false]);
    expect(tailLog("/dev/null", 7, 5)).toEqual(["", 7, false]);
  });
});

describe("TailRing as a source", () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  test("offsets count every byte; bytes beyond the capacity are gone", () => {
    const ring = new TailRing(8);
    ring.push(enc("0123"));
    ring.push(enc("456789"));
    expect(ring.size()).toBe(10);
    expect(readSource(ring, 0, 0)).toBe("23456789");
    expect(readSource(ring, 5, 3)).toBe("567");
    expect(tailSource(ring, 0, 3)).toEqual(["789", 10, true]);
    expect(tailSource(ring, 10, 3)).toEqual(["", 10, false]);
  });

  test("wraps correctly over many pushes of every size", () => {
    const ring = new TailRing(16);
    let all = "";
    for (let i = 0; i < 200; i++) {
      const piece = String.fromCharCode(97 + (i % 26)).repeat(i % 23);
      all += piece;
      ring.push(enc(piece));
      expect(readSource(ring, -16, 0)).toBe(all.slice(-16));
    }
    expect(ring.size()).toBe(all.length);
  });

  test("clear starts the offsets again", () => {
    const ring = new TailRing(8);
    ring.push(enc("abc"));
    ring.clear();
    expect(tailSource(ring, 0, 10)).toEqual(["", 0, false]);
  });
});
