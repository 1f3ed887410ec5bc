// The INI reader's edge cases, each as 4.2.5's RawConfigParser reads it (checked against Python 3.11).
import { describe, expect, test } from "bun:test";
import { parseIni } from "../../../src/config/ini";
import { refusal } from "./fake-host";

function sections(text: string): Record<string, Record<string, string>> {
  const doc = parseIni(text, "/x.conf");
  const out: Record<string, Record<string, string>> = {};
  for (const s of doc.sections) out[s.name] = Object.fromEntries([...s.entries].map(([k, e]) => [k, e.value]));
  if (doc.defaults.size) out.DEFAULT = Object.fromEntries([...doc.defaults].map(([k, e]) => [k, e.value]));
  return out;
}

const refused = (text: string) => refusal(() => parseIni(text, "/x.conf"));

describe("ini reader", () => {
  test("= and : delimit at the first of them, whitespace around is dropped, keys are lower-cased", () => {
    expect(sections("[s]\nA=1\nB : 2\nc   =   3  \nD:x=y\nE=a:b\nmy key = v\n")).toEqual({
      s: { a: "1", b: "2", c: "3", d: "x=y", e: "a:b", "my key": "v" },
    });
  });

  test("an indented key line under another key is a continuation of it", () => {
    expect(sections("[s]\nb : 2\n  c = 3\n")).toEqual({ s: { b: "2\nc = 3" } });
  });

  test("full-line ; and # comments, also indented", () => {
    expect(sections("# c\n; c\n[s]\n  ; c\n\t# c\na=1\n")).toEqual({ s: { a: "1" } });
  });

  test("inline comments need whitespace before them", () => {
    expect(sections("[s]\na=x ;c\nb=x;y\nc=u#v\nd=u #v\ne=x\t;tab\nf=;\n")).toEqual({
      s: { a: "x", b: "x;y", c: "u#v", d: "u", e: "x", f: ";" },
    });
  });

  test("a header may carry a comment and text after its closing bracket", () => {
    expect(sections("[s] ; c\na=1\n[t] trailing\nb=2\n[a]b]\nc=3\n")).toEqual({
      s: { a: "1" },
      t: { b: "2" },
      "a]b": { c: "3" },
    });
  });

  test("continuation lines are the deeper-indented ones, joined with newlines", () => {
    expect(sections("[s]\na = one\n  two\n\tthree\nb=x\n")).toEqual({ s: { a: "one\ntwo\nthree", b: "x" } });
  });

  test("the first ; or # after whitespace is searched round by round, as ConfigParser does", () => {
    expect(sections("[s]\na= p;q ;r #s\nb = ;c\nc=x ;c # d\nd=x\xa0;c\ne = one\n\n\n  two\n")).toEqual({
      s: { a: "p;q ;r", b: "", c: "x", d: "x", e: "one\n\n\ntwo" },
    });
  });

  test("blank lines inside a value are kept, trailing ones dropped; comment lines are not part of it", () => {
    expect(sections("[s]\na = one\n\n  two\n  ; gone\n  three\n\n\nb=1\n")).toEqual({
      s: { a: "one\n\ntwo\nthree", b: "1" },
    });
  });

  test("an indented key after a header starts a key, not a continuation", () => {
    expect(sections("[s]\n  a=1\n    b\n  c=2\n")).toEqual({ s: { a: "1\nb", c: "2" } });
  });

  test("an empty value may continue on the next lines", () => {
    expect(sections("[s]\nenv =\n  A=1,\n  B=2\n")).toEqual({ s: { env: "\nA=1,\nB=2" } });
  });

  test("a repeated key keeps the last value", () => {
    expect(sections("[s]\na=1\na=2\n")).toEqual({ s: { a: "2" } });
  });

  test("CRLF and CR line ends (Python reads files with universal newlines)", () => {
    expect(sections("[s]\r\na=1\r\nb=2\rc=3")).toEqual({ s: { a: "1", b: "2", c: "3" } });
  });

  test("[DEFAULT] is kept apart", () => {
    expect(sections("[DEFAULT]\nx=1\n[s]\na=1\n")).toEqual({ DEFAULT: { x: "1" }, s: { a: "1" } });
  });

  test("lines and files are remembered for messages", () => {
    const doc = parseIni("; c\n[s]\na=1\n\nb=2\n", "/x.conf");
    expect(doc.sections[0]!.line).toBe(2);
    expect(doc.sections[0]!.entries.get("b")).toEqual({ value: "2", file: "/x.conf", line: 5 });
  });

  test("a key before any header is refused with its line", () => {
    const e = refused("a=1\n[s]\n");
    expect(e.line).toBe(1);
    expect(e.message).toContain("no [section] header before line 1: 'a=1'");
  });

  test("a line without a delimiter is refused, naming the first bad line and how many more", () => {
    const e = refused("[s]\na=1\nbogus\n=novalue\n");
    expect(e.line).toBe(3);
    expect(e.message).toContain("'bogus' (and 1 more bad line)");
    expect(e.message).toContain("(file: '/x.conf', line 3)");
  });

  test("[] is not a header", () => {
    expect(refused("[s]\n[]\n").line).toBe(2);
  });
});
