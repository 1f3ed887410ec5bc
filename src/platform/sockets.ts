// Listening sockets that children inherit ([fcgi-program:x] hands one to every process of its pool as fd 0). Bun's
// own listeners never expose a descriptor, so the socket is made through libc: socket, bind, listen, and later
// close. It is opened close-on-exec, so only the dup2 onto a child's fd 0 survives exec and no other child holds it.
import { chmodSync, chownSync, unlinkSync } from "node:fs";
import { AF_INET, AF_UNIX, ffi, openLibc, SOCK_CLOEXEC, SOCK_STREAM } from "./libc";

const SYMBOLS = {
  socket: { args: ["i32", "i32", "i32"], returns: "i32" },
  setsockopt: { args: ["i32", "i32", "i32", "ptr", "u32"], returns: "i32" },
  bind: { args: ["i32", "ptr", "u32"], returns: "i32" },
  listen: { args: ["i32", "i32"], returns: "i32" },
  close: { args: ["i32"], returns: "i32" },
  __errno_location: { args: [], returns: "ptr" },
  strerror: { args: ["i32"], returns: "cstring" },
} as const;

let lib: ReturnType<typeof openLibc<typeof SYMBOLS>> | null = null;
function c() {
  lib ??= openLibc(SYMBOLS);
  return lib.symbols;
}

const SOL_SOCKET = 1;
const SO_REUSEADDR = 2;
/** Linux's SOMAXCONN, what 4.2.5 passes to listen() when socket_backlog is not set. */
const SOMAXCONN = 4096;

export type ListenAddress =
  | { kind: "tcp"; host: string; port: number }
  | { kind: "unix"; path: string; owner: { uid: number; gid: number } | null; mode: number };

/** An error carrying the errno text, as Python's socket.error prints it ("[Errno 98] Address already in use"). */
function failure(): Error {
  const loc = c().__errno_location();
  const code = loc === null ? 0 : new Int32Array(ffi().toArrayBuffer(loc, 0, 4))[0]!;
  return new Error(`[Errno ${code}] ${String(c().strerror(code))}`);
}

function ipv4(host: string): number[] {
  const h = host === "localhost" ? "127.0.0.1" : host === "*" || host === "" ? "0.0.0.0" : host;
  const parts = h.split(".").map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) {
    throw new Error(`cannot resolve ${host}: an IPv4 address or localhost is expected`);
  }
  return parts;
}

function sockaddr(addr: ListenAddress): Uint8Array {
  if (addr.kind === "tcp") {
    const b = new Uint8Array(16);
    new DataView(b.buffer).setUint16(0, AF_INET, true);
    new DataView(b.buffer).setUint16(2, addr.port, false);
    b.set(ipv4(addr.host), 4);
    return b;
  }
  const path = new TextEncoder().encode(addr.path);
  if (path.length > 107) throw new Error(`unix socket path too long: ${addr.path}`);
  const b = new Uint8Array(110);
  new DataView(b.buffer).setUint16(0, AF_UNIX, true);
  b.set(path, 2);
  return b;
}

/** Opens, binds and listens; returns the descriptor. A unix socket replaces a leftover file at its path and then
 * takes the configured owner and mode, as 4.2.5's UnixStreamSocketConfig does. */
export function openListeningSocket(addr: ListenAddress, backlog: number | null): number {
  const lc = c();
  const sa = sockaddr(addr);
  const fd = lc.socket(addr.kind === "tcp" ? AF_INET : AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw failure();
  try {
    if (addr.kind === "tcp") {
      const one = new Int32Array([1]);
      if (lc.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, ffi().ptr(one), 4) < 0) throw failure();
    } else {
      removeStale(addr.path);
    }
    if (lc.bind(fd, ffi().ptr(sa), sa.length) < 0) throw failure();
    if (addr.kind === "unix") {
      if (addr.owner) chownSync(addr.path, addr.owner.uid, addr.owner.gid);
      chmodSync(addr.path, addr.mode);
    }
    if (lc.listen(fd, backlog ?? SOMAXCONN) < 0) throw failure();
    return fd;
  } catch (err) {
    lc.close(fd);
    if (addr.kind === "unix") removeStale(addr.path);
    throw err;
  }
}

export function closeSocket(fd: number): void {
  c().close(fd);
}

function removeStale(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing there: the usual case.
  }
}
