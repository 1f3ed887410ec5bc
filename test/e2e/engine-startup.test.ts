// The compiled supervisord's start-up duties and its child logs, seen from outside: files, log lines, exit codes.
import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DaemonRun, writeConfig, testScope } from "../support/daemon";
import { SUPERVISORD } from "../support/paths";
import { run } from "../support/run";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

function daemon(programs: string, supervisord = "", before?: (dir: string) => void) {
  const cfg = writeConfig(programs, supervisord);
  cleanups.push(cfg.cleanup);
  before?.(cfg.dir);
  const d = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(d.proc.pid);
  return { d, dir: cfg.dir };
}

test("child output reaches its log files: a named file, and AUTO files in childlogdir", async () => {
  const { d, dir } = daemon(`
[program:named]
command=spew 5000
stdout_logfile=%(here)s/named.log
[program:auto]
command=/bin/sh -c "echo to-out; echo to-err >&2; exec sleep 2147483647"
`);
  await d.waitForLine("success: auto entered RUNNING state");
  await d.waitForLine("success: named entered RUNNING state");
  started.push(d.spawnedPid("named"), d.spawnedPid("auto"));
  await waitFor("5000 bytes in named.log", () => existsSync(join(dir, "named.log")) && readFileSync(join(dir, "named.log"), "utf8") === "x".repeat(5000));
  const autos = readdirSync(dir).filter((f) => f.startsWith("auto-"));
  const out = autos.find((f) => f.startsWith("auto-stdout---supervisor-"));
  const err = autos.find((f) => f.startsWith("auto-stderr---supervisor-"));
  expect(out && err).toBeTruthy();
  await waitFor("auto stdout", () => readFileSync(join(dir, out!), "utf8") === "to-out\n");
  await waitFor("auto stderr", () => readFileSync(join(dir, err!), "utf8") === "to-err\n");
  expect(await d.stop()).toBe(0);
});

test("AUTO logs left by an earlier run are removed at start, unless nocleanup", async () => {
  const stale = "old-stdout---supervisor-abcdefgh.log";
  const a = daemon("[program:calm]\ncommand=forever\n", "", (dir) => writeFileSync(join(dir, stale), "old"));
  await a.d.waitForLine("spawned: 'calm'");
  started.push(a.d.spawnedPid("calm"));
  expect(existsSync(join(a.dir, stale))).toBe(false);
  expect(await a.d.stop()).toBe(0);

  const b = daemon("[program:calm]\ncommand=forever\n", "nocleanup=true", (dir) => writeFileSync(join(dir, stale), "old"));
  await b.d.waitForLine("spawned: 'calm'");
  started.push(b.d.spawnedPid("calm"));
  expect(existsSync(join(b.dir, stale))).toBe(true);
  expect(await b.d.stop()).toBe(0);
});

test("SIGUSR2 reopens the logs", async () => {
  const { d } = daemon("[program:calm]\ncommand=forever\nstartsecs=0\n");
  await d.waitForLine("spawned: 'calm'");
  started.push(d.spawnedPid("calm"));
  d.signal("SIGUSR2");
  await d.waitForLine("received SIGUSR2 indicating log reopen request");
  await d.waitForLine("supervisord logreopen");
  expect(await d.stop()).toBe(0);
});

test("autorestart=true brings a program back after an expected exit", async () => {
  const { d } = daemon("[program:again]\ncommand=exit-with 0 0.1\nstartsecs=0\nautorestart=true\n");
  await waitFor("three spawns", () => d.messages().filter((m) => m.startsWith("spawned: 'again'")).length >= 3);
  expect(await d.stop()).toBe(0);
});

test("user= runs the child as that user", async () => {
  if (process.getuid?.() !== 0) return; // only root may switch users, as in 4.2.5
  // The test's temp folder is private (0700), so the child writes where any user may.
  const file = join(tmpdir(), `sv-e2e-who-${process.pid}.txt`);
  cleanups.push(() => rmSync(file, { force: true }));
  const { d } = daemon(`[program:who]\ncommand=print-env ${file}\nuser=nobody\ndirectory=/tmp\n`);
  const text = await waitFor("who.txt", () => (existsSync(file) ? readFileSync(file, "utf8") : null));
  started.push(d.spawnedPid("who"));
  const nobody = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("nobody:"))!.split(":");
  expect(text).toContain(`ID=${nobody[2]}:${nobody[3]}\n`);
  expect(await d.stop()).toBe(0);
});

test("minfds the environment cannot grant is a usage error, as 4.2.5 words it", async () => {
  const cfg = writeConfig("[program:calm]\ncommand=forever\n", "minfds=99999999");
  cleanups.push(cfg.cleanup);
  const r = await run([SUPERVISORD, "-n", "-c", cfg.file]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toStartWith(
    'Error: The minimum number of file descriptors required to run this process is 99999999 as per the "minfds" command-line argument',
  );
  expect(existsSync(join(cfg.dir, "supervisord.pid"))).toBe(false);
});
