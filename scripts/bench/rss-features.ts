// What a JavaScript feature costs in resident memory the first time a compiled Bun program uses it: each one maps
// more of Bun's code from the binary. One program, compiled as our binary is (bytecode, splitting), runs one feature
// per run and idles; its RSS is read as the daemons' is (executable read from disk, a second after it is ready) and
// printed against the same program doing nothing. A supervisord needs most of these features at once, which is why
// its RSS sits several MB above lib/rss-floor.ts's program (README, Performance).
// Usage: bun scripts/bench/rss-features.ts [REPS=3]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileProgram, floorProgram, medianRss } from "./lib/rss-floor";

const FEATURES: Record<string, string> = {
  "JSON, Object.entries, sort, padStart": `
    const o = {}; for (let i = 0; i < 200; i++) o["k" + i] = i.toString(16).padStart(4, "0");
    keep(Object.entries(JSON.parse(JSON.stringify(o))).sort(([a], [b]) => (a < b ? -1 : 1)));`,
  "RegExp (test, replace, split)": `
    for (const r of [/^(\\w+):(.*)$/, /%\\((\\w+)\\)s/g, /^\\s*\\[([^\\]]+)\\]\\s*$/, /[\\x00-\\x1f]/, /^[+-]?\\d+$/i])
      for (const s of ["abc:def", "%(here)s x", "[program:x]", "12"]) keep([r.test(s), s.replace(r, "x"), s.split(r)]);`,
  "TextEncoder, TextDecoder": `keep(new TextDecoder().decode(new TextEncoder().encode("abc")));`,
  "Map, Set, Array.from, toFixed": `
    const m = new Map([[1, 2]]); const s = new Set([1]); m.forEach(() => {}); keep([s.has(1), Array.from(m.keys()), (1.5).toFixed(2)]);`,
  "classes, async/await, Promise.all/race, timers, Error.stack": `
    class A { #x = 1; async f() { await null; return this.#x; } }
    const a = new A(); keep(await Promise.all([a.f(), a.f()])); keep(await Promise.race([a.f(), new Promise((r) => setTimeout(r, 5))]));
    clearTimeout(setTimeout(() => {}, 1000)); try { throw new Error("x"); } catch (e) { keep(String(e.stack)); }`,
  "node:fs, node:path, node:os": `
    const fs = await import("node:fs"); const path = await import("node:path"); const os = await import("node:os");
    fs.mkdirSync(dir + "/x", { recursive: true }); fs.writeFileSync(dir + "/x/f", "abc"); keep(fs.readFileSync(dir + "/x/f", "utf8"));
    fs.renameSync(dir + "/x/f", dir + "/x/g"); fs.unlinkSync(dir + "/x/g"); keep([fs.statSync(dir), fs.readdirSync(dir)]);
    keep([path.join("a", "b"), path.resolve("x"), os.hostname()]);`,
  "bun:ffi (dlopen, ptr, toArrayBuffer)": `
    const { dlopen, ptr, toArrayBuffer } = await import("bun:ffi");
    const libc = dlopen("libc.so.6", { getuid: { args: [], returns: "u32" }, __errno_location: { args: [], returns: "ptr" },
      pipe2: { args: ["ptr", "i32"], returns: "i32" } }).symbols;
    const fds = new Int32Array(2); libc.pipe2(ptr(fds), 0); keep([libc.getuid(), new Int32Array(toArrayBuffer(libc.__errno_location(), 0, 4))]);`,
  // Last: "all" leaves it out, as supervisord does.
  "String.prototype.localeCompare (ICU)": `keep(["b", "a"].sort((a, b) => a.localeCompare(b)));`,
};

const names = Object.keys(FEATURES);
/** Runs PROBE: one feature by its index, or "all" of them but the last. */
const PROBES = `
const kept = [];
const keep = (x) => kept.push(x);
const probes = [
${names.map((name) => `  async () => {${FEATURES[name]}\n  },`).join("\n")}
];
const probe = process.env.PROBE;
if (probe === "all") for (const p of probes.slice(0, -1)) await p();
else if (probes[Number(probe)]) await probes[Number(probe)]();
`;
const IDLE_PROGRAM = `
import { openSync, writeSync } from "node:fs";
const dir = process.argv[2];
${PROBES}
writeSync(openSync(dir + "/ready", "a"), "ready\\n");
process.on("SIGTERM", () => process.exit(0));
setInterval(() => {}, 1 << 30);
`;
const FLOOR_CHILDREN = 10;

const reps = Number(process.argv[2] ?? 3);
const dir = mkdtempSync(join(tmpdir(), "sv-bench-features-"));
try {
  const idleExe = compileProgram(dir, "idle", IDLE_PROGRAM, ["--minify", "--bytecode", "--splitting", "--format=esm"]);
  const rss = (probe: string) => medianRss(idleExe, dir, 0, reps, 1000, { PROBE: probe });
  const idle = await rss("none");
  console.log(`a compiled Bun program doing nothing: ${idle.toFixed(1)} MB (median of ${reps}); each feature alone adds:`);
  for (const [i, name] of names.entries()) console.log(`  +${((await rss(String(i))) - idle).toFixed(1)} MB  ${name}`);
  console.log(`  +${((await rss("all")) - idle).toFixed(1)} MB  all of them but the last, in one program`);
  const floorExe = compileProgram(dir, "floor", floorProgram(PROBES), ["--minify"]);
  const floor = await medianRss(floorExe, dir, FLOOR_CHILDREN, reps, 1000, { PROBE: "none" });
  const both = await medianRss(floorExe, dir, FLOOR_CHILDREN, reps, 1000, { PROBE: "all" });
  console.log(`lib/rss-floor.ts's program with ${FLOOR_CHILDREN} children: ${floor.toFixed(1)} MB; using all of them but the last as well: ${both.toFixed(1)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
