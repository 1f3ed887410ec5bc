// One life of a daemon with N programs, measured as it goes: launch until all RUNNING, then (as asked) idle CPU,
// resident memory, extra work (RPC load, supervisorctl calls), and the stop of every program at shutdown. The
// engine benchmarks share it, so that all.ts can take several measures from one (slow, for the reference) launch.
import { BenchDaemon, type DaemonOptions } from "./daemon";
import type { Who } from "./paths";

export interface FleetPlan extends DaemonOptions {
  /** Measure the daemon's CPU over this many seconds once everything is RUNNING. */
  idleSeconds?: number;
  /** Wait this long once everything is RUNNING before reading RSS (start-up garbage settles). */
  settleMs?: number;
  /** More work with the running daemon, after the idle and RSS measures. */
  extra?: (d: BenchDaemon) => Promise<void>;
  /** Time the shutdown's stop of every program (else the daemon is just shut down). */
  timeStop?: boolean;
}

export interface FleetSample {
  /** ms from exec until every program has logged `success:`. */
  running: number;
  /** CPU seconds the daemon had used by then (start-up included). */
  launchCpu: number;
  /** CPU seconds its children had used by then: starting the programs themselves. */
  childrenCpu: number;
  /** CPU seconds over idleSeconds, when asked. */
  idleCpu?: number;
  rssMB: number;
  /** The anonymous part of rssMB (heap), the rest being mapped files (code, libraries). */
  anonMB: number;
  /** ms from SIGTERM until every program has logged `stopped:`, when asked. */
  stopped?: number;
}

export async function runFleet(who: Who, plan: FleetPlan): Promise<FleetSample> {
  const d = new BenchDaemon(who, plan);
  try {
    d.start();
    const running = await d.allRunning();
    const sample: FleetSample = { running, launchCpu: d.cpuSeconds(), childrenCpu: d.childrenCpuSeconds(), rssMB: NaN, anonMB: NaN };
    if (plan.settleMs) await Bun.sleep(plan.settleMs);
    if (plan.idleSeconds) {
      const before = d.cpuSeconds();
      await Bun.sleep(plan.idleSeconds * 1000);
      // Whole clock ticks (0.01 s): the subtraction's float noise must not fail a target of exactly 0.03.
      sample.idleCpu = Math.round((d.cpuSeconds() - before) * 100) / 100;
      if (d.count("success:") !== plan.programs || d.count("exited:") !== 0) throw new Error(`${who}: programs changed state while idle`);
    }
    const memory = d.memoryMB();
    sample.rssMB = memory.rss;
    sample.anonMB = memory.anon;
    if (plan.extra) await plan.extra(d);
    const { stopped } = await d.stopAll();
    if (plan.timeStop) sample.stopped = stopped;
    return sample;
  } finally {
    await d.cleanup();
  }
}

/** Order of the two sides in repetition `rep`: alternated, so that neither always runs on a warmer machine. */
export function sidesFor(rep: number): Who[] {
  return rep % 2 === 0 ? ["ours", "reference"] : ["reference", "ours"];
}
