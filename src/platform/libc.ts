// The few libc calls Bun has no API for, opened through FFI on first use: the daemon's (setrlimit, waitpid, prctl) and
// the exec-as step's (signal, execv), kept apart so that neither process compiles the other's trampolines. Every
// module of src/platform that needs libc opens it through openLibc, so the library's name is decided in one place.
// bun:ffi itself is loaded on first use, never by an import: a compiled program that merely imports it keeps ~2 MB
// more resident (20.7 -> 22.8 MB, measured), which a daemon that never calls libc should not pay.
import type { FFIFunction, Library, Pointer } from "bun:ffi";
import { constants } from "node:os";

type BunFfi = typeof import("bun:ffi");
let ffiModule: BunFfi | null = null;

/** The bun:ffi module (ptr, toArrayBuffer, dlopen), loaded the first time it is asked for. */
export function ffi(): BunFfi {
  ffiModule ??= require("bun:ffi") as BunFfi;
  return ffiModule;
}

/** glibc's soname first; musl's C library answers to the others (the musl release build). */
const LIBC_NAMES = ["libc.so.6", "libc.so", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1"];

/** Opens libc with these symbols under the first name that loads; throws the first failure if none does. */
export function openLibc<S extends Record<string, FFIFunction>>(symbols: S): Library<S> {
  let first: unknown;
  for (const name of LIBC_NAMES) {
    try {
      return ffi().dlopen(name, symbols);
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

/** The name of the errno a failed libc call left (EMFILE, ENOENT), read through its __errno_location pointer. */
export function errnoAt(location: Pointer | bigint | null): string {
  const n = location === null ? 0 : new Int32Array(ffi().toArrayBuffer(location, 0, 4))[0]!;
  return Object.entries(constants.errno).find(([, v]) => v === n)?.[0] ?? `errno ${n}`;
}

/** The socket constants Linux gives every architecture we build for. */
export const AF_UNIX = 1;
export const AF_INET = 2;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;

const SYMBOLS = {
  setrlimit: { args: ["i32", "ptr"], returns: "i32" },
  waitpid: { args: ["i32", "ptr", "i32"], returns: "i32" },
  prctl: { args: ["i32", "ptr", "u64", "u64", "u64"], returns: "i32" },
} as const;

const EXEC_SYMBOLS = {
  signal: { args: ["i32", "u64"], returns: "u64" },
  execv: { args: ["ptr", "ptr"], returns: "i32" },
  __errno_location: { args: [], returns: "ptr" },
} as const;

let lib: Library<typeof SYMBOLS> | null = null;
let execLib: Library<typeof EXEC_SYMBOLS> | null = null;

export function libc() {
  lib ??= openLibc(SYMBOLS);
  return lib.symbols;
}

export function execLibc() {
  execLib ??= openLibc(EXEC_SYMBOLS);
  return execLib.symbols;
}
