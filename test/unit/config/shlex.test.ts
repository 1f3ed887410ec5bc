// command= splitting (POSIX shlex.split) and environment= pairs (4.2.5's non-POSIX shlex reading), with the
// results Python gives.
import { describe, expect, test } from "bun:test";
import { BadValue } from "../../../src/config/errors";
import { envTokens, keyValuePairs, splitCommand } from "../../../src/config/shlex";

describe("splitCommand", () => {
  test("quotes group and vanish, backslashes escape", () => {
    expect(splitCommand('a "b c" d')).toEqual(["a", "b c", "d"]);
    expect(splitCommand("a 'b \\\" c'")).toEqual(["a", 'b \\" c']);
    expect(splitCommand("a\\ b")).toEqual(["a b"]);
    expect(splitCommand('"a\\"b" c')).toEqual(['a"b', "c"]);
    expect(splitCommand('"" x')).toEqual(["", "x"]);
    expect(splitCommand('a"b"c')).toEqual(["abc"]);
    expect(splitCommand('"a\\nb"')).toEqual(["a\\nb"]);
    expect(splitCommand("x  \t y\n z")).toEqual(["x", "y", "z"]);
    expect(splitCommand("")).toEqual([]);
  });

  test("unclosed quotes and trailing backslashes are refused", () => {
    expect(() => splitCommand('a "b')).toThrow(new BadValue("No closing quotation"));
    expect(() => splitCommand("a\\")).toThrow(new BadValue("No escaped character"));
  });
});

describe("keyValuePairs", () => {
  test("KEY=val pairs, quotes allowing commas", () => {
    expect(keyValuePairs("A=1,B=2")).toEqual({ A: "1", B: "2" });
    expect(keyValuePairs('A="x, y",B=z')).toEqual({ A: "x, y", B: "z" });
    expect(keyValuePairs("A='q'")).toEqual({ A: "q" });
    expect(keyValuePairs('A=""')).toEqual({ A: "" });
    expect(keyValuePairs("A=/p:q/r.s+t-u(v)")).toEqual({ A: "/p:q/r.s+t-u(v)" });
    expect(keyValuePairs("A=1,")).toEqual({ A: "1" });
    expect(keyValuePairs("")).toEqual({});
  });

  test("# starts a comment to the end of the line", () => {
    expect(keyValuePairs("A=a#b")).toEqual({ A: "a" });
    expect(keyValuePairs("A=1,B=2\n#c\n,C=3")).toEqual({ A: "1", B: "2", C: "3" });
  });

  test("what 4.2.5 cannot read as pairs is refused", () => {
    for (const bad of ["A=1 B=2 C=3", "A=a b=c", 'K="v"x,Y=1', "A=x;y", "A"]) {
      expect(() => keyValuePairs(bad)).toThrow(`Unexpected end of key/value pairs in value '${bad}'`);
    }
    expect(() => keyValuePairs('A="x')).toThrow("No closing quotation");
  });
});

describe("envTokens", () => {
  test("the fast path (no #) and the character walk agree", () => {
    const samples = ['A=1,B="x, y"', "K='v'x,Y=1", 'a"b c=d', "x;y=z", "  A = 1 ,\n B=2", 'P=/a:b/c.d+e-f(g)', "é=1", "'' \"\""];
    for (const s of samples) expect(envTokens(s)).toEqual(envTokens(`${s} #comment`));
    expect(envTokens('K="v"x,Y=1')).toEqual(["K", "=", '"v"', "x", ",", "Y", "=", "1"]);
  });
});
