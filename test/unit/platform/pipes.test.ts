// A child's stdout and stderr are real pipes (as 4.2.5's), read as streams that close their descriptor when done.
import { expect, test } from "bun:test";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { PipeSource } from "../../../src/platform/pipe-source";
import { closeFd, outputPipe } from "../../../src/platform/pipes";
import { BunSpawner } from "../../../src/platform/spawner";
import { waitFor } from "../../support/wait";
import { textOf } from "../../support/child-output";

const spawner = new BunSpawner();
const openFds = () => readdirSync("/proc/self/fd").length;

function spawn(script: string) {
  const command = spawner.resolve("sh", ["sh", "-c", script], ["/bin", "/usr/bin"]);
  return spawner.spawn({ command, env: { PATH: "/bin:/usr/bin" }, cwd: null, umask: null, uid: null }, () => {});
}

test("stdout and stderr are pipes: a program may open /dev/stdout and /dev/stderr, as under 4.2.5", async () => {
  const child = spawn('readlink /proc/self/fd/1; echo to-stdout > /dev/stdout; echo to-stderr > /dev/stderr');
  const [out, err] = await Promise.all([textOf(child.stdout), textOf(child.stderr)]);
  expect(out).toMatch(/^pipe:\[\d+\]\nto-stdout\n$/);
  expect(err).toBe("to-stderr\n");
});

test("no descriptor is left open, whether a pipe is read to its end or cancelled", async () => {
  const before = openFds();
  for (let i = 0; i < 20; i++) {
    const child = spawn(i % 2 ? "echo hi" : "echo hi; exec sleep 5");
    let got: () => void;
    const first = new Promise<void>((r) => (got = r));
    const reading = child.stdout.start({ feed: () => got() });
    await first;
    if (i % 2) await reading;
    else {
      child.stdout.cancel();
      process.kill(child.pid, "SIGKILL");
    }
    await textOf(child.stderr);
    child.stdin.close();
  }
  await waitFor("every pipe closed", () => (openFds() <= before ? true : undefined));
});

test("a pipe's read end is non-blocking and its write end close-on-exec; its PipeSource reads to end-of-file", async () => {
  const { readFd, writeFd } = outputPipe();
  expect(readlinkSync(`/proc/self/fd/${readFd}`)).toMatch(/^pipe:/);
  const flags = (fd: number) => readFileSync(`/proc/self/fdinfo/${fd}`, "utf8").match(/flags:\s+(\d+)/)![1]!;
  expect(parseInt(flags(readFd), 8) & 0o4000).toBe(0o4000);
  expect(parseInt(flags(writeFd), 8) & 0o2000000).toBe(0o2000000);
  expect(parseInt(flags(writeFd), 8) & 0o4000).toBe(0);
  const child = Bun.spawn(["sh", "-c", "head -c 300000 /dev/zero"], { stdout: writeFd });
  closeFd(writeFd);
  let bytes = 0;
  await new PipeSource(readFd).start({ feed: (view) => void (bytes += view.length) });
  expect(bytes).toBe(300000);
  await child.exited;
});
