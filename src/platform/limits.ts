// Resource limits (minfds, minprocs). Bun has no setrlimit, so libc's getrlimit/setrlimit are called through FFI.
import { dlopen, FFIType, ptr } from "bun:ffi";

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

type Libc = {
  symbols: {
    getrlimit(res: number, p: ReturnType<typeof ptr>): number;
    setrlimit(res: number, p: ReturnType<typeof ptr>): number;
  };
};

let libc: Libc | null = null;
function open(): Libc {
  libc ??= dlopen("libc.so.6", {
    getrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
    setrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
  }) as unknown as Libc;
  return libc;
}

const toNumber = (v: bigint) => (v === INFINITY ? -1 : Number(v));
const toBig = (v: number) => (v === -1 ? INFINITY : BigInt(v));

export class LibcLimits implements Limits {
  get(resource: number): Limit {
    const buf = new BigUint64Array(2);
    if (open().symbols.getrlimit(resource, ptr(buf)) !== 0) throw new Error(`getrlimit(${resource}) failed`);
    return { soft: toNumber(buf[0]), hard: toNumber(buf[1]) };
  }
  set(resource: number, limit: Limit): void {
    const buf = new BigUint64Array([toBig(limit.soft), toBig(limit.hard)]);
    if (open().symbols.setrlimit(resource, ptr(buf)) !== 0) throw new Error(`setrlimit(${resource}) failed`);
  }
}
