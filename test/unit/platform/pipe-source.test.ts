// A child's pipe read in its two modes (told by the pipe watch while quiet, read(2) rounds while busy): every byte
// arrives, in order, across many changes of mode; a pause stops the reads; a line arrives promptly in either mode.
import { expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { nextRound, PipeSource } from "../../../src/platform/pipe-source";
import { closeFd, outputPipe } from "../../../src/platform/pipes";
import { waitFor } from "../../support/wait";

/** Each test runs shell loops with sleeps: generous for a busy machine. */
const SLOW = 20_000;

function child(script: string): { fd: number; exited: Promise<number>; kill: () => void } {
  const { readFd, writeFd } = outputPipe();
  const p = Bun.spawn(["sh", "-c", script], { stdout: writeFd, stderr: "inherit" });
  closeFd(writeFd);
  return { fd: readFd, exited: p.exited, kill: () => p.kill("SIGKILL") };
}

/** Everything the source hands over, copied (the views are reused). */
async function collect(source: PipeSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  await source.start({ feed: (view) => void parts.push(Buffer.from(view)) });
  return Buffer.concat(parts);
}

test("bursts and pauses: every byte arrives in order, whichever mode reads it", async () => {
  // Bursts big enough to switch to polling, gaps long enough (200 ms) to switch back, short gaps that stay polling,
  // and single lines in between.
  const script = "for i in $(seq 1 8); do seq $((i*1000)) $((i*1000+20000)); sleep 0.01; echo line $i; sleep 0.2; done";
  const expected = Bun.spawnSync(["sh", "-c", script.replaceAll(/sleep [\d.]+/g, "true")]).stdout;
  const { fd, exited } = child(script);
  const got = await collect(new PipeSource(fd));
  await exited;
  expect(got.length).toBe(expected.length);
  expect(got.equals(Buffer.from(expected))).toBe(true);
}, SLOW);

test("flat out with a slow consumer: the pauses hold the child back and no byte is lost", async () => {
  const script = "seq 1 1000000";
  const expected = Buffer.from(Bun.spawnSync(["sh", "-c", script]).stdout);
  const { fd, exited } = child(script);
  const parts: Buffer[] = [];
  let pauses = 0;
  await new PipeSource(fd).start({ feed: (view) => {
    parts.push(Buffer.from(view));
    if (parts.length % 2) return undefined;
    pauses++;
    return Bun.sleep(1);
  } });
  await exited;
  expect(Buffer.concat(parts).equals(expected)).toBe(true);
  expect(pauses).toBeGreaterThan(0);
}, SLOW);

/** How long after the child printed its clock (ns since the epoch) the line arrived, in ms. */
async function lineLatency(script: string): Promise<number> {
  const { fd, kill } = child(script);
  let latency = -1;
  let text = "";
  const source = new PipeSource(fd);
  const done = source.start({ feed: (view) => {
    text += Buffer.from(view).toString().replaceAll("\0", ""); // the burst is zeros
    if (text.endsWith("\n")) latency = Math.max(0, Date.now() - Number(text.trim()) / 1e6);
  } });
  await waitFor("the line", () => (latency >= 0 ? true : undefined));
  source.cancel();
  await done;
  kill();
  return latency;
}

/** The best of three, so that a moment without CPU on a busy machine does not count as the reader's delay. */
async function bestLatency(script: string): Promise<number> {
  const runs = [await lineLatency(script), await lineLatency(script), await lineLatency(script)];
  return Math.min(...runs);
}

test("a line reaches the reader within 50 ms, while polling and after going back to waiting", async () => {
  expect(await bestLatency("head -c 2000000 /dev/zero; date +%s%N; exec sleep 5")).toBeLessThan(50);
  expect(await bestLatency("head -c 2000000 /dev/zero; sleep 0.3; date +%s%N; exec sleep 5")).toBeLessThan(50);
}, SLOW);

test("cancel() in either mode closes the descriptor and ends the reading", async () => {
  const before = readdirSync("/proc/self/fd").length;
  for (const script of ["exec sleep 5", "head -c 3000000 /dev/zero; exec sleep 5"]) {
    const { fd, kill, exited } = child(script);
    let n = 0;
    const source = new PipeSource(fd);
    const done = source.start({ feed: (view) => void (n += view.length) });
    if (script.startsWith("head")) await waitFor("the burst", () => (n === 3_000_000 ? true : undefined));
    source.cancel();
    await done;
    kill();
    await exited;
  }
  await waitFor("descriptors closed", () => (readdirSync("/proc/self/fd").length <= before ? true : undefined));
}, SLOW);

test("round spacing: a fast writer's empty round is retried soon, a slow writer's rounds back off", () => {
  const KB = 1024;
  const MB = 1024 * KB;
  // 600 KB in 1 ms: the next round at the 1 ms floor, and an empty round (a stall) does not double it
  let r = nextRound(1, 600 * KB, 20, MB);
  expect(r.interval).toBe(1);
  r = nextRound(r.interval, 0, r.refillMs, MB);
  expect(r.interval).toBe(1);
  expect(nextRound(r.interval, 0, r.refillMs, MB).interval).toBe(1);
  // 4 KB in 10 ms: empty rounds double up to the 20 ms ceiling
  r = nextRound(10, 4 * KB, 20, MB);
  expect(r.interval).toBe(15);
  r = nextRound(r.interval, 0, r.refillMs, MB);
  expect(r.interval).toBe(20);
  // a pipe found half full after a slow round may have blocked the child: the next round at the floor
  expect(nextRound(15, 600 * KB, 20, MB).interval).toBe(1);
  // nothing known yet: empty rounds double from 1 ms
  expect(nextRound(1, 0, 20, MB).interval).toBe(2);
  expect(nextRound(2, 0, 20, MB).interval).toBe(4);
});

test("a busy pipe that cannot be made larger is read as its writes come, not held to 64 KB a round", async () => {
  // 16 MB flat out through a 64 KB pipe: at one 64 KB round per 1-20 ms that would take 0.25-5 s.
  const { fd, exited } = child("head -c 16777216 /dev/zero");
  let n = 0;
  const started = performance.now();
  await new PipeSource(fd, false).start({ feed: (view) => void (n += view.length) });
  await exited;
  expect(n).toBe(16 * 1024 * 1024);
  // Generous for a busy machine; the same bytes through rounds on the small pipe took 5 s and more.
  expect(performance.now() - started).toBeLessThan(2000);
}, SLOW);
