// The musl binary, really run: Debian's musl provides the loader and the C library (see support.ts for the C++
// runtime it also needs). Skips, with the reason in the test name, when those cannot be had on this machine.
import { afterAll, expect, test } from "bun:test";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../support/run";
import { makeTmpDir } from "../support/tmp";
import { waitFor } from "../support/wait";
import { interpreterOf, MUSL_LOADER, muslRuntime, releaseFile } from "./support";

const BINARY = releaseFile("supervisord-linux-x64-musl");
const tmp = makeTmpDir("sv-musl-");
afterAll(tmp.cleanup);
const runtime = muslRuntime(tmp.dir);
const skip = "skip" in runtime ? runtime.skip : null;
const env: Record<string, string> = "libPath" in runtime ? { LD_LIBRARY_PATH: runtime.libPath } : {};

/** A config for a daemon that serves RPC on a socket in `dir` and runs one program that prints a line, then sleeps. */
function smallConfig(dir: string): string {
  const conf = join(dir, "supervisord.conf");
  writeFileSync(
    conf,
    `[unix_http_server]\nfile=${dir}/s.sock\n[supervisorctl]\nserverurl=unix://${dir}/s.sock\n` +
      `[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n` +
      `[supervisord]\nlogfile=${dir}/main.log\npidfile=${dir}/s.pid\n[program:sleeper]\n` +
      `command=sh -c "echo from the child; exec sleep 300"\nstdout_logfile=${dir}/child.log\n`,
  );
  return conf;
}

test("the musl binary asks for musl's loader", () => {
  expect(interpreterOf(BINARY)).toBe(MUSL_LOADER);
});

test.skipIf(skip !== null)(`under musl it answers --version${skip ? ` (skipped: ${skip})` : ""}`, async () => {
  const r = await run([BINARY, "--version"], { env });
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/^4\.2\.5 \(supervisor-bun \S+, commit \S+, target linux-x64-musl\)\n$/);
});

test.skipIf(skip !== null)(
  `under musl it starts on a small config, logs what its program prints, and stops through its supervisorctl symlink${
    skip ? ` (skipped: ${skip})` : ""
  }`,
  async () => {
    const dir = tmp.dir;
    const supervisord = join(dir, "supervisord");
    symlinkSync(BINARY, supervisord);
    symlinkSync(BINARY, join(dir, "supervisorctl"));
    const conf = smallConfig(dir);
    const daemon = Bun.spawn([supervisord, "-n", "-c", conf], {
      env: { ...process.env, ...env },
      stdout: "ignore",
      stderr: "ignore",
    });
    try {
      await waitFor("sleeper RUNNING", async () => {
        const r = await run([join(dir, "supervisorctl"), "-c", conf, "status"], { env });
        return /sleeper\s+RUNNING/.test(r.stdout);
      }, { timeoutMs: 20_000 });
      // The program's output goes through musl's libc (pipe2, epoll, SIGIO): the line reaches its log.
      await waitFor("the program's line in its log", () => readFileSync(join(dir, "child.log"), "utf8") === "from the child\n");
      const stop = await run([join(dir, "supervisorctl"), "-c", conf, "shutdown"], { env });
      expect(stop.stdout).toContain("Shut down");
      expect(await daemon.exited).toBe(0);
      expect(readFileSync(join(dir, "main.log"), "utf8")).toContain("stopped: sleeper");
    } finally {
      daemon.kill("SIGKILL");
    }
  },
);
