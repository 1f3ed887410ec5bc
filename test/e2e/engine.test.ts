// The compiled supervisord with fixture children: observable facts only (main-log lines, pids, files children write).
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DaemonRun, isAlive, writeConfig, testScope } from "../support/daemon";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

function daemon(programs: string, supervisord = "", args: string[] = ["-n"]) {
  const cfg = writeConfig(programs, supervisord);
  cleanups.push(cfg.cleanup);
  const d = new DaemonRun(cfg.dir, cfg.file, "ours", args);
  started.push(d.proc.pid);
  return { d, dir: cfg.dir };
}

function readPids(file: string, count: number): Promise<number[]> {
  return waitFor(`${count} pids in ${file}`, () => {
    if (!existsSync(file)) return null;
    const pids = readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map(Number);
    return pids.length >= count ? pids : null;
  });
}

describe("supervisord e2e", () => {
  test("a shutdown leaves no process of the tree alive, stopping high priority first", async () => {
    const { d, dir } = daemon(`
[program:tree]
command=tree ${"%(here)s"}/tree.pids
stopasgroup=true
priority=10
[program:calm]
command=forever
priority=20
[program:stubborn]
command=ignore-sigterm
stopwaitsecs=1
priority=30
`);
    await d.waitForLine("success: stubborn entered RUNNING state");
    const pids = [...(await readPids(join(dir, "tree.pids"), 3)), d.spawnedPid("calm"), d.spawnedPid("stubborn")];
    started.push(...pids);
    expect(pids.every(isAlive)).toBe(true);
    expect(await d.stop()).toBe(0);
    await waitFor("every process of the tree gone", () => pids.every((p) => !isAlive(p)));
    const stops = d.messages().filter((m) => m.startsWith("stopped: "));
    expect(stops).toEqual([
      "stopped: stubborn (terminated by SIGKILL)",
      "stopped: calm (terminated by SIGTERM)",
      "stopped: tree (terminated by SIGTERM)",
    ]);
    expect(d.messages()).toContain(`killing 'stubborn' (${d.spawnedPid("stubborn")}) with SIGKILL`);
    expect(existsSync(d.pidfile)).toBe(false);
  });

  test("a crash loop ends FATAL; an expected exit stays EXITED; a command not found gives up", async () => {
    const { d } = daemon(`
[program:crash]
command=exit-with 3
startretries=1
; long enough that a busy machine cannot make the quick failure look like a run
startsecs=5
[program:done]
command=exit-with 0 0.2
startsecs=0
[program:nope]
command=no-such-program-anywhere
startretries=0
`);
    await d.waitForLine("gave up: crash entered FATAL state");
    await d.waitForLine("exited: done (exit status 0; expected)");
    const msgs = d.messages();
    const of = (name: string) => msgs.filter((m) => m.includes(` ${name} `) || m.includes(`'${name}'`)).map((m) => m.replace(/pid \d+/, "pid N"));
    expect(of("crash")).toEqual([
      "spawned: 'crash' with pid N",
      "exited: crash (exit status 3; not expected)",
      "spawned: 'crash' with pid N",
      "exited: crash (exit status 3; not expected)",
      "gave up: crash entered FATAL state, too many start retries too quickly",
    ]);
    expect(of("done")).toEqual([
      "spawned: 'done' with pid N",
      "success: done entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)",
      "exited: done (exit status 0; expected)",
    ]);
    expect(msgs).toContain("spawnerr: can't find command 'no-such-program-anywhere'");
    expect(msgs).toContain("gave up: nope entered FATAL state, too many start retries too quickly");
    expect(await d.stop()).toBe(0);
  });

  test("children get the environment, directory and umask they are configured with", async () => {
    const { d, dir } = daemon(
      `
[program:env]
command=print-env ${"%(here)s"}/env.txt
directory=/tmp
umask=027
environment=GREETING="hello world"
`,
      "environment=FROM_SUPERVISORD=1",
    );
    const file = join(dir, "env.txt");
    const text = await waitFor("env.txt", () => (existsSync(file) ? readFileSync(file, "utf8") : null));
    started.push(d.spawnedPid("env"));
    for (const line of [
      "GREETING=hello world",
      "FROM_SUPERVISORD=1",
      "SUPERVISOR_ENABLED=1",
      "SUPERVISOR_PROCESS_NAME=env",
      "SUPERVISOR_GROUP_NAME=env",
      "CWD=/tmp",
      "UMASK=0027",
    ]) {
      expect(text.split("\n")).toContain(line);
    }
    expect(await d.stop()).toBe(0);
  });

  test("SIGHUP restarts: programs get new pids under the same supervisord", async () => {
    const { d } = daemon("[program:calm]\ncommand=forever\nstartsecs=0\n");
    await d.waitForLine("spawned: 'calm'");
    const first = d.spawnedPid("calm");
    started.push(first);
    d.signal("SIGHUP");
    await d.waitForLine("received SIGHUP indicating restart request");
    await waitFor("a second spawn", () => d.spawnedPid("calm") !== first);
    started.push(d.spawnedPid("calm"));
    expect(isAlive(first)).toBe(false);
    expect(d.messages().filter((m) => m.startsWith("supervisord started with pid"))).toHaveLength(2);
    expect(await d.stop()).toBe(0);
  });

  test("SIGIO from outside is harmless: supervisord uses it to learn that a quiet program wrote", async () => {
    const { d, dir } = daemon(`[program:talker]\ncommand=sh -c "echo one; sleep 0.5; echo two; exec sleep 100"\nstartsecs=0\nstdout_logfile=%(here)s/talker.log\n`);
    const log = () => (existsSync(join(dir, "talker.log")) ? readFileSync(join(dir, "talker.log"), "utf8") : "");
    await waitFor("the first line", () => log() === "one\n");
    started.push(d.spawnedPid("talker"));
    for (let i = 0; i < 5; i++) d.signal("SIGIO");
    await waitFor("the second line", () => log() === "one\ntwo\n");
    expect(isAlive(d.proc.pid)).toBe(true);
    expect(await d.stop()).toBe(0);
  });

  test("daemon mode returns to the shell once the daemon is up, and the daemon survives it", async () => {
    const { d } = daemon("[program:calm]\ncommand=forever\n", "", []);
    expect(await d.exited()).toBe(0);
    // The foreground process only returned after the pid file was written.
    expect(existsSync(d.pidfile)).toBe(true);
    const pid = Number(readFileSync(d.pidfile, "utf8").trim());
    started.push(pid);
    expect(pid).not.toBe(d.proc.pid);
    expect(isAlive(pid)).toBe(true);
    await d.waitForLine("success: calm entered RUNNING state");
    started.push(d.spawnedPid("calm"));
    expect(d.messages()).toContain("daemonizing the supervisord process");
    process.kill(pid, "SIGTERM");
    await waitFor("daemon gone", () => !isAlive(pid));
    expect(existsSync(d.pidfile)).toBe(false);
    expect(isAlive(d.spawnedPid("calm"))).toBe(false);
  });
});

test("a grandchild that keeps the program's stdout open does not keep supervisord from exiting", async () => {
  // The grandchild (sleep 10) ends by itself; supervisord must not wait for it.
  const cfg = writeConfig('[program:holder]\ncommand=/bin/sh -c "sleep 10 & exec sleep 2147483647"\nstartsecs=0\n');
  cleanups.push(cfg.cleanup);
  const d = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(d.proc.pid);
  await d.waitForLine("spawned: 'holder'");
  const t0 = performance.now();
  expect(await d.stop(15_000)).toBe(0);
  // Waiting for the grandchild would take ~10 s; a busy machine may need a few seconds for the stop itself.
  expect(performance.now() - t0).toBeLessThan(6_000);
});
