// The few libc calls Bun has no API for, opened through FFI on first use: the daemon's (setrlimit, waitpid, prctl) and
// the exec-as step's (signal, execv), kept apart so that neither process compiles the other's trampolines. Every
// module of src/platform that needs libc opens it through openLibc, so the library's name is decided in one place.
import { dlopen, FFIType, type FFIFunction } from "bun:ffi";

/** glibc's soname first; musl's C library answers to the others (the musl release build). */
const LIBC_NAMES = ["libc.so.6", "libc.so", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1"];

/** Opens libc with these symbols under the first name that loads; throws the first failure if none does. */
export function openLibc<S extends Record<string, FFIFunction>>(symbols: S) {
  let first: unknown;
  for (const name of LIBC_NAMES) {
    try {
      return dlopen(name, symbols);
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

/** The socket constants Linux gives every architecture we build for. */
export const AF_UNIX = 1;
export const AF_INET = 2;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;

const SYMBOLS = {
  getrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
  setrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
  waitpid: { args: [FFIType.i32, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  prctl: { args: [FFIType.i32, FFIType.ptr, FFIType.u64, FFIType.u64, FFIType.u64], returns: FFIType.i32 },
} as const;

const EXEC_SYMBOLS = {
  signal: { args: [FFIType.i32, FFIType.u64], returns: FFIType.u64 },
  execv: { args: [FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
  __errno_location: { args: [], returns: FFIType.ptr },
} as const;

let lib: ReturnType<typeof dlopen<typeof SYMBOLS>> | null = null;
let execLib: ReturnType<typeof dlopen<typeof EXEC_SYMBOLS>> | null = null;

export function libc() {
  lib ??= openLibc(SYMBOLS);
  return lib.symbols;
}

export function execLibc() {
  execLib ??= openLibc(EXEC_SYMBOLS);
  return execLib.symbols;
}
