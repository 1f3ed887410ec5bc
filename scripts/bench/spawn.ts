// Start-up: N programs (startsecs=1) brought to RUNNING, ours vs the reference, in one run; then, with 1,000
// programs running, the daemon's idle CPU over 10 s and its resident memory. Targets (issue 4): 100 programs in
// <= 1.2 s, 1,000 in <= 2.0 s; idle CPU <= 0.03 s per 10 s; RSS at most the reference's.
// Usage: bun scripts/bench/spawn.ts [COUNTS=100,1000] [IDLE_SECONDS=10]
import { BenchDaemon, ratio, requireBinaries, type Who } from "./engine-common";

const COUNTS = (process.argv[2] ?? "100,1000").split(",").map(Number);
const IDLE_SECONDS = Number(process.argv[3] ?? 10);

async function measure(who: Who, n: number, idle: boolean) {
  const d = new BenchDaemon(who, n);
  try {
    d.start();
    const running = await d.until("success:", n, d.startedAt);
    let cpu = NaN;
    let rss = NaN;
    if (idle) {
      const before = d.cpuSeconds();
      await Bun.sleep(IDLE_SECONDS * 1000);
      cpu = d.cpuSeconds() - before;
      rss = d.rssMB();
    }
    await d.shutdown();
    return { running, cpu, rss };
  } finally {
    d.cleanup();
  }
}

requireBinaries();
for (const n of COUNTS) {
  const idle = n === Math.max(...COUNTS);
  const ref = await measure("reference", n, idle);
  const ours = await measure("ours", n, idle);
  console.log(
    `${n} programs to RUNNING: ours ${(ours.running / 1000).toFixed(2)} s, reference ${(ref.running / 1000).toFixed(2)} s, ` +
      `ratio ${ratio(ours.running, ref.running)}`,
  );
  if (idle) {
    console.log(`  idle CPU over ${IDLE_SECONDS} s: ours ${ours.cpu.toFixed(2)} s, reference ${ref.cpu.toFixed(2)} s`);
    console.log(`  RSS: ours ${ours.rss.toFixed(1)} MB, reference ${ref.rss.toFixed(1)} MB, ratio ${ratio(ours.rss, ref.rss)}`);
  }
}
