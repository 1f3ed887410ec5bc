// The few libc calls Bun has no API for, opened through FFI on first use: the daemon's (setrlimit, waitpid, prctl) and
// the exec-as step's (signal, execv), kept apart so that neither process compiles the other's trampolines.
import { dlopen, FFIType } from "bun:ffi";

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
  lib ??= dlopen("libc.so.6", SYMBOLS);
  return lib.symbols;
}

export function execLibc() {
  execLib ??= dlopen("libc.so.6", EXEC_SYMBOLS);
  return execLib.symbols;
}
