// supervisorctl start-up and round trip: `status` against a daemon with 10 programs, and `restart NAME`, run by
//   ours      dist/supervisorctl (the compiled binary),
//   reference Supervisor 4.2.5's supervisorctl,
// both against the reference supervisord for now (BENCH_DAEMON=ours switches to dist/supervisord). Each call is a
// fresh process, alternating ours and the reference; prints median wall and CPU times and ours/reference ratios
// (target: ours at most 0.2x). On a busy machine the CPU ratio is the steadier one.
// Usage: bun scripts/bench/ctl.ts [RUNS=15]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transport } from "../../src/ctl/transport";

const RUNS = Number(process.argv[2] ?? 15);
const ROOT = join(import.meta.dir, "..", "..");
const OURS_CTL = join(ROOT, "dist", "supervisorctl");
const REF_BIN = process.env.REFERENCE_BIN ?? join(process.env.HOME ?? "/root", ".cache/supervisor-4.2.5/bin");
const DAEMON = process.env.BENCH_DAEMON === "ours" ? join(ROOT, "dist", "supervisord") : join(REF_BIN, "supervisord");

for (const need of [OURS_CTL, join(REF_BIN, "supervisorctl"), DAEMON]) {
  if (!existsSync(need)) {
    console.error(`bench ctl: ${need} is missing (bun scripts/build.ts; ../shared/reference/install-supervisor-4.2.5)`);
    process.exit(1);
  }
}

function configText(dir: string): string {
  let text =
    `[unix_http_server]\nfile=${dir}/sv.sock\n\n[supervisord]\nlogfile=${dir}/supervisord.log\npidfile=${dir}/sv.pid\n` +
    `childlogdir=${dir}\n\n[rpcinterface:supervisor]\n` +
    "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n" +
    `[supervisorctl]\nserverurl=unix://${dir}/sv.sock\n`;
  for (let i = 0; i < 10; i++) text += `\n[program:prog_${i}]\ncommand=sleep 1000\nstartsecs=0\n`;
  return text;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Timing {
  wall: number[];
  cpu: number[];
}

function once(argv: string[], into: Timing): void {
  const t0 = performance.now();
  const r = Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root" } });
  into.wall.push(performance.now() - t0);
  into.cpu.push(Number(r.resourceUsage.cpuTime.total) / 1000);
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${r.exitCode}: ${r.stdout}${r.stderr}`);
}

const dir = mkdtempSync(join(tmpdir(), "bench-ctl-"));
const conf = join(dir, "supervisord.conf");
writeFileSync(conf, configText(dir));
const daemon = Bun.spawn([DAEMON, "-n", "-c", conf], { stdout: "ignore", stderr: "ignore" });
try {
  const rpc = new Transport(`unix://${dir}/sv.sock`, null, null);
  const deadline = performance.now() + 20_000;
  for (;;) {
    try {
      const infos = (await rpc.call("supervisor.getAllProcessInfo")) as { statename: string }[];
      if (infos.length === 10 && infos.every((i) => i.statename === "RUNNING")) break;
    } catch {
      // not up yet
    }
    if (performance.now() > deadline) throw new Error("the daemon did not start its 10 programs within 20 s");
    await Bun.sleep(50);
  }
  const ctls = { ours: OURS_CTL, reference: join(REF_BIN, "supervisorctl") };
  console.log(`supervisorctl against ${process.env.BENCH_DAEMON === "ours" ? "our" : "the reference"} supervisord, 10 programs; median of ${RUNS} runs`);
  for (const args of [["status"], ["restart", "prog_3"]]) {
    const t = { ours: { wall: [], cpu: [] } as Timing, reference: { wall: [], cpu: [] } as Timing };
    for (let i = 0; i < RUNS; i++) {
      for (const who of ["ours", "reference"] as const) once([ctls[who], "-c", conf, ...args], t[who]);
    }
    const o = { wall: median(t.ours.wall), cpu: median(t.ours.cpu) };
    const r = { wall: median(t.reference.wall), cpu: median(t.reference.cpu) };
    const line = (who: string, x: { wall: number; cpu: number }) => `  ${who.padEnd(10)}${x.wall.toFixed(1).padStart(8)} ms wall ${x.cpu.toFixed(1).padStart(8)} ms cpu`;
    console.log(`${args.join(" ")}:`);
    console.log(line("ours", o));
    console.log(line("reference", r));
    console.log(`  ratio     ${(o.wall / r.wall).toFixed(2)}x wall, ${(o.cpu / r.cpu).toFixed(2)}x cpu (target <= 0.2x)`);
  }
} finally {
  daemon.kill("SIGTERM");
  await daemon.exited;
  rmSync(dir, { recursive: true, force: true });
}
