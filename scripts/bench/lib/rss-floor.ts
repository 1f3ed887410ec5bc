// The floor under our daemon's RSS on this machine: a compiled Bun program that does only what the design card asks
// of the daemon and nothing more (Bun.serve and Bun.listen on unix sockets; N children from Bun.spawn, each with
// stdout and stderr on a pipe made through bun:ffi and stdin on a Bun pipe; a SIGIO handler; one node:fs append),
// measured as the daemons are: its executable read from disk, RSS once the children run and a second has passed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropFilePageCache } from "./page-cache";
import { median } from "./stats";

/** The floor program's source; `extra` runs once the children are up, before it says it is ready. */
export const floorProgram = (extra = "") => `
import { dlopen, ptr } from "bun:ffi";
import { openSync, writeSync } from "node:fs";
const [dir, count] = [process.argv[2], Number(process.argv[3])];
const libc = dlopen("libc.so.6", {
  pipe2: { args: ["ptr", "i32"], returns: "i32" },
  close: { args: ["i32"], returns: "i32" },
}).symbols;
process.on("SIGIO", () => {});
Bun.serve({ unix: dir + "/serve.sock", fetch: () => new Response("") });
Bun.listen({ unix: dir + "/listen.sock", socket: { data() {} } });
const children = [];
for (let i = 0; i < count; i++) {
  const fds = new Int32Array(2);
  libc.pipe2(ptr(fds), 0o2000000);
  children.push(Bun.spawn(["sleep", "3600"], { stdin: "pipe", stdout: fds[1], stderr: fds[1], detached: true }));
  libc.close(fds[1]);
}
${extra}
writeSync(openSync(dir + "/ready", "a"), "ready\\n");
process.on("SIGTERM", () => {
  for (const c of children) c.kill("SIGKILL");
  process.exit(0);
});
setInterval(() => {}, 1 << 30);
`;

/** RSS in MB of compiled program `exe` (run as `exe DIR N`, with `env` added), read `settleMs` after it wrote DIR/ready,
 * started from its file read from disk. */
async function measureOnce(exe: string, dir: string, n: number, settleMs: number, env: Record<string, string> = {}): Promise<number> {
  dropFilePageCache(exe);
  const p = Bun.spawn([exe, dir, String(n)], { stdio: ["ignore", "ignore", "inherit"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } });
  try {
    const deadline = performance.now() + 60_000;
    while (!(await Bun.file(join(dir, "ready")).exists())) {
      if (p.exitCode !== null || performance.now() > deadline) throw new Error(`rss floor: the floor program did not start (exit ${p.exitCode})`);
      await Bun.sleep(10);
    }
    await Bun.sleep(settleMs);
    const status = await Bun.file(`/proc/${p.pid}/status`).text();
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  } finally {
    p.kill("SIGTERM");
    await p.exited;
    rmSync(join(dir, "ready"), { force: true });
    for (const sock of ["serve.sock", "listen.sock"]) rmSync(join(dir, sock), { force: true });
  }
}

/** Compiles `source` into dir/name with `flags` (after --compile); returns the executable's path. */
export function compileProgram(dir: string, name: string, source: string, flags: string[] = []): string {
  writeFileSync(join(dir, `${name}.ts`), source);
  const exe = join(dir, name);
  const build = Bun.spawnSync([process.execPath, "build", "--compile", ...flags, join(dir, `${name}.ts`), "--outfile", exe], { stderr: "pipe" });
  if (build.exitCode !== 0) throw new Error(`bench: bun build of ${name} failed: ${build.stderr.toString()}`);
  return exe;
}

/** Median MB over `reps` runs of `exe` with `n` (children), each with `env` added. */
export async function medianRss(exe: string, dir: string, n: number, reps: number, settleMs = 1000, env: Record<string, string> = {}): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) runs.push(await measureOnce(exe, dir, n, settleMs, env));
  return median(runs);
}

/** Median MB over `reps` runs of the floor program with `n` children. */
export async function rssFloor(n: number, reps = 3, settleMs = 1000): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "sv-bench-floor-"));
  try {
    return await medianRss(compileProgram(dir, "floor", floorProgram(), ["--minify"]), dir, n, reps, settleMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
