// Child log throughput with rotation on: a child writes SIZE_MB flat out to stdout, and we time how long until every
// byte is in the log file and its backups, for
//   cat       `child | cat > file` (the floor: one pipe, one file, no rotation),
//   reference Supervisor 4.2.5's supervisord,
//   ours      the compiled dist/supervisord (when it can run programs),
//   capture   a Bun harness driving src/logs/capture.ts with a real child on the daemon's pipes (platform/pipes.ts,
//             read through platform/pipe-source.ts), twice: with the child in our session, and with the child in a
//             new session (setsid, Bun's `detached`, as dist/ spawns). The pair shows what the log path itself
//             costs, and what a new session costs: a new session is a new scheduler autogroup, so the child runs
//             beside the reader on the other core instead of taking turns with it. 4.2.5 calls setpgrp(), which
//             keeps the child in supervisord's session;
// and check that the bytes, read back in rotation order, are exactly what the child wrote (0 bytes lost).
// Usage: bun scripts/bench/logs.ts [SIZE_MB=128] [RUNS=3]
// BEFORE=path/to/supervisord adds another build of ours (say, the last commit's) to the same interleaved runs.
// all.ts uses benchLogs(): cat, ours and the reference only, failing on any lost or changed byte.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChannelCapture } from "../../src/logs/capture";
import { MainLog } from "../../src/logs/main-log";
import { PipeSource } from "../../src/platform/pipe-source";
import { closeFd, outputPipe } from "../../src/platform/pipes";
import { REF_BIN, ROOT, SUPERVISORD, type Who } from "./lib/paths";
import { median, summaryText } from "./lib/stats";
import type { Metric } from "./lib/table";

const SIZE_MB = Number((import.meta.main && process.argv[2]) || 128);
const RUNS = Number((import.meta.main && process.argv[3]) || 3);
const BYTES = SIZE_MB * 1024 * 1024;
const MAXBYTES = 16 * 1024 * 1024;
const BACKUPS = Math.ceil(BYTES / MAXBYTES) + 2; // keep every byte so the check can count them all
const LINE = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/";

/** The child: notes its start time (ns) in `startFile`, then writes BYTES of LINE\n flat out. */
function childCommand(startFile: string): string {
  return `date +%s%N > ${startFile}; yes ${LINE} | head -c ${BYTES}`;
}

function expectedDigest(): string {
  const h = new Bun.CryptoHasher("sha256");
  const block = Buffer.from(`${LINE}\n`.repeat(16384));
  let left = BYTES;
  while (left > 0) {
    const n = Math.min(left, block.length);
    h.update(n === block.length ? block : block.subarray(0, n));
    left -= n;
  }
  return h.digest("hex");
}

/** The log and its backups, oldest first. */
function logFiles(path: string): string[] {
  const files: string[] = [];
  for (let i = BACKUPS; i >= 1; i--) if (existsSync(`${path}.${i}`)) files.push(`${path}.${i}`);
  if (existsSync(path)) files.push(path);
  return files;
}

/** Polled while the log rotates: a file may vanish between listing and stat. Files are visited from the highest
 * backup down and rotation moves bytes upward, so bytes can be missed by one poll but never counted twice. */
