import { expect, test } from "bun:test";
import { AnsiStripper, stripAnsi } from "../../../src/logs/ansi";
import { pyBytesRepr, pyText } from "../../../src/logs/pytext";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

test("stripAnsi drops ESC [ … terminator", () => {
  expect(dec(stripAnsi(enc("\x1b[1;31mred\x1b[0m plain \x1b[2J\x1b[Hend")))).toBe("red plain end");
  expect(dec(stripAnsi(enc("no escapes")))).toBe("no escapes");
  expect(dec(stripAnsi(enc("lone \x1b here")))).toBe("lone \x1b here");
  expect(dec(stripAnsi(enc("ends with \x1b")))).toBe("ends with \x1b");
  expect(dec(stripAnsi(enc("unterminated \x1b[12;")))).toBe("unterminated ");
});

test("the stripper carries a sequence across chunks, giving the same bytes as stripping all at once", () => {
  const text = "a\x1b[31mb\x1b\x1b[0mc\x1bd\x1b[Ke";
  const whole = dec(stripAnsi(enc(text)));
  for (let cut = 0; cut <= text.length; cut++) {
    const s = new AnsiStripper();
    const parts = [s.strip(enc(text.slice(0, cut))), s.strip(enc(text.slice(cut))), s.end()];
    expect(parts.map(dec).join("")).toBe(whole);
  }
});

test("pyText: UTF-8, or 4.2.5's Undecodable with Python's bytes repr", () => {
  expect(pyText(enc("héllo\n"))).toBe("héllo\n");
  expect(pyText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe("\ufeffA");
  expect(pyText(Uint8Array.of(0x80, 0x27, 0x5c, 0x09))).toBe("Undecodable: b\"\\x80'\\\\\\t\"");
  expect(pyBytesRepr(enc(`a'b"c`))).toBe(`b'a\\'b"c'`);
});
