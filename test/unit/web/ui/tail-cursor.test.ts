import { expect, test } from "bun:test";
import { LogCursor } from "../../../../src/web/ui/tail-cursor.js";

test("the first read shows what the log holds; later reads keep only what is new", () => {
  const c = new LogCursor();
  expect(c.take(["one\ntwo\n", 8, false])).toEqual({ text: "one\ntwo\n", skipped: false, restart: false });
  expect(c.offset).toBe(8);
  // 4.2.5 answers with the last `length` bytes, old ones included: only the 6 new bytes are kept.
  expect(c.take(["one\ntwo\nthree\n", 14, false])).toEqual({ text: "three\n", skipped: false, restart: false });
  expect(c.take(["", 14, false]).text).toBe("");
  // An implementation that answers only the new bytes works the same.
  expect(c.take(["four\n", 19, false]).text).toBe("four\n");
});

test("offsets count bytes, so multi-byte text is cut on its encoding", () => {
  const c = new LogCursor();
  c.take(["héllo\n", 7, false]);
  expect(c.take(["héllo\nwörld ✓\n", 18, false]).text).toBe("wörld ✓\n");
});

test("overflow between reads is flagged; a shrunken log asks for a re-read from 0", () => {
  const c = new LogCursor();
  c.take(["a\n", 2, false]);
  expect(c.take(["zzzz\n", 100_000, true])).toEqual({ text: "zzzz\n", skipped: true, restart: false });
  expect(c.take(["", 0, false])).toEqual({ text: "", skipped: false, restart: true });
  expect(c.offset).toBe(0);
  expect(c.take(["after clear\n", 12, false]).text).toBe("after clear\n");
});

test("a process without a log file yet reads as empty and starts at 0", () => {
  const c = new LogCursor();
  expect(c.take(["", 0, false])).toEqual({ text: "", skipped: false, restart: false });
  expect(c.take(["first\n", 6, false]).text).toBe("first\n");
});
