// Child logs and the main log through the compiled supervisord: AUTO names, rotation, redirect_stderr, strip_ansi,
// /dev/stdout as a target (never rotated, no "Illegal seek"), SIGUSR2 reopening, the main log's format and echo.
import { afterEach, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DaemonRun, killAll, writeConfig } from "../support/daemon";
import { rpc } from "./http-client";
import { SUPERVISORD } from "../support/paths";
import { testEnv } from "../support/run";
import { makeTmpDir } from "../support/tmp";
import { waitFor } from "../support/wait";

// Each test starts a daemon and real children; on a busy machine that can take longer than bun's 5 s default.
setDefaultTimeout(30_000);

const started: number[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  killAll(started.splice(0));
  for (const c of cleanups.splice(0)) c();
});

/** @param prepare runs in the config's folder before the daemon starts */
function daemon(programs: string, supervisord = "", prepare: (dir: string) => void = () => {}) {
  const cfg = writeConfig(programs, supervisord);
  cleanups.push(cfg.cleanup);
  prepare(cfg.dir);
  const d = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(d.proc.pid);
  return { d, dir: cfg.dir };
}

const read = (p: string) => (existsSync(p) ? readFileSync(p, "utf8") : "");
const LINE_RE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) /;

describe("child logs", () => {
  test("AUTO logs are named as 4.2.5 names them, one per channel; redirect_stderr merges into stdout", async () => {
    const { d, dir } = daemon(`
[program:auto]
command=sh -c "echo out; echo err >&2; exec sleep 100"
[program:merged]
command=sh -c "echo out; sleep 0.1; echo err >&2; exec sleep 100"
redirect_stderr=true
stdout_logfile=%(here)s/merged.log
`);
    const auto = (ch: string) => readdirSync(dir).find((f) => new RegExp(`^auto-${ch}---supervisor-[a-z0-9_]{8}\\.log$`).test(f));
    await waitFor("both AUTO files written", () => auto("stdout") && read(join(dir, auto("stdout")!)) === "out\n" && read(join(dir, auto("stderr")!)) === "err\n");
    await waitFor("merged log", () => read(join(dir, "merged.log")) === "out\nerr\n");
    expect(await d.stop()).toBe(0);
  });

  test("redirect_stderr: stdout and stderr share one pipe, so the log keeps the order they were written in", async () => {
    const { d, dir } = daemon(`
[program:mixed]
command=sh -c "i=0; while [ $i -lt 300 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done; exec sleep 100"
redirect_stderr=true
stdout_logfile=%(here)s/mixed.log
`);
    const want = Array.from({ length: 300 }, (_, i) => `out${i}\nerr${i}\n`).join("");
    await waitFor("all 600 lines logged", () => read(join(dir, "mixed.log")).length >= want.length);
    expect(read(join(dir, "mixed.log"))).toBe(want);
    expect(await d.stop()).toBe(0);
  });

  test("a child's last words are in its log before its exit is: each exited: line finds its line in the file", async () => {
    const { d, dir } = daemon(`
[program:brief]
command=sh -c "echo last words >&2; exit 3"
startsecs=0
startretries=30
stderr_logfile=%(here)s/err.log
`);
    const exits = () => d.messages().filter((m) => m.startsWith("exited: brief ")).length;
    // Checked at each new exited: line, as a tool that waits for it would (4.2.5 writes what it reads before it reaps).
    for (let seen = 0; seen < 20; ) {
      const now = await waitFor("the next exit", () => (exits() > seen ? exits() : 0), { intervalMs: 1 });
      expect(read(join(dir, "err.log")).split("\n").filter((l) => l === "last words").length).toBeGreaterThanOrEqual(now);
      seen = now;
    }
    await d.stop();
  });

  test("rotation: every backup reached maxbytes, the live file is below it, and no byte is lost", async () => {
    const { d, dir } = daemon(`
[program:spew]
command=spew 1000000
stdout_logfile=%(here)s/spew.log
stdout_logfile_maxbytes=100000
stdout_logfile_backups=10
`);
    const log = join(dir, "spew.log");
    const files = () => [log, ...Array.from({ length: 10 }, (_, i) => `${log}.${i + 1}`)].filter(existsSync);
    // Enough bytes that even the largest coalesced writes (a few hundred KB on a loaded machine) rotate at least twice.
    // The last write may land just before its rotation: wait for the settled state, all bytes and the rotation done.
    await waitFor(
      "1000000 bytes logged and rotated",
      () => files().reduce((n, f) => n + statSync(f).size, 0) === 1_000_000 && statSync(log).size < 100_000,
    );
    const backups = files().slice(1);
    expect(backups.length).toBeGreaterThanOrEqual(2);
    for (const b of backups) expect(statSync(b).size).toBeGreaterThanOrEqual(100_000);
    expect(statSync(log).size).toBeLessThan(100_000);
    expect(files().map(read).join("")).toMatch(/^x{1000000}$/);
    expect(await d.stop()).toBe(0);
  });

  test("strip_ansi removes escape sequences from child logs", async () => {
    const { d, dir } = daemon(
      `
[program:colour]
command=printf "\\033[1;31mred\\033[0m plain\\n"
stdout_logfile=%(here)s/colour.log
startsecs=0
autorestart=false
`,
      "strip_ansi=true",
    );
    await waitFor("colour log", () => read(join(dir, "colour.log")) === "red plain\n");
    expect(await d.stop()).toBe(0);
  });

  test("capture mode and stdout_events_enabled reach an event listener as 4.2.5's events", async () => {
    const { d, dir } = daemon(`
[program:talker]
command=sh -c "printf 'before <!--XSUPERVISOR:BEGIN-->hello comm<!--XSUPERVISOR:END--> after, and enough to pass the token\\n'; exec sleep 100"
stdout_logfile=%(here)s/talker.log
stdout_capture_maxbytes=1MB
stdout_events_enabled=true
[eventlistener:ear]
command=listener-sh %(here)s/events.txt
events=PROCESS_COMMUNICATION,PROCESS_LOG
`);
    const events = join(dir, "events.txt");
    await waitFor("the comm event", () => read(events).includes("eventname:PROCESS_COMMUNICATION_STDOUT"));
    await waitFor("the log file", () => read(join(dir, "talker.log")).includes("after"));
    await waitFor("the last log event", () => read(events).includes(" after, and enough to pass the token\n\n--\n"));
    // Byte for byte what 4.2.5 sends for the same program (checked against the reference; pid masked).
    const head = (serial: number, name: string, len: number) =>
      `ver:3.0 server:supervisor serial:${serial} pool:ear poolserial:${serial} eventname:${name} len:${len}`;
    const who = "processname:talker groupname:talker pid:N";
    const pidLen = String(d.spawnedPid("talker")).length;
    expect(read(events).replace(/pid:\d+/g, "pid:N")).toBe(
      [
        `${head(0, "PROCESS_LOG_STDOUT", 63 + pidLen)}\n${who} channel:stdout\nbefore \n--`,
        `${head(1, "PROCESS_LOG_STDOUT", 66 + pidLen)}\n${who} channel:stdout\nhello comm\n--`,
        `${head(2, "PROCESS_COMMUNICATION_STDOUT", 51 + pidLen)}\n${who}\nhello comm\n--`,
        `${head(3, "PROCESS_LOG_STDOUT", 93 + pidLen)}\n${who} channel:stdout\n after, and enough to pass the token\n\n--\n`,
      ].join("\n"),
    );
    expect(read(join(dir, "talker.log"))).toBe("before  after, and enough to pass the token\n");
    expect(await d.stop()).toBe(0);
  });

  test("stdout and stderr are pipes, as 4.2.5's: a program that writes to /dev/stdout and /dev/stderr is logged", async () => {
    const { d, dir } = daemon(`
[program:dev]
command=sh -c "echo out > /dev/stdout; echo err > /dev/stderr; exec sleep 100"
stdout_logfile=%(here)s/dev.out
stderr_logfile=%(here)s/dev.err
`);
    await waitFor("both logs written", () => read(join(dir, "dev.out")) === "out\n" && read(join(dir, "dev.err")) === "err\n");
    expect(await d.stop()).toBe(0);
  });

  test("a log that cannot be opened fails the spawn (FATAL, 4.2.5's spawnerr); a clear that fails answers FAILED", async () => {
    const { d, dir } = daemon(
      "[program:x]\ncommand=forever\nstdout_logfile=%(here)s\nstartretries=0\n" +
        "[program:z]\ncommand=forever\nstdout_logfile=%(here)s/zdir/z.log\nstartsecs=0\n",
      "[unix_http_server]\nfile=%(here)s/s.sock\n",
      (here) => mkdirSync(join(here, "zdir")),
    );
    const spawnerr = "unknown error making dispatchers for 'x': EISDIR";
    await d.waitForLine("gave up: x");
    await d.waitForLine("success: z");
    expect(d.messages().filter((m) => m.includes("'x'"))).toEqual([`spawnerr: ${spawnerr}`]);
    const target = { unix: join(dir, "s.sock") };
    expect(await rpc(target, "supervisor.getProcessInfo", "x")).toMatchObject({ statename: "FATAL", spawnerr, pid: 0 });
    rmSync(join(dir, "zdir"), { recursive: true });
    await expect(rpc(target, "supervisor.clearProcessLogs", "z")).rejects.toMatchObject({ faultCode: 30, faultString: "FAILED: z" });
    expect(await d.stop()).toBe(0);
  });

  test("SIGUSR2 reopens child logs and the main log after they were moved away", async () => {
    const { d, dir } = daemon(`
[program:ticker]
command=sh -c "i=0; while :; do echo tick $i; i=$((i+1)); sleep 0.05; done"
stdout_logfile=%(here)s/ticker.log
`);
    const log = join(dir, "ticker.log");
    await waitFor("ticks", () => read(log).includes("tick 2\n"));
    renameSync(log, `${log}.moved`);
    renameSync(d.log, `${d.log}.moved`);
    d.signal("SIGUSR2");
    await waitFor("a new ticker.log", () => /tick \d+\n/.test(read(log)));
    await waitFor("a new main log", () => existsSync(d.log));
    expect(read(`${d.log}.moved`)).toContain("supervisord logreopen");
    expect(await d.stop()).toBe(0);
    expect(read(d.log)).toMatch(/received SIGTERM/);
  });
});

