// A child's stdout and stderr are real pipes (as 4.2.5's), read as streams that close their descriptor when done.
import { expect, test } from "bun:test";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { PipeSource, pipeStream } from "../../../src/platform/pipe-source";
import { closeFd, outputPipe } from "../../../src/platform/pipes";
import { BunSpawner } from "../../../src/platform/spawner";
import { waitFor } from "../../support/wait";

const spawner = new BunSpawner();
const openFds = () => readdirSync("/proc/self/fd").length;

function spawn(script: string) {
  const command = spawner.resolve("sh", ["sh", "-c", script], ["/bin", "/usr/bin"]);
  return spawner.spawn({ command, env: { PATH: "/bin:/usr/bin" }, cwd: null, umask: null, uid: null }, () => {});
}

test("stdout and stderr are pipes: a program may open /dev/stdout and /dev/stderr, as under 4.2.5", async () => {
  const child = spawn('readlink /proc/self/fd/1; echo to-stdout > /dev/stdout; echo to-stderr > /dev/stderr');
  const [out, err] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  expect(out).toMatch(/^pipe:\[\d+\]\nto-stdout\n$/);
  expect(err).toBe("to-stderr\n");
});

test("no descriptor is left open, whether a stream is read to its end or cancelled", async () => {
  const before = openFds();
  for (let i = 0; i < 20; i++) {
    const child = spawn(i % 2 ? "echo hi" : "echo hi; exec sleep 5");
    const reader = child.stdout.getReader();
    await reader.read();
    if (i % 2) while (!(await reader.read()).done);
    else {
      await reader.cancel();
      process.kill(child.pid, "SIGKILL");
    }
    await new Response(child.stderr).text().catch(() => "");
    child.stdin.close();
  }
  await waitFor("every pipe closed", () => (openFds() <= before ? true : undefined));
});

test("a pipe's read end is non-blocking and its write end close-on-exec; the stream reads to end-of-file", async () => {
  const { readFd, writeFd } = outputPipe();
  expect(readlinkSync(`/proc/self/fd/${readFd}`)).toMatch(/^pipe:/);
  const flags = (fd: number) => readFileSync(`/proc/self/fdinfo/${fd}`, "utf8").match(/flags:\s+(\d+)/)![1]!;
  expect(parseInt(flags(readFd), 8) & 0o4000).toBe(0o4000);
  expect(parseInt(flags(writeFd), 8) & 0o2000000).toBe(0o2000000);
  expect(parseInt(flags(writeFd), 8) & 0o4000).toBe(0);
  const child = Bun.spawn(["sh", "-c", "head -c 300000 /dev/zero"], { stdout: writeFd });
  closeFd(writeFd);
  expect((await new Response(pipeStream(new PipeSource(readFd))).arrayBuffer()).byteLength).toBe(300000);
  await child.exited;
});
