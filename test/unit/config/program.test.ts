// How [program:x] sections become ProcessConfigs: numprocs and names, which expansions each key may use,
// environment merging, warnings, and the refusals that are ours (a program in two groups).
import { describe, expect, test } from "bun:test";
import { parseConfigText } from "../../../src/config";
import type { Config } from "../../../src/config";
import { FAKE_USERS, refusal } from "./fake-host";

const parse = (text: string, env: Record<string, string> = { HOME: "/root", FOO: "bar" }): Config =>
  parseConfigText(text, { file: "/tmp/p.conf", cwd: "/tmp", env, users: FAKE_USERS, hostname: "box" });

const refused = (text: string) => refusal(() => parse(text));

describe("program sections", () => {
  test("numprocs and numprocs_start name each process, sorted by name", () => {
    const c = parse("[supervisord]\n[program:w]\ncommand=w %(process_num)d/%(numprocs)d\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=3\nnumprocs_start=8\n");
    expect(c.groups[0]!.processes.map((p) => [p.name, p.processNum, p.command])).toEqual([
      ["w_08", 8, "w 8/3"],
      ["w_09", 9, "w 9/3"],
      ["w_10", 10, "w 10/3"],
    ]);
  });

  test("[supervisord] environment= is inherited by programs and usable as ENV_X", () => {
    const c = parse("[supervisord]\nenvironment=G=1,H=2\n[program:p]\ncommand=%(ENV_G)s %(ENV_FOO)s %(ENV_OWN)s\nenvironment=H=3,OWN=o\n");
    const p = c.groups[0]!.processes[0]!;
    expect(p.environment).toEqual({ G: "1", H: "3", OWN: "o" });
    expect(p.command).toBe("1 bar o");
  });

  test("keys read before the processes cannot use %(process_num)d, as in 4.2.5", () => {
    const e = refused("[supervisord]\n[program:p]\ncommand=x\npriority=%(process_num)d\n");
    expect([e.section, e.key]).toEqual(["program:p", "priority"]);
  });

  test("of several bad keys the one 4.2.5 reads first is reported, whatever the order written", () => {
    const e = refused("[supervisord]\n[program:p]\ncommand=x\nexitcodes=bad\nstartsecs=bad\npriority=bad\n");
    expect([e.key, e.value]).toEqual(["priority", "bad"]);
    const s = refused("[supervisord]\n[program:p]\ncommand=x\nstdout_syslog=bad\nstdout_logfile_maxbytes=bad\n");
    expect(s.key).toBe("stdout_logfile_maxbytes");
  });

  test("user= resolves to uid and primary gid", () => {
    const p = parse("[supervisord]\n[program:p]\ncommand=x\nuser=nobody\n").groups[0]!.processes[0]!;
    expect([p.user, p.uid, p.gid]).toEqual(["nobody", 65534, 65534]);
  });

  test("argv is the shlex split of the command, or null when it cannot be split", () => {
    const c = parse("[supervisord]\n[program:a]\ncommand=/bin/sh -c 'echo hi'\n[program:b]\ncommand=echo \"open\n");
    expect(c.groups.map((g) => g.processes[0]!.argv)).toEqual([["/bin/sh", "-c", "echo hi"], null]);
  });

  test("redirect_stderr drops the stderr log, warning when one was named", () => {
    const c = parse("[supervisord]\n[program:p]\ncommand=x\nredirect_stderr=true\nstderr_logfile=/tmp/e.log\n");
    expect(c.groups[0]!.processes[0]!.stderr.logfile).toEqual({ kind: "none" });
    expect(c.warnings).toEqual([
      "For [program:p], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored",
    ]);
  });

  test("the deprecated stdout_logfile=syslog becomes stdout_syslog=true with a warning", () => {
    const c = parse("[supervisord]\n[program:p]\ncommand=x\nstdout_logfile=syslog\n");
    const s = c.groups[0]!.processes[0]!.stdout;
    expect([s.logfile, s.syslog]).toEqual([{ kind: "none" }, true]);
    expect(c.warnings[0]).toContain("stdout_logfile=syslog but this is deprecated");
  });

  test("a program named by two groups is refused (4.2.5 would run it twice)", () => {
    const e = refused("[supervisord]\n[group:a]\nprograms=p\n[group:b]\nprograms=p\n[program:p]\ncommand=x\n");
    expect(e.message).toContain("[group:b] names p, which [group:a] already contains");
    expect([e.section, e.key, e.line]).toEqual(["group:b", "programs", 5]);
  });

  test("[DEFAULT] keys reach every section", () => {
    const c = parse("[DEFAULT]\nautostart=false\n[supervisord]\n[program:a]\ncommand=a\n[program:b]\ncommand=b\nautostart=true\n");
    expect(c.groups.map((g) => g.processes[0]!.autostart)).toEqual([false, true]);
  });

  test("the fallback server URL prefers the unix socket", () => {
    const both = parse("[supervisord]\n[unix_http_server]\nfile=/tmp/s.sock\n[inet_http_server]\nport=9001\n");
    expect(both.supervisord.serverurl).toBe("unix:///tmp/s.sock");
    expect(parse("[supervisord]\n[inet_http_server]\nport=*:9001\n").supervisord.serverurl).toBe("http://localhost:9001");
    expect(parse("[supervisord]\n").supervisord.serverurl).toBeNull();
  });
});
