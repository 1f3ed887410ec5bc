// supervisord --check-config: loads and validates like a start would, reports, and starts nothing.
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SUPERVISORD } from "../support/paths";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";

const tmp = makeTmpDir("sv-check-");
afterAll(tmp.cleanup);

function writeConfig(name: string, text: string): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, text);
  return file;
}

// A program that would leave a mark if anything were started.
const marker = join(tmp.dir, "started");
const GOOD = `[supervisord]
logfile=${tmp.dir}/main.log
pidfile=${tmp.dir}/s.pid

[program:web]
command=sh -c "touch ${marker}; sleep 100"
numprocs=3
process_name=%(program_name)s_%(process_num)02d

[program:a]
command=sh -c "touch ${marker}"

[program:b]
command=sh -c "touch ${marker}"

[group:pair]
programs=a,b

[include]
files=conf.d/*.ini
`;

test("a valid config: 'config OK', processes counted across groups, exit 0, nothing started", async () => {
  mkdirSync(join(tmp.dir, "conf.d"), { recursive: true });
  writeConfig("conf.d/extra.ini", `[program:extra]\ncommand=sh -c "touch ${marker}"\n`);
  const file = writeConfig("good.conf", GOOD);
  const r = await run([SUPERVISORD, "-c", file, "--check-config"]);
  expect(r.stderr).toBe("");
  // web_00..web_02, a and b in [group:pair], extra: 6 processes in 3 groups.
  expect(r.stdout).toBe(`config OK: ${file}: 6 programs in 3 groups\n`);
  expect(r.exitCode).toBe(0);
  expect(existsSync(marker)).toBe(false);
  expect(existsSync(join(tmp.dir, "s.pid"))).toBe(false);
});

test("the config is found by the search order when -c is not given", async () => {
  const dir = join(tmp.dir, "cwd-search");
  mkdirSync(join(dir, "etc"), { recursive: true });
  writeFileSync(join(dir, "etc", "supervisord.conf"), `[supervisord]\n[program:x]\ncommand=sleep 1\n`);
  const r = await run([SUPERVISORD, "--check-config"], { cwd: dir });
  expect(r.stdout).toBe(`config OK: ${join(dir, "etc", "supervisord.conf")}: 1 programs in 1 groups\n`);
  expect(r.exitCode).toBe(0);
  // Searching as root (the working folder is one of the places) draws 4.2.5's warning; with -c it does not.
  if (process.getuid?.() === 0) expect(r.stderr).toStartWith("UserWarning: Supervisord is running as root");
  else expect(r.stderr).toBe("");
  const given = await run([SUPERVISORD, "-c", "etc/supervisord.conf", "--check-config"], { cwd: dir });
  expect(given.stderr).toBe("");
});

test("a bad value: the error names key, value, section and file; exit 2; nothing started", async () => {
  const file = writeConfig("bad.conf", `[supervisord]\n[program:x]\ncommand=sh -c "touch ${marker}"\nautorestart=maybe\n`);
  const r = await run([SUPERVISORD, "-c", file, "--check-config"]);
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe("");
  const first = r.stderr.split("\n")[0]!;
  expect(first).toStartWith("Error: ");
  for (const part of ["autorestart", "'maybe'", "'program:x'", file]) expect(first).toContain(part);
  expect(existsSync(marker)).toBe(false);
});

test("an include that matches nothing is a warning, not an error", async () => {
  const file = writeConfig("warn.conf", `[supervisord]\n[include]\nfiles=nothing-here/*.conf\n`);
  const r = await run([SUPERVISORD, "-c", file, "--check-config"]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe(`config OK: ${file}: 0 programs in 0 groups\n`);
  expect(r.stderr).toContain("nothing-here/*.conf");
});

test("a missing file: 4.2.5's message, exit 2", async () => {
  const r = await run([SUPERVISORD, "-c", "/nonexistent/x.conf", "--check-config"]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toStartWith("Error: could not find config file /nonexistent/x.conf\n");
});

test("command-line flags are checked too: -u with an unknown user fails the check", async () => {
  const file = writeConfig("plain.conf", "[supervisord]\n");
  const r = await run([SUPERVISORD, "-c", file, "-u", "no-such-user-xyz", "--check-config"]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toStartWith("Error: Invalid user name no-such-user-xyz\n");
});
