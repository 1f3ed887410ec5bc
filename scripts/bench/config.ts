// Config parsing speed: a config of 1,000 programs spread over 100 include files, parsed by
//   ours      the compiled `dist/supervisord --check-config -c FILE` when the binary has that flag; until then a
//             Bun process that imports src/config and calls loadConfig (said so in the output),
//   reference python3 with Supervisor 4.2.5's ServerOptions.realize(["-c", FILE]) (parse and validate only),
// each as a fresh process, so start-up is counted on both sides. Prints the median wall and CPU (user+system)
// times and their ratios (target: ours at least 10x faster). On a busy shared machine both drift; with
// --instructions it also counts the instructions each side executes under valgrind (callgrind), which does not
// depend on the load (slow: a few minutes).
// Usage: bun scripts/bench/config.ts [RUNS=5] [--instructions]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { interleave } from "./lib/collect";
import { BASE_ENV, REF_SITE, ROOT, SUPERVISORD } from "./lib/paths";
import { median } from "./lib/stats";
import type { Metric } from "./lib/table";

const FILES = 100;
const PER_FILE = 10;
const PROGRAMS = FILES * PER_FILE;
const OURS_BIN = SUPERVISORD.ours;

function writeConfig(dir: string): string {
  mkdirSync(join(dir, "conf.d"));
  mkdirSync(join(dir, "logs"));
  for (let f = 0; f < FILES; f++) {
    let text = "";
    for (let p = 0; p < PER_FILE; p++) {
      const name = `prog_${f}_${p}`;
      text +=
        `[program:${name}]\n` +
        `command = /bin/sleep %(process_num)d0 ; a comment\n` +
        `process_name = %(program_name)s_%(process_num)02d\n` +
        `numprocs = 1\n` +
        `priority = ${(f * PER_FILE + p) % 50}\n` +
        `autorestart = unexpected\n` +
        `stopsignal = INT\n` +
        `stdout_logfile = %(here)s/../logs/%(program_name)s.log\n` +
        `stdout_logfile_maxbytes = 10MB\n` +
        `environment = A="1",B="%(program_name)s",PATH="/usr/bin:/bin"\n` +
        `exitcodes = 0,2\n\n`;
    }
    writeFileSync(join(dir, "conf.d", `${String(f).padStart(3, "0")}.conf`), text);
  }
  const main = join(dir, "supervisord.conf");
  writeFileSync(main, `[supervisord]\nlogfile = %(here)s/logs/supervisord.log\n\n[include]\nfiles = conf.d/*.conf\n`);
  return main;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** One parse in a fresh process; its output must count every program. */
function timeOnce(argv: string[], env: Record<string, string>): Timing {
  const t0 = performance.now();
  const r = Bun.spawnSync(argv, { env, stdout: "pipe", stderr: "pipe" });
  const wall = performance.now() - t0;
  const out = r.stdout.toString();
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr.toString()}${out}`);
  if (!out.includes(`${PROGRAMS} programs`) && out.trim() !== String(PROGRAMS)) throw new Error(`${argv[0]} did not read ${PROGRAMS} programs: ${out}`);
  return { wall, cpu: Number(r.resourceUsage.cpuTime.total) / 1000 };
}

/** Medians of `runs` runs of each command, taken in turn (a, b, a, b, ...) so that a change in the machine's load
 * falls on both sides alike. */
function timeRuns(runs: number, commands: { argv: string[]; env: Record<string, string> }[]): Timing[] {
  const all = commands.map(() => [] as Timing[]);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => all[j]!.push(timeOnce(c.argv, c.env)));
  return all.map((ts) => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) }));
}

/** Instructions executed by the whole process (every thread), as callgrind counts them. */
function instructions(argv: string[], env: Record<string, string>): number {
  const r = Bun.spawnSync(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", ...argv], {
    env,
    stdout: "pipe",
    stderr: "pipe",
  });
  const m = /Collected : (\d+)/.exec(r.stderr.toString());
  if (!m) throw new Error(`valgrind gave no count: ${r.stderr.toString().slice(-500)}`);
  return Number(m[1]);
}

/** The python3 binary itself: valgrind does not follow pyenv-style shims into it. */
function realPython(): string {
  const r = Bun.spawnSync(["python3", "-c", "import sys; print(sys.executable)"], { stdout: "pipe" });
  return r.stdout.toString().trim() || "python3";
}

const show = (t: Timing) => `${t.wall.toFixed(1).padStart(8)} ms wall ${t.cpu.toFixed(1).padStart(8)} ms cpu`;

/** Our command line: the binary's --check-config if it has it, else a Bun process calling loadConfig. */
function oursCommand(file: string, dir: string): { argv: string[]; label: string } {
  if (existsSync(OURS_BIN)) {
    const probe = Bun.spawnSync([OURS_BIN, "--check-config", "-c", file], { stdout: "pipe", stderr: "pipe" });
    if (probe.exitCode === 0 && probe.stdout.toString().startsWith("config OK")) {
      return { argv: [OURS_BIN, "--check-config", "-c", file], label: "dist/supervisord --check-config" };
    }
  }
  const script = join(dir, "load.ts");
  writeFileSync(
    script,
    `import { loadConfig } from ${JSON.stringify(join(ROOT, "src/config"))};\n` +
      `const c = loadConfig({ file: process.argv[2], cwd: process.cwd(), executable: process.execPath, env: process.env as Record<string, string> });\n` +
      `console.log(c.groups.length);\n`,
  );
  return { argv: [process.execPath, script, file], label: "bun + loadConfig (the binary has no --check-config yet)" };
}

const REF_ARGV = [
  "python3",
  "-c",
  "import sys; from supervisor.options import ServerOptions; o = ServerOptions(); o.realize(['-c', sys.argv[1]]); " +
    "print(sum(len(g.process_configs) for g in o.process_group_configs))",
];

/** Wall-clock ms of each parse, interleaved; ratio target: ours at least 10x faster. */
export async function benchConfig(runs: number): Promise<Metric> {
  const dir = mkdtempSync(join(tmpdir(), "bench-config-"));
  try {
    const file = writeConfig(dir);
    const ours = oursCommand(file, dir).argv;
    const got = await interleave(runs, async (who) => ({
      ms: who === "ours" ? timeOnce(ours, BASE_ENV).wall : timeOnce([...REF_ARGV, file], { ...BASE_ENV, PYTHONPATH: REF_SITE }).wall,
    }));
    return {
      label: `config parse, ${PROGRAMS} programs in ${FILES} files (fresh process)`,
      unit: "ms",
      samples: got.ms,
      target: { text: "≤ 0.1× (10× faster)", met: (o, r) => o.median * 10 <= r.median },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const countInstructions = args.includes("--instructions");
  const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
  const dir = mkdtempSync(join(tmpdir(), "bench-config-"));
  try {
    const file = writeConfig(dir);
    const env = BASE_ENV;
    const ours = oursCommand(file, dir);
    const refArgv = [...REF_ARGV, file];
    console.log(`config: ${PROGRAMS} programs in ${FILES} include files; median of ${runs} runs each, taken in turn`);
    if (!existsSync(REF_SITE)) {
      console.log(`ours      ${show(timeRuns(runs, [{ argv: ours.argv, env }])[0]!)}   (${ours.label})`);
      console.log("reference not installed (run ../shared/reference/install-supervisor-4.2.5): no ratio");
      return;
    }
    const [oursT, refT] = timeRuns(runs, [
      { argv: ours.argv, env },
      { argv: refArgv, env: { ...env, PYTHONPATH: REF_SITE } },
    ]) as [Timing, Timing];
    console.log(`ours      ${show(oursT)}   (${ours.label})`);
    console.log(`reference ${show(refT)}   (python3, supervisor 4.2.5 ServerOptions.realize)`);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
    console.log(`ratio     ${ratio(refT.wall, oursT.wall)} faster in wall time, ${ratio(refT.cpu, oursT.cpu)} in CPU time (target >= 10x)`);
    if (countInstructions) {
      const oursI = instructions(ours.argv, env);
      const refI = instructions([realPython(), ...refArgv.slice(1)], { ...env, PYTHONPATH: REF_SITE });
      const millions = (n: number) => `${(n / 1e6).toFixed(0).padStart(8)} M instructions`;
      console.log(`ours      ${millions(oursI)}\nreference ${millions(refI)}\nratio     ${ratio(refI, oursI)} fewer instructions`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
