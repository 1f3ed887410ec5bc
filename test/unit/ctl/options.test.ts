import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine, UsageError } from "../../../src/ctl/options";
import { readCtlSection, resolveSettings } from "../../../src/ctl/settings";
import { makeTmpDir } from "../../support/tmp";

describe("the command line, with Python getopt's rules and texts", () => {
  test("options stop at the first action word", () => {
    const l = parseCommandLine(["-c", "x.conf", "-sunix:///s", "status", "-c", "y"]);
    expect([l.configFile, l.serverurl, l.args]).toEqual(["x.conf", "unix:///s", ["status", "-c", "y"]]);
  });
  test("long options by unique prefix, with = or the next word", () => {
    const l = parseCommandLine(["--conf=a", "--user", "u", "--pass", "p", "--history_file", "h", "-i"]);
    expect([l.configFile, l.username, l.password, l.historyFile, l.interactive]).toEqual(["a", "u", "p", "h", true]);
  });
  test("-h wins as soon as it is met", () => expect(parseCommandLine(["-h", "-s", "x:y", "-s", "x:y"]).help).toBe(true));
  test.each([
    [["-x"], "option -x not recognized"],
    [["--bogus"], "option --bogus not recognized"],
    [["--history-file", "x"], "option --history-file not recognized"],
    [["--h"], "option --h not a unique prefix"],
    [["-c"], "option -c requires argument"],
    [["--serverurl"], "option --serverurl requires argument"],
    [["--interactive=1"], "option --interactive must not have an argument"],
    [["-s", "localhost"], "invalid value for -s 'localhost': value 'localhost' is not a URL"],
    [["-u", "a", "--username", "b"], "conflicting command line option '--username'"],
  ])("%p → %p", (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(new UsageError(message));
  });
});

describe("the [supervisorctl] section", () => {
  test("inline comments, continuation lines, [DEFAULT] and repeated sections", () => {
    const { dir, cleanup } = makeTmpDir();
    try {
      const file = join(dir, "sv.conf");
      writeFileSync(file, "[DEFAULT]\nprompt=dflt\n[supervisorctl]\nserverurl=http://127.0.0.1:9 ; a comment\nusername=u;x\n  more\n[supervisorctl]\npassword=p\n");
      expect(readCtlSection(file, {})).toEqual({
        serverurl: "http://127.0.0.1:9",
        prompt: "dflt",
        username: "u;x\nmore",
        password: "p",
        historyFile: null,
      });
    } finally {
      cleanup();
    }
  });
  test("read from a file: defaults fill the gaps, paths are normalised", () => {
    const { dir, cleanup } = makeTmpDir();
    try {
      const file = join(dir, "sv.conf");
      writeFileSync(file, "[supervisorctl]\nserverurl=unix://%(here)s/sub/../s.sock\nhistory_file=%(here)s/h\nprompt=%(ENV_WHO)s\n");
      expect(readCtlSection(file, { WHO: "me" })).toEqual({
        serverurl: `unix://${dir}/s.sock`,
        prompt: "me",
        username: null,
        password: null,
        historyFile: `${dir}/h`,
      });
      writeFileSync(file, "[supervisord]\n");
      expect(() => readCtlSection(file, {})).toThrow(".ini file does not include supervisorctl section");
      expect(() => readCtlSection(join(dir, "nope"), {})).toThrow(`could not find config file ${join(dir, "nope")}`);
      writeFileSync(file, "[supervisorctl]\nprompt=%(nope)s\n");
      expect(() => readCtlSection(file, {})).toThrow(/contains names \('nope'\) which cannot be expanded/);
    } finally {
      cleanup();
    }
  });
  test("the server sections are not read: serverurl stays http://localhost:9001, as 4.2.5's", () => {
    const { dir, cleanup } = makeTmpDir();
    try {
      const file = join(dir, "sv.conf");
      writeFileSync(file, `[inet_http_server:web]\nport=127.0.0.1:9101\n[unix_http_server:main]\nfile=${dir}/s.sock\n[supervisorctl]\n`);
      expect(readCtlSection(file, {}).serverurl).toBe("http://localhost:9001");
    } finally {
      cleanup();
    }
  });
  test("the command line beats the file; no action means the shell", () => {
    const s = resolveSettings(parseCommandLine(["-s", "http://127.0.0.1:1", "-c", "/nonexistent-dir/x"].slice(0, 2)), "/x/bin/supervisorctl", {});
    expect([s.serverurl, s.prompt, s.interactive]).toEqual(["http://127.0.0.1:1", "supervisor", true]);
  });
});
