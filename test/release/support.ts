// Shared by the release tests (run by `npm run test:release` after scripts/release.ts, never by plain `bun test`):
// where the binaries are, and how to run the foreign ones on this Debian x64 machine.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/paths";

export const RELEASE_DIR = join(ROOT, "dist", "release");
export const releaseFile = (name: string) => join(RELEASE_DIR, name);

export function which(cmd: string): string | null {
  const r = Bun.spawnSync(["sh", "-c", `command -v ${cmd}`], { stdout: "pipe" });
  return r.exitCode === 0 ? r.stdout.toString().trim() : null;
}

/** The ELF interpreter a binary asks for (PT_INTERP), read with binutils' readelf. */
export function interpreterOf(file: string): string | null {
  const r = Bun.spawnSync(["readelf", "-l", file], { stdout: "pipe" });
  return /Requesting program interpreter: ([^\]]+)\]/.exec(r.stdout.toString())?.[1] ?? null;
}

// --- musl
export const MUSL_LOADER = "/lib/ld-musl-x86_64.so.1";
const GNU_LIBDIR = "/usr/lib/x86_64-linux-gnu";

// Bun's musl build also needs the C++ runtime (libstdc++.so.6, libgcc_s.so.1), which on Alpine comes from
// `apk add libstdc++`. Debian ships no musl build of it, so the test borrows Debian's and fills the seven glibc-only
// symbols those two libraries reach for; everything else, the C library included, is Debian's musl.
const SHIM_C = `
#include <stddef.h>
#include <time.h>
#include <locale.h>
#include <sys/random.h>
unsigned int arc4random(void) { unsigned int v = 0; getrandom(&v, sizeof v, 0); return v; }
size_t __strftime_l(char *s, size_t n, const char *f, const struct tm *t, locale_t l) { return strftime_l(s, n, f, t, l); }
int __cxa_thread_atexit_impl(void (*d)(void *), void *o, void *h) { (void)d; (void)o; (void)h; return 0; }
char __libc_single_threaded = 0;
int _dl_find_object(void *pc, void *r) { (void)pc; (void)r; return -1; }
struct { unsigned int vendor, type, subtype; unsigned int features[1]; } __cpu_model;
int __cpu_indicator_init(void) { return 0; }
`;

/** A folder for LD_LIBRARY_PATH that lets Bun's musl binary start under Debian's musl, or why it cannot. */
export function muslRuntime(dir: string): { libPath: string } | { skip: string } {
  if (!existsSync(MUSL_LOADER)) return { skip: `${MUSL_LOADER} missing: apt-get install musl` };
  const cc = which("cc");
  if (!cc) return { skip: "no C compiler (cc) to build the glibc-symbol shim: apt-get install gcc" };
  for (const lib of ["libstdc++.so.6", "libgcc_s.so.1"]) {
    if (!existsSync(join(GNU_LIBDIR, lib))) return { skip: `${join(GNU_LIBDIR, lib)} missing` };
  }
  const libPath = join(dir, "musl-lib");
  mkdirSync(libPath, { recursive: true });
  writeFileSync(join(dir, "shim.c"), SHIM_C);
  // Named after glibc's loader because that is the name libstdc++ lists as NEEDED.
  const built = Bun.spawnSync(
    [cc, "-shared", "-fPIC", "-nostdlib", "-Wl,-soname,ld-linux-x86-64.so.2", "-o", join(libPath, "ld-linux-x86-64.so.2"),
      join(dir, "shim.c")],
    { stdout: "pipe", stderr: "pipe" },
  );
  if (built.exitCode !== 0) return { skip: `building the shim failed: ${built.stderr.toString().trim()}` };
  for (const lib of ["libstdc++.so.6", "libgcc_s.so.1"]) symlinkSync(join(GNU_LIBDIR, lib), join(libPath, lib));
  return { libPath };
}

// --- arm64
export const ARM64_SYSROOT = "/usr/aarch64-linux-gnu";

/** How to run an aarch64 binary here (qemu-user and Debian's arm64 glibc), or why it cannot run. */
export function arm64Runner(): { prefix: string[] } | { skip: string } {
  const qemu = which("qemu-aarch64") ?? which("qemu-aarch64-static");
  if (!qemu) return { skip: "qemu-aarch64 not installed: apt-get install qemu-user" };
  if (!existsSync(join(ARM64_SYSROOT, "lib", "ld-linux-aarch64.so.1"))) {
    return { skip: `no arm64 glibc at ${ARM64_SYSROOT}: apt-get install libc6-arm64-cross` };
  }
  return { prefix: [qemu, "-L", ARM64_SYSROOT] };
}