/** supervisord -n with its stdout and stderr captured (DaemonRun ignores stdout). */
async function foreground(supervisord: string, programs: string): Promise<{ dir: string; stdout: string; stderr: string; code: number }> {
  const tmp = makeTmpDir("sv-e2e-logs-");
  cleanups.push(tmp.cleanup);
  const file = join(tmp.dir, "supervisord.conf");
  const header = `[supervisord]\nlogfile=${tmp.dir}/supervisord.log\npidfile=${tmp.dir}/supervisord.pid\nchildlogdir=${tmp.dir}\n`;
  writeFileSync(file, `${header}${supervisord}\n${programs}`);
  const p = Bun.spawn([SUPERVISORD, "-n", "-c", file], { cwd: tmp.dir, env: testEnv(), stdout: "pipe", stderr: "pipe" });
  started.push(p.pid);
  const stdout = new Response(p.stdout).text();
  const stderr = new Response(p.stderr).text();
  await waitFor("the program's exit", () => read(join(tmp.dir, "supervisord.log")).includes("exited: "), { timeoutMs: 15_000 });
  p.kill("SIGTERM");
  return { dir: tmp.dir, stdout: await stdout, stderr: await stderr, code: await p.exited };
}

describe("/dev/stdout and the main log", () => {
  test("a child logging to /dev/stdout with a maxbytes: output reaches supervisord's stdout, no rotation, no Illegal seek", async () => {
    const r = await foreground(
      "silent=true",
      `[program:web]
command=sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do echo request $i; done"
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=20
stderr_logfile=/dev/stderr
startsecs=0
autorestart=false
`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(Array.from({ length: 10 }, (_, i) => `request ${i + 1}\n`).join(""));
    expect(r.stderr).not.toContain("Illegal seek");
    expect(r.stderr).toBe("");
    expect(existsSync("/dev/stdout.1")).toBe(false);
  });

  test("-n echoes the main log to stdout line for line; loglevel=debug adds child output in 4.2.5's words", async () => {
    const r = await foreground("loglevel=debug", `[program:chatty]\ncommand=sh -c "echo hello"\nstartsecs=0\nautorestart=false\n`);
    const main = read(join(r.dir, "supervisord.log"));
    expect(r.stdout).toBe(main);
    for (const line of main.split("\n").filter((l) => /^\d{4}-/.test(l))) expect(line).toMatch(LINE_RE);
    expect(main).toMatch(/ DEBG 'chatty' stdout output:\nhello\n\n/);
  });

  test("the main log rotates with logfile_maxbytes and logfile_backups", async () => {
    const r = await foreground(
      "logfile_maxbytes=300\nlogfile_backups=2\nsilent=true",
      `[program:one]\ncommand=sh -c "exit 0"\nstartsecs=0\nautorestart=false\n`,
    );
    const base = join(r.dir, "supervisord.log");
    expect(statSync(`${base}.1`).size).toBeGreaterThanOrEqual(300);
    expect(existsSync(`${base}.3`)).toBe(false);
    expect([base, `${base}.1`, `${base}.2`].map(read).join("")).toContain("exited: one (exit status 0; expected)");
  });
});
