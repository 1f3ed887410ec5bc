// npm run release: cross-compiles the one-file binaries into dist/release/, refuses any glibc binary that needs
// more than glibc 2.17, and writes SHA256SUMS. Bun fetches each target's runtime from the npm registry once.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sha256Sums } from "./release/checksums";
import { COMPILE_FLAGS } from "./release/compile-flags";
import { buildDefines, currentCommit, packageVersion } from "./release/defines";
import { checkGlibc, describeGlibc } from "./release/glibc";
import { RELEASE_TARGETS } from "./release/targets";

const root = join(import.meta.dir, "..");
const out = join(root, "dist", "release");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const version = await packageVersion();
const commit = currentCommit();
const built: string[] = [];
let failed = false;

for (const target of RELEASE_TARGETS) {
  const file = join(out, target.file);
  const defines = buildDefines({ version, commit, target: target.file.replace(/^supervisord-/, "") });
  const proc = Bun.spawnSync(
    [process.execPath, "build", ...COMPILE_FLAGS, `--target=${target.bunTarget}`, ...defines,
      join(root, "src/main.ts"), "--outfile", file],
    { cwd: root, stdout: "inherit", stderr: "inherit" },
  );
  if (proc.exitCode !== 0) {
    console.error(`release: building ${target.file} (${target.bunTarget}) failed`);
    process.exit(proc.exitCode || 1);
  }
  chmodSync(file, 0o755);
  if (target.maxGlibc) {
    const report = checkGlibc(file, target.maxGlibc);
    const line = describeGlibc(target.file, target.maxGlibc, report);
    if (report.tooNew.length > 0) {
      console.error(`release: glibc check FAILED: ${line}`);
      rmSync(file);
      failed = true;
      continue;
    }
    console.log(`release: ${line}`);
  }
  built.push(file);
}

if (failed) process.exit(1);
writeFileSync(join(out, "SHA256SUMS"), await sha256Sums(built));
console.log(`release: ${built.length} binaries and SHA256SUMS in ${out} (version ${version}, commit ${commit})`);
