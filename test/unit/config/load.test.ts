// Finding and reading config files: the search order, [include] (globs relative to the including file, nesting,
// cycles, a pattern matching nothing), the choice of TOML by extension, and errors naming where they are.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configSearchPaths, findConfigFile, loadConfig } from "../../../src/config";
import { makeTmpDir } from "../../support/tmp";
import { FAKE_USERS, refusal } from "./fake-host";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTmpDir("sv-config-")));
afterEach(() => cleanup());

function write(rel: string, text: string): string {
  const path = join(dir, rel);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const load = (file?: string, cwd = dir) =>
  loadConfig({ file, cwd, executable: join(dir, "opt/bin/supervisord"), env: { HOME: "/root" }, users: FAKE_USERS });


const programs = (file?: string) => load(file).groups.map((g) => g.name);

describe("search order", () => {
  test("relative to the executable first, then the working directory, then /etc", () => {
    expect(configSearchPaths("/opt/sv/bin/supervisord", "/work")).toEqual([
      "/opt/sv/etc/supervisord.conf",
      "/opt/sv/supervisord.conf",
      "/work/supervisord.conf",
      "/work/etc/supervisord.conf",
      "/etc/supervisord.conf",
      "/etc/supervisor/supervisord.conf",
    ]);
  });

  test("the first file that exists wins", () => {
    write("cwd/etc/supervisord.conf", "[supervisord]\n[program:b]\ncommand=b\n");
    expect(findConfigFile({ executable: join(dir, "opt/bin/supervisord"), cwd: join(dir, "cwd") })).toBe(
      join(dir, "cwd/etc/supervisord.conf"),
    );
    write("cwd/supervisord.conf", "[supervisord]\n[program:a]\ncommand=a\n");
    write("opt/supervisord.conf", "[supervisord]\n[program:exe]\ncommand=a\n");
    expect(load(undefined, join(dir, "cwd")).groups.map((g) => g.name)).toEqual(["exe"]);
  });

  test("-c naming a missing file", () => {
    expect(refusal(() => load("nope.conf")).message).toBe("could not find config file nope.conf");
  });
});

describe("[include]", () => {
  test("globs are relative to the including file, read in sorted order, and may nest", () => {
    const main = write("main.conf", "[supervisord]\n[include]\nfiles = conf.d/*.conf\n");
    write("conf.d/b.conf", "[program:b]\ncommand=b\n");
    write("conf.d/a.conf", "[program:a]\ncommand=%(here)s/a\n[include]\nfiles = ../more/*.ini\n");
    write("more/c.ini", "[program:c]\ncommand=c\n");
    const config = load(main);
    expect(config.files).toEqual([main, join(dir, "conf.d/a.conf"), join(dir, "more/c.ini"), join(dir, "conf.d/b.conf")]);
    expect(config.groups.map((g) => g.name)).toEqual(["a", "b", "c"]);
    expect(config.groups[0]!.processes[0]!.command).toBe(`${join(dir, "conf.d")}/a`);
  });

  test("a directory among the matches is skipped, as ConfigParser.read skips it", () => {
    const main = write("main.conf", "[supervisord]\n[include]\nfiles = conf.d/*\n");
    write("conf.d/a.conf", "[program:a]\ncommand=a\n");
    mkdirSync(join(dir, "conf.d/b.d"));
    const c = load(main);
    expect([c.files, c.groups.map((g) => g.name), c.warnings]).toEqual([[main, join(dir, "conf.d/a.conf")], ["a"], []]);
  });

  test("a pattern matching nothing is a warning, as 4.2.5 gives it", () => {
    const main = write("main.conf", "[supervisord]\n[include]\nfiles = none/*.conf\n");
    expect(load(main).warnings).toEqual([`No file matches via include "${dir}/none/*.conf"`]);
  });

  test("a file matched twice is read once", () => {
    const main = write("main.conf", "[supervisord]\n[include]\nfiles = x.conf x.c*\n");
    write("x.conf", "[program:x]\ncommand=x\n");
    expect(programs(main)).toEqual(["x"]);
  });

  test("a cycle is an error naming the chain, not a hang", () => {
    const main = write("main.conf", "[supervisord]\n[include]\nfiles = a.ini\n");
    write("a.ini", "[include]\nfiles = b.ini\n");
    write("b.ini", "[include]\nfiles = a.ini\n");
    const e = refusal(() => load(main));
    expect(e.message).toContain(`include cycle: ${main} -> ${dir}/a.ini -> ${dir}/b.ini -> ${dir}/a.ini`);
    expect([e.file, e.section, e.key, e.line]).toEqual([join(dir, "b.ini"), "include", "files", 2]);
  });

  test("a section written in two files is refused, naming both places", () => {
    const main = write("main.conf", "[supervisord]\n[program:x]\ncommand=a\n[include]\nfiles = dup.ini\n");
    write("dup.ini", "\n[program:x]\ncommand=b\n");
    const e = refusal(() => load(main));
    expect(e.message).toBe(
      `section [program:x] is written twice (first at '${main}' line 2) in section 'program:x' (file: '${dir}/dup.ini', line 2)`,
    );
  });

  test("an include's parse error names the included file", () => {
    const main = write("main.conf", "[supervisord]\n[include]\nfiles = bad.ini\n");
    write("bad.ini", "[program:x]\nno delimiter here\n");
    expect(refusal(() => load(main)).file).toBe(join(dir, "bad.ini"));
  });
});

describe("TOML", () => {
  test("chosen by the .toml extension, including included files", () => {
    const main = write("main.toml", '[supervisord]\n[include]\nfiles = ["x.toml", "y.conf"]\n');
    write("x.toml", '[program.x]\ncommand = "x"\npriority = 3\n');
    write("y.conf", "[program:y]\ncommand=y\n");
    const config = load(main);
    expect(config.groups.map((g) => [g.name, g.priority])).toEqual([["x", 3], ["y", 999]]);
  });

  test("an error in TOML names the file and line", () => {
    const main = write("main.toml", '[supervisord]\n\n[program.x]\ncommand = "x"\nautostart = "maybe"\n');
    const e = refusal(() => load(main));
    expect([e.section, e.key, e.line]).toEqual(["program:x", "autostart", 5]);
  });
});

describe("errors name the place", () => {
  test("file, line, section, key and value", () => {
    const main = write("main.conf", "[supervisord]\n\n[program:x]\ncommand=/bin/cat\nautorestart=maybe\n");
    const e = refusal(() => load(main));
    expect(e.message).toBe(
      `invalid value for autorestart: 'maybe' (use true, false or unexpected) in section 'program:x' (file: '${main}', line 5)`,
    );
    expect([e.file, e.line, e.section, e.key, e.value]).toEqual([main, 5, "program:x", "autorestart", "maybe"]);
  });

  test("invalid UTF-8", () => {
    const main = join(dir, "bin.conf");
    writeFileSync(main, new Uint8Array([0x5b, 0xff, 0x5d]));
    expect(refusal(() => load(main)).message).toContain("not valid UTF-8");
  });
});
