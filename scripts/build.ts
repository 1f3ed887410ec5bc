// Compiles src/main.ts into one executable, dist/supervisord, and links the other two faces to it.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { COMPILE_FLAGS } from "./release/compile-flags";
import { buildDefines, currentCommit, packageVersion } from "./release/defines";

const root = join(import.meta.dir, "..");
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });

const proc = Bun.spawnSync(
  [
    process.execPath,
    "build",
    ...COMPILE_FLAGS,
    ...buildDefines({ version: await packageVersion(), commit: currentCommit(), target: `${process.platform}-${process.arch}` }),
    join(root, "src/main.ts"),
    "--outfile",
    join(dist, "supervisord"),
  ],
  { stdout: "inherit", stderr: "inherit", cwd: root },
);
if (proc.exitCode !== 0) {
  console.error("build: bun build --compile failed");
  process.exit(proc.exitCode ?? 1);
}
for (const face of ["supervisorctl", "echo_supervisord_conf"]) {
  const link = join(dist, face);
  rmSync(link, { force: true });
  symlinkSync("supervisord", link);
}
console.log(`build: ${join(dist, "supervisord")} (+ supervisorctl, echo_supervisord_conf symlinks)`);
