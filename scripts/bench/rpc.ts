// getAllProcessInfo under load: 8 clients call it back to back over the unix socket for DURATION seconds, against
// ours (dist/supervisord) and the reference 4.2.5, with 100 and then 1,000 programs running. Prints requests per
// second and our ratio to the reference (targets: >= 10x at 100 programs, >= 100x at 1,000), and beside it each
// window's latency (p50, p99) and the daemon's CPU time per request (user+sys from /proc: steadier than requests
// per second on a shared machine). Answers are checked as lib/rpc-client.ts says, alike for both sides.
// Usage: bun scripts/bench/rpc.ts [DURATION_S=5] [SIZES=100,1000] [REPS=1]
import { fleets } from "./lib/collect";
import type { BenchDaemon } from "./lib/daemon";
import { requireBinaries } from "./lib/paths";
import { loadGetAllProcessInfo } from "./lib/rpc-client";
import { emptyPair, type Pair } from "./lib/stats";
import { num, printMetric, type Metric } from "./lib/table";

export const RPC_CLIENTS = 8;
const TARGETS: Record<number, number> = { 100: 10, 1000: 100 };

/** One load window against the running daemon `d`; requests/s filed under its side, the rest printed. */
export async function rpcWindow(d: BenchDaemon, durationMs: number, into: Pair): Promise<void> {
  const cpu = d.cpuSeconds();
  const r = await loadGetAllProcessInfo(d.sock, RPC_CLIENTS, durationMs, d.opts.programs);
  const cpuMs = ((d.cpuSeconds() - cpu) * 1000) / r.requests;
  into[d.who].push(r.rps);
  console.log(
    `  ${d.opts.programs} programs, ${d.who}: ${num(r.rps)} req/s, p50 ${num(r.p50)} ms, p99 ${num(r.p99)} ms, ` +
      `daemon CPU ${num(cpuMs)} ms/request (${r.requests} answers, ${r.checked} checked whole)`,
  );
}

export function rpcMetric(n: number, rps: Pair, note?: string): Metric {
  const target = TARGETS[n];
  return {
    label: `getAllProcessInfo req/s, ${RPC_CLIENTS} clients, ${n} programs`,
    unit: "req/s",
    samples: rps,
    target: target ? { text: `≥ ${target}×`, met: (o, r) => o.median >= target * r.median } : null,
    ...(note ? { note } : {}),
  };
}

if (import.meta.main) {
  requireBinaries();
  const durationMs = Number(process.argv[2] ?? 5) * 1000;
  const sizes = (process.argv[3] ?? "100,1000").split(",").map(Number);
  const reps = Number(process.argv[4] ?? 1);
  for (const n of sizes) {
    const rps = emptyPair();
    await fleets(reps, { programs: n, startsecs: 0, extra: (d) => rpcWindow(d, durationMs, rps) });
    printMetric(rpcMetric(n, rps));
  }
}
