// The glibc floor check: `objdump -T` lists each dynamic symbol with the glibc version it binds to; a binary runs on
// a system only if that system's glibc is at least the newest of them. Run as a script: glibc.ts FILE [MAX].

export interface GlibcReport {
  /** Newest GLIBC_x.y the file needs, or null when it needs none (musl, static). */
  newest: string | null;
  /** Symbols that need more than the allowed version, as "name@GLIBC_x.y". */
  tooNew: string[];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Symbol → version pairs from `objdump -T` output. */
export function glibcSymbols(objdumpOutput: string): { symbol: string; version: string }[] {
  const out: { symbol: string; version: string }[] = [];
  for (const line of objdumpOutput.split("\n")) {
    const m = /\(?GLIBC_(\d+(?:\.\d+)+)\)?\s+(\S+)\s*$/.exec(line);
    if (m) out.push({ version: m[1]!, symbol: m[2]! });
  }
  return out;
}

export function checkGlibcText(objdumpOutput: string, max: string): GlibcReport {
  const symbols = glibcSymbols(objdumpOutput);
  let newest: string | null = null;
  for (const s of symbols) if (newest === null || compareVersions(s.version, newest) > 0) newest = s.version;
  const tooNew = symbols.filter((s) => compareVersions(s.version, max) > 0).map((s) => `${s.symbol}@GLIBC_${s.version}`);
  return { newest, tooNew };
}

export function objdumpDynamicSymbols(file: string): string {
  const r = Bun.spawnSync(["objdump", "-T", file], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`objdump -T ${file} failed: ${r.stderr.toString().trim()}`);
  return r.stdout.toString();
}

export function checkGlibc(file: string, max: string): GlibcReport {
  return checkGlibcText(objdumpDynamicSymbols(file), max);
}

/** One line for the build log; the error names the symbols so the cause is plain. */
export function describeGlibc(file: string, max: string, report: GlibcReport): string {
  if (report.tooNew.length === 0) return `${file}: needs glibc ${report.newest ?? "(none)"}, within ${max}`;
  const shown = report.tooNew.slice(0, 5).join(", ") + (report.tooNew.length > 5 ? ", ..." : "");
  return `${file}: needs glibc ${report.newest}, newer than ${max} (${shown})`;
}

if (import.meta.main) {
  const [file, max = "2.17"] = process.argv.slice(2);
  if (!file) {
    console.error("usage: bun scripts/release/glibc.ts FILE [MAX_GLIBC]");
    process.exit(2);
  }
  const report = checkGlibc(file, max);
  const line = describeGlibc(file, max, report);
  if (report.tooNew.length > 0) {
    console.error(`glibc check FAILED: ${line}`);
    process.exit(1);
  }
  console.log(`glibc check OK: ${line}`);
}
