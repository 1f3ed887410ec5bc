// A child's stdout and stderr as real pipes, as 4.2.5's os.pipe() makes them. Bun's "pipe" gives the child a
// socketpair instead: a program that opens /dev/stdout (or /proc/self/fd/1) then fails with ENXIO, and a unix
// socket costs more per byte than a pipe. The pipe is made through libc, its write end handed to Bun.spawn as the
// child's fd 1 or 2 and closed here, its read end read by a PipeSource (pipe-source.ts) and closed once it is done.
import { errnoAt, ffi, openLibc } from "./libc";

const SYMBOLS = {
  pipe2: { args: ["ptr", "i32"], returns: "i32" },
  fcntl: { args: ["i32", "i32", "i32"], returns: "i32" },
  close: { args: ["i32"], returns: "i32" },
  read: { args: ["i32", "ptr", "u64"], returns: "i64" },
  epoll_create1: { args: ["i32"], returns: "i32" },
  epoll_ctl: { args: ["i32", "i32", "i32", "ptr"], returns: "i32" },
  epoll_wait: { args: ["i32", "ptr", "i32", "i32"], returns: "i32" },
  __errno_location: { args: [], returns: "ptr" },
} as const;

let lib: ReturnType<typeof openLibc<typeof SYMBOLS>> | null = null;
/** The libc calls on pipes (pipe-source.ts and pipe-watch.ts read and watch through the same handle). */
export function pipeLibc() {
  lib ??= openLibc(SYMBOLS);
  return lib.symbols;
}

const O_CLOEXEC = 0o2000000;
const O_NONBLOCK = 0o4000;
const F_GETFL = 3;
const F_SETFL = 4;

function fail(call: string): never {
  const code = errnoAt(pipeLibc().__errno_location());
  throw Object.assign(new Error(`${call}: ${code}`), { code });
}

export interface OutputPipe {
  /** Ours: non-blocking, close-on-exec. */
  readFd: number;
  /** The child's: blocking, as a program expects its stdout to be; close-on-exec here, so only its dup2 onto the
   * child's fd 1 or 2 survives exec and no other child holds it. */
  writeFd: number;
}

/** Throws an Error whose code is the errno name (EMFILE, ENFILE). */
export function outputPipe(): OutputPipe {
  const fds = new Int32Array(2);
  if (pipeLibc().pipe2(ffi().ptr(fds), O_CLOEXEC) !== 0) fail("pipe2");
  const [readFd, writeFd] = [fds[0]!, fds[1]!];
  if (!setStatusFlag(readFd, O_NONBLOCK, true)) {
    closeFd(readFd);
    closeFd(writeFd);
    fail("fcntl");
  }
  return { readFd, writeFd };
}

/** Sets or clears one file status flag (O_NONBLOCK, O_ASYNC); false when fcntl fails. */
export function setStatusFlag(fd: number, flag: number, on: boolean): boolean {
  const flags = pipeLibc().fcntl(fd, F_GETFL, 0);
  return flags >= 0 && pipeLibc().fcntl(fd, F_SETFL, on ? flags | flag : flags & ~flag) >= 0;
}

export function closeFd(fd: number): void {
  pipeLibc().close(fd);
}
