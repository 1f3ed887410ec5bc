// Drops the page cache of a daemon's executable files before it starts, so that the RSS of its mapped code is
// measured in one defined state: read from disk, as after a reboot. A file written moments before (npm run bench
// builds dist/ just before measuring) sits in the page cache in large folios, and a page fault then maps more of
// it than the code touched: the same binary measured 46.1 MB fresh from `cp`, 42.6 MB as a copy made 15 minutes
// earlier and 40.5 MB read back from disk (10 programs, same machine, interleaved); the reference measured 30.9 MB
// in every state. Pages that other processes have mapped stay cached (posix_fadvise only drops unmapped ones).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { BASE_ENV, SUPERVISORD, type Who } from "./paths";

let referenceFiles: string[] | null = null;

/** The reference's interpreter, its shared library and its extension modules, as its python3 reports them. */
function pythonFiles(): string[] {
  const ask = "import os,sys,sysconfig as s\nprint(os.path.realpath(sys.executable))\nprint(s.get_config_var('LIBDIR'))\nprint(s.get_config_var('DESTSHARED'))";
  const out = Bun.spawnSync(["python3", "-c", ask], { env: BASE_ENV, stdout: "pipe", stderr: "pipe" });
  if (out.exitCode !== 0) throw new Error(`bench: python3 -c failed: ${out.stderr.toString()}`);
  const [exe, libdir, dynload] = out.stdout.toString().trim().split("\n") as [string, string, string];
  const list = (dir: string, keep: (f: string) => boolean) => {
    try {
      return readdirSync(dir).filter(keep).map((f) => join(dir, f));
    } catch {
      return [];
    }
  };
  return [exe, ...list(libdir, (f) => /^libpython.*\.so/.test(f)), ...list(dynload, (f) => f.endsWith(".so"))];
}

function filesOf(who: Who): string[] {
  if (who === "ours") return [SUPERVISORD.ours];
  referenceFiles ??= pythonFiles();
  return referenceFiles;
}

/** posix_fadvise(DONTNEED) over each whole file, through dd. */
export function dropPageCache(who: Who): void {
  for (const file of filesOf(who)) dropFilePageCache(file);
}

export function dropFilePageCache(file: string): void {
  const dd = Bun.spawnSync(["dd", `if=${file}`, "iflag=nocache", "count=0", "status=none"], { stderr: "pipe" });
  if (dd.exitCode !== 0) throw new Error(`bench: could not drop the page cache of ${file}: ${dd.stderr.toString()}`);
}
