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

  test("[inet_http_server.web] is [inet_http_server:web]; the table's own keys are the unnamed server, in the order written", () => {
    const doc = parseToml(
      '[inet_http_server.web]\nport = 9101\n[inet_http_server]\nport = 9102\n[inet_http_server.api]\nport = "127.0.0.1:9103"\n' +
        '[unix_http_server.main]\nfile = "/tmp/m.sock"\n',
      "/t.toml",
    );
    expect(doc.sections.map((s) => [s.name, s.entries.get("port")?.value ?? s.entries.get("file")!.value, s.line])).toEqual([
      ["inet_http_server:web", "9101", 1],
      ["inet_http_server", "9102", 3],
      ["inet_http_server:api", "127.0.0.1:9103", 5],
      ["unix_http_server:main", "/tmp/m.sock", 7],
    ]);
  });

  test("an unnamed server is there when its header is written, even empty, and not when only named ones imply it", () => {
    const names = (text: string) => parseToml(text, "/t.toml").sections.map((s) => s.name);
    expect(names('[inet_http_server.web]\nport = 1\n')).toEqual(["inet_http_server:web"]);
    expect(names('[inet_http_server]\n[inet_http_server.web]\nport = 1\n')).toEqual(["inet_http_server", "inet_http_server:web"]);
  });

  test("iniToToml keeps named, unnamed and prefix-named server sections apart", () => {
    const ini =
      "[inet_http_server:web]\nport = 1\n[inet_http_server]\nport = 2\n[inet_http_server:a:b]\nport = 3\n" +
      "[inet_http_server2]\nport = 4\n[inet_http_server:]\nport = 5\n[inet_http_server.dotted]\nport = 6\n[unix_http_server2]\nfile = /s\n";
    const toml = iniToToml(ini);
    expect(toml).toContain("[inet_http_server.web]\n");
    expect(toml).toContain('[inet_http_server."a:b"]\n');
    expect(toml).toContain('["inet_http_server.dotted"]\n');
    const back = parseToml(toml, "/t.toml");
    expect(back.sections.map((s) => s.name)).toEqual(parseIni(ini, "/t.conf").sections.map((s) => s.name));
    expect(values(back)).toEqual(values(parseIni(ini, "/t.conf")));
  });
});
