// The arm64 binary, really run under qemu-user with Debian's arm64 glibc. When qemu cannot run it here, each test
// says why in its name and skips; it is never reported as passed.
import { afterAll, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";
import { waitFor } from "../support/wait";
import { arm64Runner, releaseFile } from "./support";

const BINARY = releaseFile("supervisord-linux-arm64");
const runner = arm64Runner();

function probe(): string | null {
  if ("skip" in runner) return runner.skip;
  const r = Bun.spawnSync([...runner.prefix, BINARY, "--version"], { stdout: "pipe", stderr: "pipe", timeout: 60_000 });
  // Only qemu's own failures skip (its messages, or the emulated process dying of a signal); a wrong answer from
  // our program is left to fail the tests below.
  const stderr = r.stderr.toString();
  if (r.signalCode || stderr.includes("qemu")) {
    return `qemu could not run the arm64 binary here: ${r.signalCode ?? stderr.trim().split("\n")[0]}`;
  }
  return null;
}
const skip = probe();
const prefix = "prefix" in runner ? runner.prefix : [];
const tmp = makeTmpDir("sv-arm64-");
afterAll(tmp.cleanup);

test.skipIf(skip !== null)(`under qemu-aarch64 it answers --version${skip ? ` (skipped: ${skip})` : ""}`, async () => {
  const r = await run([...prefix, BINARY, "--version"], { timeoutMs: 60_000 });
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toMatch(/^4\.2\.5 \(supervisor-bun \S+, commit \S+, target linux-arm64\)\n$/);
});

test.skipIf(skip !== null)(`under qemu-aarch64 it checks a config${skip ? ` (skipped: ${skip})` : ""}`, async () => {
  const conf = join(tmp.dir, "supervisord.conf");
  writeFileSync(conf, "[supervisord]\nlogfile=/tmp/x.log\n[program:sleeper]\ncommand=sleep 300\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\n");
  const r = await run([...prefix, BINARY, "-c", conf, "--check-config"], { timeoutMs: 60_000 });
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe(`config OK: ${conf}: 2 programs in 1 groups\n`);
  expect(r.exitCode).toBe(0);
});

test.skipIf(skip !== null)(`under qemu-aarch64 it runs a program and logs what it prints${skip ? ` (skipped: ${skip})` : ""}`, async () => {
  // The pipe watch's libc structures differ by architecture (struct epoll_event is packed only on x86-64).
  const conf = join(tmp.dir, "run.conf");
  const [main, child] = [join(tmp.dir, "run.log"), join(tmp.dir, "child.log")];
  writeFileSync(
    conf,
    `[supervisord]\nlogfile=${main}\npidfile=${tmp.dir}/run.pid\n[program:talker]\n` +
      `command=sh -c "echo from the child; exec sleep 300"\nstdout_logfile=${child}\n`,
  );
  const daemon = Bun.spawn([...prefix, BINARY, "-n", "-c", conf], { stdout: "ignore", stderr: "ignore" });
  const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
  try {
    await waitFor("the program's line in its log", () => read(child) === "from the child\n", { timeoutMs: 60_000 });
    daemon.kill("SIGTERM");
    expect(await daemon.exited).toBe(0);
    expect(read(main)).toContain("stopped: talker");
  } finally {
    daemon.kill("SIGKILL");
    const pid = /spawned: 'talker' with pid (\d+)/.exec(read(main))?.[1];
    if (pid) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // already stopped by the daemon
      }
    }
  }
}, 120_000);
