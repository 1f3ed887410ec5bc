// %(name)s expansion: Python's `str % mapping` as 4.2.5 applies it (expected values taken from Python 3.11).
import { describe, expect, test } from "bun:test";
import { ExpandError, Expansions, expand } from "../../../src/config/expand";

const names = new Expansions([new Map<string, string | number>([["n", 7], ["s", "ab"], ["neg", -3]])]);
const x = (s: string) => expand(s, names, "label");

describe("expand", () => {
  test("widths, flags and conversions", () => {
    const cases: [string, string][] = [
      ["%(n)02d", "07"], ["%(n)-4d|", "7   |"], ["%(n)4d", "   7"], ["%(n)x", "7"], ["%(n)#x", "0x7"],
      ["%(n)#o", "0o7"], ["%(n)+d", "+7"], ["%(n) d", " 7"], ["%(neg)05d", "-0003"], ["%(n)05.2f", "07.00"],
      ["%(n).3d", "007"], ["%(n)e", "7.000000e+00"], ["%(n)g", "7"], ["%(n)s", "7"], ["%(s)5s", "   ab"],
      ["%(s)-5s|", "ab   |"], ["%(s).1s", "a"], ["%(s)r", "'ab'"], ["%(n)r", "7"], ["%(n)i", "7"],
      ["%(n)u", "7"], ["%(n)10.3e", " 7.000e+00"], ["%(s)05s", "   ab"], ["%%", "%"], ["100%%", "100%"],
    ];
    for (const [fmt, want] of cases) expect([fmt, x(fmt)]).toEqual([fmt, want]);
  });

  test("text without % is returned as is", () => {
    expect(x("plain text")).toBe("plain text");
  });

  test("an unknown name lists the available ones, as 4.2.5 says it", () => {
    expect(() => x("a %(nope)s")).toThrow(
      "Format string 'a %(nope)s' for 'label' contains names ('nope') which cannot be expanded. Available names: n, neg, s",
    );
  });

  test("bad formats", () => {
    expect(() => x("100%")).toThrow("Format string '100%' for 'label' is badly formatted: incomplete format");
    expect(() => x("%(s)d")).toThrow("%d format: a real number is required, not str");
    expect(() => x("%(s)x")).toThrow("%x format: an integer is required, not str");
    expect(() => x("%(n)q")).toThrow("unsupported format character 'q' (0x71) at index 4");
    expect(() => x("%(n")).toThrow("incomplete format key");
    expect(() => x("%s")).toThrow(ExpandError);
  });

  test("later layers win", () => {
    const layered = new Expansions([new Map([["a", "1"]]), new Map([["a", "2"]])]);
    expect(expand("%(a)s", layered, "l")).toBe("2");
  });
});
