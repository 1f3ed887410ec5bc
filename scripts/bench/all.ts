// `npm run bench`: every benchmark against our compiled binary and the reference Supervisor 4.2.5, the two sides
// interleaved in one run, printed as one table and written to bench-results/bench.json. A benchmark whose work was
// not really done (programs not RUNNING, bytes missing, wrong answers) throws, and the run fails with it.
//
// To stay under 10 minutes on 2 cores, measures share daemon lives: the 10-program daemons give the supervisorctl
// calls; the 100-program ones the launch, RPC load and stop times; the 1,000-program ones the launch, idle CPU, RSS
// and RPC load. RSS is read from daemons started from executable files read from disk (lib/page-cache.ts), as after
// a boot, the usual start of a binary installed earlier: the 1,000-program daemons start so, and the 10-program RSS
// has daemons of its own, so that supervisorctl is not timed on a binary just dropped from the page cache. The
// reference's 1,000-program life (launch ~12 s on a quiet machine, ~1 s per getAllProcessInfo) runs REF_1000_REPS
// times instead of REPS.
// Usage: bun scripts/bench/all.ts [REPS=3]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { benchConfig } from "./config";
import { benchCrash } from "./crash";
import { CTL_PROGRAMS, ctlCalls, ctlMetrics, emptyCtlSamples } from "./ctl";
import { IDLE_SECONDS, idleMetric } from "./idle";
import { fleets } from "./lib/collect";
import { ROOT, requireBinaries } from "./lib/paths";
import { rssFloor } from "./lib/rss-floor";
import { spawnFloor } from "./lib/spawn-floor";
import { emptyPair } from "./lib/stats";
import { renderTable, rowOf, type Metric } from "./lib/table";
import { benchLogs } from "./logs";
import { benchMemory, memoryMetric } from "./memory";
import { rpcMetric, rpcWindow } from "./rpc";
import { launchMetric } from "./spawn";
import { stopMetric } from "./stop";

const REPS = Number(process.argv[2] ?? 3);
const REF_1000_REPS = Math.min(REPS, 2);
const CTL_CALLS = 3;
const RPC_MS = { 100: 3000, 1000: 5000 };

const began = performance.now();
const step = (what: string) => console.error(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${what}`);

function machine() {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "?";
  const git = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: ROOT, stdout: "pipe" }).stdout.toString().trim();
  return { nproc: cpus().length, cpu: model, memoryGB: Math.round(totalmem() / 2 ** 30), bun: Bun.version, commit: git, loadavg: loadavg() };
}

requireBinaries();
const before = machine();
const metrics: Metric[] = [];

step("config parse");
metrics.push(await benchConfig(REPS));

step(`${CTL_PROGRAMS} programs: supervisorctl status and restart`);
const ctl = emptyCtlSamples();
await fleets(REPS, { programs: CTL_PROGRAMS, startsecs: 0, extra: (d) => ctlCalls(d, CTL_CALLS, ctl) });
metrics.push(...ctlMetrics(ctl));

step(`${CTL_PROGRAMS} programs: RSS`);
const smallRss = await benchMemory(CTL_PROGRAMS, REPS);

step("100 programs: launch, RPC load, stop");
const rpc100 = emptyPair();
const mid = await fleets(REPS, { programs: 100, timeStop: true, extra: (d) => rpcWindow(d, RPC_MS[100], rpc100) });
metrics.push(rpcMetric(100, rpc100));

step(`1,000 programs: launch, idle CPU, RSS, RPC load (reference ${REF_1000_REPS} of ${REPS} reps)`);
const rpc1000 = emptyPair();
const capped = REF_1000_REPS < REPS ? `reference capped at ${REF_1000_REPS} runs (a 1,000-program life takes it over a minute)` : undefined;
const big = await fleets(
  REPS,
  { programs: 1000, idleSeconds: IDLE_SECONDS, coldCache: true, extra: (d) => rpcWindow(d, RPC_MS[1000], rpc1000) },
  REF_1000_REPS,
);
metrics.push(rpcMetric(1000, rpc1000, capped));
metrics.push(launchMetric(100, mid.running, await spawnFloor(100)), launchMetric(1000, big.running, await spawnFloor(1000)));
metrics.push(stopMetric(100, mid.stopped));
metrics.push(idleMetric(1000, big.idleCpu));
metrics.push(smallRss, memoryMetric(1000, big.rssMB, big.anonMB, await rssFloor(1000)));

step("log capture");
metrics.push(await benchLogs(REPS));

step("crash-restart loop");
metrics.push(await benchCrash(REPS));

const rows = metrics.map(rowOf);
const after = machine();
const seconds = (performance.now() - began) / 1000;
const header =
  `Machine: ${before.nproc} × ${before.cpu}, ${before.memoryGB} GB RAM; load average ${before.loadavg.map((x) => x.toFixed(1)).join(" ")} ` +
  `at start, ${after.loadavg.map((x) => x.toFixed(1)).join(" ")} at end; Bun ${before.bun}; commit ${before.commit}; ` +
  `${REPS} runs per side, interleaved; ${seconds.toFixed(0)} s in all.`;
const text = `${header}\n\n${renderTable(rows)}\n`;
console.log(text);
mkdirSync(join(ROOT, "bench-results"), { recursive: true });
const out = join(ROOT, "bench-results", "bench.json");
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: before, loadavgAtEnd: after.loadavg, seconds, reps: REPS, rows, text }, null, 2)}\n`);
console.error(`written: ${out}`);