function totalBytes(path: string): number {
  return logFiles(path).reduce((n, f) => n + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
}

function digestOf(path: string): string {
  const h = new Bun.CryptoHasher("sha256");
  for (const f of logFiles(path)) h.update(readFileSync(f));
  return h.digest("hex");
}

const startOf = (file: string) => Number(readFileSync(file, "utf8").trim()) / 1e6; // ms since epoch

async function waitFor(file: string, deadlineMs: number): Promise<void> {
  const stop = Date.now() + deadlineMs;
  while (!existsSync(file)) {
    if (Date.now() > stop) throw new Error(`${file} did not appear within ${deadlineMs} ms`);
    await Bun.sleep(2);
  }
}

async function waitForBytes(path: string, deadlineMs: number): Promise<number> {
  const stop = Date.now() + deadlineMs;
  while (Date.now() < stop) {
    if (totalBytes(path) >= BYTES) return Date.now();
    await Bun.sleep(2);
  }
  throw new Error(`${path}: only ${totalBytes(path)} of ${BYTES} bytes after ${deadlineMs} ms`);
}

interface Run {
  seconds: number;
  /** The log file the child's stdout went to. */
  log: string;
  /** CPU seconds the logging process spent while the bytes went through (null for cat): steadier than MB/s when
   * the machine is busy with other work. */
  cpu: number | null;
}

/** utime + stime of a process, in seconds (clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function runCat(dir: string): Promise<Run> {
  const log = join(dir, "cat.log");
  const start = join(dir, "start");
  const p = Bun.spawn(["sh", "-c", `(${childCommand(start)}) | cat > ${log}`]);
  await p.exited;
  const end = Date.now();
  return { seconds: (end - startOf(start)) / 1000, log, cpu: null };
}

async function runHarness(dir: string, detached: boolean): Promise<Run> {
  const log = join(dir, "ours.log");
  const start = join(dir, "start");
  const logger = new MainLog({ stdout: () => {} });
  logger.open({ logfile: join(dir, "main.log"), maxbytes: 0, backups: 0, level: "info", echoStdout: false });
  const cpu0 = process.cpuUsage();
  const [outPipe, errPipe] = [outputPipe(), outputPipe()];
  const child = Bun.spawn(["sh", "-c", childCommand(start)], {
    stdout: outPipe.writeFd,
    stderr: errPipe.writeFd,
    detached,
  });
  closeFd(outPipe.writeFd);
  closeFd(errPipe.writeFd);
  const settings = {
    logfile: { kind: "file" as const, path: log },
    logfileMaxbytes: MAXBYTES,
    logfileBackups: BACKUPS,
    captureMaxbytes: 0,
    eventsEnabled: false,
    syslog: false,
  };
  const common = { processName: "spew", groupName: "spew", pid: child.pid, settings, stripAnsi: false, logger, events: { emit() {} } };
  const out = await ChannelCapture.open({ ...common, channel: "stdout" });
  const err = await ChannelCapture.open({ ...common, channel: "stderr", settings: { ...settings, logfile: { kind: "none" as const } } });
  await Promise.all([out.pump(new PipeSource(outPipe.readFd)), err.pump(new PipeSource(errPipe.readFd))]);
  await out.close();
  const end = Date.now();
  const used = process.cpuUsage(cpu0);
  logger.close();
  return { seconds: (end - startOf(start)) / 1000, log, cpu: (used.user + used.system) / 1e6 };
}

function daemonConfig(dir: string, log: string, start: string): string {
  const conf = join(dir, "supervisord.conf");
  writeFileSync(
    conf,
    `[supervisord]
logfile=${join(dir, "supervisord.log")}
pidfile=${join(dir, "supervisord.pid")}
childlogdir=${dir}
loglevel=info

[unix_http_server]
file=${join(dir, "supervisor.sock")}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:spew]
command=/bin/sh -c "${childCommand(start).replaceAll("%", "%%")}"
startsecs=0
autorestart=false
stdout_logfile=${log}
stdout_logfile_maxbytes=${MAXBYTES}
stdout_logfile_backups=${BACKUPS}
`,
  );
  return conf;
}

/** Runs a supervisord binary in the foreground on a config whose only program is the child. */
async function runDaemon(bin: string, dir: string, name: string): Promise<Run> {
  const log = join(dir, `${name}.log`);
  const start = join(dir, "start");
  const conf = daemonConfig(dir, log, start);
  const d = Bun.spawn([bin, "-n", "-c", conf], { stdout: "ignore", stderr: "ignore", env: { ...process.env, TZ: "UTC" } });
  try {
    await waitFor(start, 60_000);
    const cpu0 = cpuOf(d.pid);
    const end = await waitForBytes(log, 120_000);
    return { seconds: (end - startOf(start)) / 1000, log, cpu: cpuOf(d.pid) - cpu0 };
  } finally {
    d.kill("SIGTERM");
    await d.exited;
  }
}

/** dist/supervisord counts as the daemon only once it actually runs a program. */
async function distRunsPrograms(): Promise<boolean> {
  const bin = join(ROOT, "dist", "supervisord");
  if (!existsSync(bin)) return false;
  const dir = mkdtempSync(join(tmpdir(), "sv-bench-probe-"));
  try {
    const conf = join(dir, "p.conf");
    writeFileSync(conf, `[supervisord]\nlogfile=${dir}/s.log\npidfile=${dir}/s.pid\n[program:p]\ncommand=/bin/sh -c "echo ok"\nstartsecs=0\nautorestart=false\nstdout_logfile=${dir}/p.log\n`);
    const d = Bun.spawn([bin, "-n", "-c", conf], { stdout: "ignore", stderr: "ignore" });
    const stop = Date.now() + 5000;
    let ok = false;
    while (!ok && Date.now() < stop && d.exitCode === null) {
      ok = existsSync(`${dir}/p.log`) && readFileSync(`${dir}/p.log`, "utf8") === "ok\n";
      await Bun.sleep(20);
    }
    d.kill("SIGTERM");
    await d.exited;
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Contender {
  label: string;
  run: (dir: string) => Promise<Run>;
  times: number[];
  cpus: number[];
}

/** One run of the contender in a fresh folder, with the byte count and content checked; false if not intact. */
async function runOnce(c: Contender, digest: string): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), "sv-bench-logs-"));
  try {
    const r = await c.run(dir);
    const lost = BYTES - totalBytes(r.log);
    const intact = digestOf(r.log) === digest;
    if (lost !== 0 || !intact) console.log(`  ${c.label}: LOST ${lost} bytes, content ${intact ? "intact" : "CORRUPTED"}`);
    c.times.push(r.seconds);
    if (r.cpu !== null) c.cpus.push(r.cpu);
    return lost === 0 && intact;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mbRates = (c: Contender) => c.times.map((t) => SIZE_MB / t);

/** MB/s of ours and the reference, `runs` interleaved runs each beside `cat > file`; throws on any lost byte. */
export async function benchLogs(runs = RUNS): Promise<Metric> {
  const digest = expectedDigest();
  const daemon = (who: Who): Contender => ({ label: who, run: (d) => runDaemon(SUPERVISORD[who], d, who), times: [], cpus: [] });
  const cat: Contender = { label: "cat > file", run: runCat, times: [], cpus: [] };
  const ours = daemon("ours");
  const ref = daemon("reference");
  for (let i = 0; i < runs; i++) {
    for (const c of [cat, ours, ref]) if (!(await runOnce(c, digest))) throw new Error(`logs: ${c.label} lost or changed bytes`);
  }
  const catMedian = median(mbRates(cat));
  return {
    label: `log capture with rotation, ${SIZE_MB} MB`,
    unit: "MB/s",
    samples: { ours: mbRates(ours), reference: mbRates(ref) },
    target: { text: "≥ 0.9× cat", met: (o) => o.median >= 0.9 * catMedian },
    note: `cat > file ${summaryText(mbRates(cat))} MB/s on the same runs; ours/cat ${(median(mbRates(ours)) / catMedian).toFixed(2)}; 0 bytes lost (sha256 checked)`,
  };
}

function mbPerSecond(c: Contender): number {
  const m = median(c.times);
  const cpu = c.cpus.length ? `${((median(c.cpus) * 100) / SIZE_MB).toFixed(2)} CPU s per 100 MB` : "";
  console.log(`${c.label.padEnd(34)} ${(SIZE_MB / m).toFixed(0).padStart(6)} MB/s   (median of ${RUNS}: ${m.toFixed(2)} s)   ${cpu}`);
  return SIZE_MB / m;
}

async function main(): Promise<void> {
  console.log(`child log throughput: ${SIZE_MB} MB flat out, rotation every ${MAXBYTES >> 20} MB, ${BACKUPS} backups`);
  const digest = expectedDigest();
  const useDist = await distRunsPrograms();
  const refBin = join(REF_BIN, "supervisord");
  const cat: Contender = { label: "cat > file", run: runCat, times: [], cpus: [] };
  const ours: Contender | null = useDist
    ? { label: "ours (dist/supervisord)", run: (d) => runDaemon(join(ROOT, "dist", "supervisord"), d, "ours"), times: [], cpus: [] }
    : null;
  const capture: Contender = { label: "capture.ts, child in our session", run: (d) => runHarness(d, false), times: [], cpus: [] };
  const captureSetsid: Contender = { label: "capture.ts, child under setsid", run: (d) => runHarness(d, true), times: [], cpus: [] };
  const ref: Contender | null = existsSync(refBin)
    ? { label: "reference supervisord 4.2.5", run: (d) => runDaemon(refBin, d, "ref"), times: [], cpus: [] }
    : null;
  const before: Contender | null = process.env.BEFORE
    ? { label: `before (${process.env.BEFORE})`.slice(0, 34), run: (d) => runDaemon(process.env.BEFORE!, d, "before"), times: [], cpus: [] }
    : null;
  const contenders = [cat, before, ours, capture, captureSetsid, ref].filter((c): c is Contender => c !== null);
  // Interleaved, so that load from elsewhere on the machine falls on all alike.
  let checked = 0;
  for (let i = 0; i < RUNS; i++) for (const c of contenders) if (await runOnce(c, digest)) checked++;
  const rates = new Map(contenders.map((c) => [c, mbPerSecond(c)]));
  console.log(`bytes lost: ${checked === RUNS * contenders.length ? "0 in every run (content checked by sha256)" : "SEE ABOVE"}`);
  const ratio = (a: Contender | null, b: Contender | null) => (a && b ? (rates.get(a)! / rates.get(b)!).toFixed(2) : "n/a");
  if (!ours) console.log("note: dist/supervisord does not run programs yet");
  console.log(`ours / cat       = ${ratio(ours, cat)}  (target >= 0.90)`);
  console.log(`ours / reference = ${ratio(ours, ref)}   reference / cat = ${ratio(ref, cat)}`);
  if (before) console.log(`before / cat     = ${ratio(before, cat)}   ours / before = ${ratio(ours, before)}`);
  console.log(`capture.ts / cat = ${ratio(capture, cat)} in our session, ${ratio(captureSetsid, cat)} under setsid`);
  if (!ref) console.log("reference not installed: skipped");
}

if (import.meta.main) await main();
