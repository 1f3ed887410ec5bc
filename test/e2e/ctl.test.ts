// Our supervisorctl driving our supervisord, both compiled: the everyday calls, the JSON status, tail -f until
// Ctrl-C, and the exit codes once the daemon is gone.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { SUPERVISORCTL, SUPERVISORD } from "../support/paths";
import { run } from "../support/run";
import { Daemon } from "../compat/ctl/daemon";
import { runCtl } from "../compat/ctl/runner";

const PROGRAMS = `
[program:sleeper]
command=sleep 1000
startsecs=0

[program:ticker]
command=sh -c 'while :; do echo tick; sleep 0.1; done'
startsecs=0

[program:idle]
command=sleep 1000
autostart=false
`;

const built = existsSync(SUPERVISORD) && existsSync(SUPERVISORCTL);

describe.skipIf(!built)("supervisorctl against our supervisord", () => {
  let d: Daemon;
  const ctl = (...args: string[]) => run([SUPERVISORCTL, "-c", d.conf, ...args], { cwd: d.dir });
  beforeAll(async () => {
    d = await Daemon.start("ours", PROGRAMS);
  }, 60_000);
  afterAll(async () => {
    await d?.stop();
  }, 30_000);

  test("status: the table, exit 3 while a process is stopped, 0 for a running one", async () => {
    const all = await ctl("status");
    expect(all.stdout).toMatch(/^idle {29}STOPPED   Not started\nsleeper {26}RUNNING   pid \d+, uptime 0:00:\d\d\nticker {27}RUNNING   pid \d+, uptime 0:00:\d\d\n$/);
    expect(all.exitCode).toBe(3);
    expect((await ctl("status", "sleeper")).exitCode).toBe(0);
  }, 30_000);

  test("status --json: getProcessInfo's fields for each matching process", async () => {
    const r = await ctl("status", "--json", "sleeper", "idle");
    const infos = JSON.parse(r.stdout);
    expect(infos.map((i: { name: string; statename: string }) => [i.name, i.statename])).toEqual([
      ["sleeper", "RUNNING"],
      ["idle", "STOPPED"],
    ]);
    expect(Object.keys(infos[0]).sort()).toEqual(
      ["description", "exitstatus", "group", "logfile", "name", "now", "pid", "spawnerr", "start", "state", "statename", "stderr_logfile", "stdout_logfile", "stop"].sort(),
    );
    expect(r.exitCode).toBe(3);
  }, 30_000);

  test("stop, start and restart print 4.2.5's lines", async () => {
    expect((await ctl("stop", "sleeper")).stdout).toBe("sleeper: stopped\n");
    expect((await ctl("stop", "sleeper")).stdout).toBe("sleeper: ERROR (not running)\n");
    expect((await ctl("start", "sleeper")).stdout).toBe("sleeper: started\n");
    expect((await ctl("restart", "sleeper")).stdout).toBe("sleeper: stopped\nsleeper: started\n");
    const bad = await ctl("start", "nope");
    expect([bad.stdout, bad.exitCode]).toEqual(["nope: ERROR (no such process)\n", 1]);
  }, 30_000);

  test("tail -f streams until Ctrl-C", async () => {
    const r = await runCtl("ours", ["-c", d.conf, "tail", "-f", "ticker"], { cwd: d.dir, interruptWhen: /(tick\n){3}/ });
    expect(r.stdout).toMatch(/^==> Press Ctrl-C to exit <==\n(tick\n)+\n$/);
    expect(r.exitCode).toBe(0);
  }, 30_000);

  test("after shutdown: no such file, 4 for status and 7 for the rest", async () => {
    expect((await ctl("shutdown")).stdout).toBe("Shut down\n");
    await d.exited();
    const status = await ctl("status");
    expect([status.stdout, status.exitCode]).toEqual([`unix://${d.sock} no such file\n`, 4]);
    const start = await ctl("start", "sleeper");
    expect([start.stdout, start.exitCode]).toEqual([`unix://${d.sock} no such file\n`, 7]);
  }, 30_000);
});
