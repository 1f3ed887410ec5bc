// Resource limits (minfds, minprocs). The current ones are read from /proc/self/limits; libc's setrlimit (through
// FFI) is reached only when a limit must be raised, because bun:ffi and the TinyCC trampolines it compiles stay
// resident for the daemon's whole life (0.4 MB of the daemon's RSS with 10 programs, measured).
import { readFileSync } from "node:fs";
import { ffi, libc } from "./libc";

export const RLIMIT_NPROC = 6;
export const RLIMIT_NOFILE = 7;
const INFINITY = 0xffffffffffffffffn;

export interface Limit {
  /** -1 means unlimited, as Python's resource module reports it. */
  soft: number;
  hard: number;
}

export interface Limits {
  get(resource: number): Limit;
  /** Throws when the kernel refuses (raising the hard limit needs root). */
  set(resource: number, limit: Limit): void;
}

/** The row of /proc/PID/limits for each resource we manage (the kernel's fixed names). */
const ROWS: Record<number, string> = { [RLIMIT_NPROC]: "Max processes", [RLIMIT_NOFILE]: "Max open files" };

const toBig = (v: number) => (v === -1 ? INFINITY : BigInt(v));
const fromText = (v: string) => (v === "unlimited" ? -1 : Number(v));

/** Reads one resource's limits out of the text of /proc/PID/limits. */
export function parseProcLimits(text: string, resource: number): Limit {
  const row = ROWS[resource];
  const line = row === undefined ? undefined : text.split("\n").find((l) => l.startsWith(`${row} `));
  const [soft, hard] = line?.slice(row!.length).trim().split(/\s+/) ?? [];
  if (soft === undefined || hard === undefined) throw new Error(`no limits for resource ${resource} in /proc/self/limits`);
  return { soft: fromText(soft), hard: fromText(hard) };
}

export class SystemLimits implements Limits {
  get(resource: number): Limit {
    return parseProcLimits(readFileSync("/proc/self/limits", "utf8"), resource);
  }
  set(resource: number, limit: Limit): void {
    const buf = new BigUint64Array([toBig(limit.soft), toBig(limit.hard)]);
    if (libc().setrlimit(resource, ffi().ptr(buf)) !== 0) throw new Error(`setrlimit(${resource}) failed`);
  }
}
