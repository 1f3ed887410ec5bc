// The TOML front end: the same sections and keys as INI, with native values standing for their text.
import { describe, expect, test } from "bun:test";
import { parseIni } from "../../../src/config/ini";
import { parseToml } from "../../../src/config/toml";
import { iniToToml } from "../../../src/config/toml-write";
import type { RawDocument } from "../../../src/config/document";
import { refusal } from "./fake-host";

function values(doc: RawDocument): Record<string, Record<string, string>> {
  return Object.fromEntries(doc.sections.map((s) => [s.name, Object.fromEntries([...s.entries].map(([k, e]) => [k, e.value]))]));
}

describe("TOML front end", () => {
  test("[program.x] is [program:x]; numbers, booleans and arrays stand for their text", () => {
    const doc = parseToml(
      '[supervisord]\nnodaemon = true\nminfds = 2048\n[program.cat]\nCommand = "/bin/cat"\nexitcodes = [0, 2]\n' +
        '[group.web]\nprograms = ["cat", "dog"]\n[include]\nfiles = ["a.conf", "b/*.ini"]\n[program."my.app"]\ncommand = "x"\n',
      "/t.toml",
    );
    expect(values(doc)).toEqual({
      supervisord: { nodaemon: "true", minfds: "2048" },
      "program:cat": { command: "/bin/cat", exitcodes: "0,2" },
      "group:web": { programs: "cat,dog" },
      include: { files: "a.conf b/*.ini" },
      "program:my.app": { command: "x" },
    });
  });

  test("environment may be a table, quoted so 4.2.5's pair reading gives it back", () => {
    const doc = parseToml(`[program.p]\nenvironment = { A = "1", B = "x, y", Q = 'say "hi"' }\n`, "/t.toml");
    expect(values(doc)["program:p"]!.environment).toBe(`A="1",B="x, y",Q='say "hi"'`);
  });

  test("lines are found for sections and keys", () => {
    const doc = parseToml('# c\n[supervisord]\n\n[program.x]\ncommand = "x"\npriority = 3\n', "/t.toml");
    const x = doc.sections[1]!;
    expect([x.line, x.entries.get("priority")!.line]).toEqual([4, 6]);
  });

  test("refusals name the file and line", () => {
    expect(refusal(() => parseToml('[supervisord]\nloglevel = "info\n', "/t.toml")).line).toBe(2);
    expect(refusal(() => parseToml('command = "x"\n', "/t.toml")).message).toContain("key command is outside any section");
    expect(refusal(() => parseToml('[program]\ncommand = "x"\n', "/t.toml")).message).toContain("[program] holds tables");
    expect(refusal(() => parseToml("[program.x]\nwhen = 1979-05-27\n", "/t.toml")).key).toBe("when");
  });

  test("iniToToml writes what parseToml reads back as the INI's own values", () => {
    const ini = '[DEFAULT]\nx = 1\n[supervisord]\n[program:cat]\ncommand = /bin/echo "a\\b" \\\n  more\n[weird:name]\nk = v\n';
    const back = parseToml(iniToToml(ini), "/t.toml");
    const orig = parseIni(ini, "/t.conf");
    expect(values(back)).toEqual(values(orig));
    expect(back.defaults.get("x")!.value).toBe("1");
  });
});
