// Messages to the local syslog daemon over its unix datagram socket (/dev/log), formatted as glibc's syslog(3)
// does for LOG_USER|LOG_INFO: `<14>Nov 26 01:49:31 supervisord: message`. Bun has no syslog binding and node:dgram
// has no unix datagrams, so the four libc calls go through bun:ffi. Without a syslog daemon the messages are
// dropped, as syslog(3) drops them.
import type { Library } from "bun:ffi";
import { AF_UNIX, ffi, openLibc, SOCK_CLOEXEC, SOCK_DGRAM } from "./libc";
import { localDate } from "./localtime";

const MSG_DONTWAIT = 0x40;
const MSG_NOSIGNAL = 0x4000;
const LOG_USER_INFO = 14;
const SUN_PATH_MAX = 108;

const SYMBOLS = {
  socket: { args: ["i32", "i32", "i32"], returns: "i32" },
  connect: { args: ["i32", "ptr", "u32"], returns: "i32" },
  send: { args: ["i32", "ptr", "u64", "i32"], returns: "i64" },
  close: { args: ["i32"], returns: "i32" },
} as const;

type Libc = Library<typeof SYMBOLS>["symbols"];

let libc: Libc | null | undefined;

function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  try {
    libc = openLibc(SYMBOLS).symbols;
  } catch {
    // Without libc there is no syslog: messages are dropped, as syslog(3) drops them without a daemon.
    libc = null;
  }
  return libc;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** syslog(3)'s timestamp, in local time as glibc computes it (see localtime.ts). */
function stamp(ms: number): string {
  const d = localDate(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

export interface SyslogSender {
  (line: string): void;
  close(): void;
}

/** A sender bound to `socketPath`; it connects lazily and reconnects after the syslog daemon went away. */
export function createSyslogSender(socketPath = "/dev/log", ident = "supervisord"): SyslogSender {
  const encoder = new TextEncoder();
  const pathBytes = encoder.encode(socketPath);
  const addr = new Uint8Array(2 + SUN_PATH_MAX);
  new DataView(addr.buffer).setUint16(0, AF_UNIX, true);
  addr.set(pathBytes.subarray(0, SUN_PATH_MAX - 1), 2);
  let fd = -1;

  const disconnect = () => {
    if (fd >= 0) loadLibc()?.close(fd);
    fd = -1;
  };
  const connect = (c: Libc): boolean => {
    fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    if (c.connect(fd, ffi().ptr(addr), 2 + pathBytes.length + 1) !== 0) {
      disconnect();
      return false;
    }
    return true;
  };

  const send = ((line: string) => {
    const c = loadLibc();
    if (!c || (fd < 0 && !connect(c))) return;
    const msg = encoder.encode(`<${LOG_USER_INFO}>${stamp(Date.now())} ${ident}: ${line}`);
    if (msg.length === 0) return;
    if (Number(c.send(fd, ffi().ptr(msg), msg.length, MSG_DONTWAIT | MSG_NOSIGNAL)) < 0) disconnect();
  }) as SyslogSender;
  send.close = disconnect;
  return send;
}

let shared: SyslogSender | null = null;

/** The one /dev/log sender of this process, made on first use. */
export function sharedSyslogSender(): SyslogSender {
  shared ??= createSyslogSender();
  return shared;
}
