// What a build stamps into the binary for --version (read by src/cli/build-info.ts): our version, the commit and
// the target. scripts/build.ts may pass the same defines for development builds.
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

function git(args: string[]): string | null {
  const r = Bun.spawnSync(["git", ...args], { cwd: ROOT, stdout: "pipe", stderr: "ignore" });
  return r.exitCode === 0 ? r.stdout.toString().trim() : null;
}

/** The short commit, with "-dirty" when the work tree has changes the commit does not hold. */
export function currentCommit(): string {
  const head = git(["rev-parse", "--short=12", "HEAD"]);
  if (!head) return "unknown";
  return git(["status", "--porcelain", "--untracked-files=no"]) ? `${head}-dirty` : head;
}

export async function packageVersion(): Promise<string> {
  return (await Bun.file(join(ROOT, "package.json")).json()).version;
}

export function buildDefines(info: { version: string; commit: string; target: string }): string[] {
  return [
    ["SV_VERSION", info.version],
    ["SV_COMMIT", info.commit],
    ["SV_TARGET", info.target],
  ].flatMap(([name, value]) => ["--define", `${name}=${JSON.stringify(value)}`]);
}
