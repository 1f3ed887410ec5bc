// reread/update: added, changed and removed groups with 4.2.5's notion of equality.
import { describe, expect, test } from "bun:test";
import { diffGroups, parseConfigText } from "../../../src/config";
import type { Config } from "../../../src/config";
import { FAKE_USERS } from "./fake-host";

const parse = (text: string): Config =>
  parseConfigText(`[supervisord]\n${text}`, { file: "/tmp/d.conf", cwd: "/tmp", env: { HOME: "/root" }, users: FAKE_USERS, hostname: "h" });

const diff = (a: string, b: string) => diffGroups(parse(a).groups, parse(b).groups);

describe("diffGroups", () => {
  test("identical configs differ in nothing", () => {
    const text = "[program:a]\ncommand=a\n[group:g]\nprograms=b\n[program:b]\ncommand=b\n";
    expect(diff(text, text)).toEqual({ added: [], changed: [], removed: [] });
  });

  test("added, changed and removed, in config order", () => {
    const before = "[program:keep]\ncommand=k\n[program:gone]\ncommand=g\n[program:edit]\ncommand=old\n";
    const after = "[program:keep]\ncommand=k\n[program:edit]\ncommand=new\n[program:new]\ncommand=n\n";
    expect(diff(before, after)).toEqual({ added: ["new"], changed: ["edit"], removed: ["gone"] });
  });

  test("every process option counts, including environment and exit codes", () => {
    const base = "[program:a]\ncommand=a\n";
    for (const extra of ["environment=A=1", "exitcodes=0,1", "priority=5", "numprocs=2\nprocess_name=%(process_num)s", "stopsignal=KILL", "stdout_logfile_maxbytes=1KB", "user=nobody"]) {
      expect(diff(base, `${base}${extra}\n`).changed).toEqual(["a"]);
    }
  });

  test("an AUTO log file matches any log file (the running one has been given its name)", () => {
    expect(diff("[program:a]\ncommand=a\nstdout_logfile=/tmp/a.log\n", "[program:a]\ncommand=a\n").changed).toEqual([]);
  });

  test("a program moved into a group changes that group's membership", () => {
    const before = "[program:a]\ncommand=a\n";
    const after = "[group:g]\nprograms=a\n[program:a]\ncommand=a\n";
    expect(diff(before, after)).toEqual({ added: ["g"], changed: [], removed: ["a"] });
  });

  test("an event listener pool differs from a process group of the same name", () => {
    const before = "[program:l]\ncommand=l\n";
    const after = "[eventlistener:l]\ncommand=l\nevents=TICK_5\n";
    expect(diff(before, after).changed).toEqual(["l"]);
  });

  test("listener pool options and an fcgi socket count", () => {
    const l = "[eventlistener:l]\ncommand=l\nevents=TICK_5\n";
    expect(diff(l, `${l}buffer_size=20\n`).changed).toEqual(["l"]);
    expect(diff(l, "[eventlistener:l]\ncommand=l\nevents=TICK_60\n").changed).toEqual(["l"]);
    const f = "[fcgi-program:f]\ncommand=f\nsocket=tcp://localhost:9000\n";
    expect(diff(f, f.replace("9000", "9001")).changed).toEqual(["f"]);
  });
});
