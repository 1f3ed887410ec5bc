// The few libc calls Bun has no API for (setrlimit, waitpid), opened once through FFI on first use.
import { dlopen, FFIType } from "bun:ffi";

const SYMBOLS = {
  getrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
  setrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
  waitpid: { args: [FFIType.i32, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
} as const;

let lib: ReturnType<typeof dlopen<typeof SYMBOLS>> | null = null;

export function libc() {
  lib ??= dlopen("libc.so.6", SYMBOLS);
  return lib.symbols;
}
