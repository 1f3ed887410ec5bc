// Resource limits (minfds, minprocs), through libc's getrlimit/setrlimit.
import { ptr } from "bun:ffi";
import { libc } from "./libc";

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

const toNumber = (v: bigint) => (v === INFINITY ? -1 : Number(v));
const toBig = (v: number) => (v === -1 ? INFINITY : BigInt(v));

export class LibcLimits implements Limits {
  get(resource: number): Limit {
    const buf = new BigUint64Array(2);
    if (libc().getrlimit(resource, ptr(buf)) !== 0) throw new Error(`getrlimit(${resource}) failed`);
    return { soft: toNumber(buf[0]), hard: toNumber(buf[1]) };
  }
  set(resource: number, limit: Limit): void {
    const buf = new BigUint64Array([toBig(limit.soft), toBig(limit.hard)]);
    if (libc().setrlimit(resource, ptr(buf)) !== 0) throw new Error(`setrlimit(${resource}) failed`);
  }
}
