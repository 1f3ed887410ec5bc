// supervisorctl start-up and round trip: `status` against a daemon with 10 programs, and `restart NAME`; ours
// (dist/supervisorctl against dist/supervisord) vs the reference's (4.2.5's supervisorctl against 4.2.5's
// supervisord), each call a fresh process, the sides interleaved. Prints median wall times and the ratio
// (target: ours at most 0.2x). Every call's output is checked.
// Usage: bun scripts/bench/ctl.ts [REPS=3] [CALLS_PER_REP=5]
import { fleets } from "./lib/collect";
import type { BenchDaemon } from "./lib/daemon";
import { BASE_ENV, SUPERVISORCTL, requireBinaries } from "./lib/paths";
import { emptyPair, type Pair } from "./lib/stats";
import { printMetric, type Metric } from "./lib/table";

export const CTL_PROGRAMS = 10;

export interface CtlSamples {
  status: Pair;
  restart: Pair;
}

export const emptyCtlSamples = (): CtlSamples => ({ status: emptyPair(), restart: emptyPair() });

/** Wall-clock ms of one supervisorctl call; fails unless it exits 0 and `check` accepts its output. */
function timeCall(argv: string[], check: (out: string) => boolean): number {
  const t0 = performance.now();
  const r = Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe", env: BASE_ENV });
  const ms = performance.now() - t0;
  const out = r.stdout.toString();
  if (r.exitCode !== 0 || !check(out)) throw new Error(`${argv.join(" ")} exited ${r.exitCode}: ${out}${r.stderr}`);
  return ms;
}

const statusOk = (out: string) => out.split("\n").filter((l) => /^p\d+\s+RUNNING\s+pid \d+/.test(l)).length === CTL_PROGRAMS;
const restartOk = (out: string) => out.includes("p3: stopped") && out.includes("p3: started");

/** `calls` status and restart calls against the running daemon `d` with its own side's supervisorctl. */
export async function ctlCalls(d: BenchDaemon, calls: number, into: CtlSamples): Promise<void> {
  const ctl = [SUPERVISORCTL[d.who], "-c", d.conf];
  for (let i = 0; i < calls; i++) {
    into.status[d.who].push(timeCall([...ctl, "status"], statusOk));
    into.restart[d.who].push(timeCall([...ctl, "restart", "p3"], restartOk));
  }
}

export function ctlMetrics(s: CtlSamples): Metric[] {
  const target = { text: "≤ 0.2×", met: (o: { median: number }, r: { median: number }) => o.median <= 0.2 * r.median };
  return [
    { label: `supervisorctl status, ${CTL_PROGRAMS} programs`, unit: "ms", samples: s.status, target },
    { label: "supervisorctl restart NAME (startsecs=0)", unit: "ms", samples: s.restart, target },
  ];
}

if (import.meta.main) {
  requireBinaries();
  const reps = Number(process.argv[2] ?? 3);
  const calls = Number(process.argv[3] ?? 5);
  const samples = emptyCtlSamples();
  await fleets(reps, { programs: CTL_PROGRAMS, startsecs: 0, extra: (d) => ctlCalls(d, calls, samples) });
  for (const m of ctlMetrics(samples)) printMetric(m);
}
