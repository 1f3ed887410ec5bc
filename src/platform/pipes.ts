// A child's stdout and stderr as real pipes, as 4.2.5's os.pipe() makes them. Bun's "pipe" gives the child a
// socketpair instead: a program that opens /dev/stdout (or /proc/self/fd/1) then fails with ENXIO, and a unix
// socket costs more per byte than a pipe. The pipe is made through libc, its write end handed to Bun.spawn as the
// child's fd 1 or 2 and closed here, its read end read by Bun as a stream and closed once that stream is done.
import { FFIType, ptr, toArrayBuffer } from "bun:ffi";
import { constants } from "node:os";
import { openLibc } from "./libc";

const SYMBOLS = {
  pipe2: { args: [FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  fcntl: { args: [FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.i32 },
  close: { args: [FFIType.i32], returns: FFIType.i32 },
  __errno_location: { args: [], returns: FFIType.ptr },
} as const;

let lib: ReturnType<typeof openLibc<typeof SYMBOLS>> | null = null;
function c() {
  lib ??= openLibc(SYMBOLS);
  return lib.symbols;
}

const O_CLOEXEC = 0o2000000;
const O_NONBLOCK = 0o4000;
const F_GETFL = 3;
const F_SETFL = 4;
const F_SETPIPE_SZ = 1031;

/** A pipe is made larger once a read finds it at least this full: its writer is then outrunning the reader. */
const BUSY_READ = 32 * 1024;
/** Linux's default /proc/sys/fs/pipe-max-size, what an unprivileged process may ask for. Only pipes that are seen
 * busy are grown, because an unprivileged user whose pipes reach pipe-user-pages-soft in total gets small pipes
 * everywhere, the children's own included. */
const BUSY_PIPE_SIZE = 1 << 20;

const errnoName = (n: number) => Object.entries(constants.errno).find(([, v]) => v === n)?.[0] ?? `errno ${n}`;

function fail(call: string): never {
  const loc = c().__errno_location();
  const code = errnoName(loc === null ? 0 : new Int32Array(toArrayBuffer(loc, 0, 4))[0]!);
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
  if (c().pipe2(ptr(fds), O_CLOEXEC) !== 0) fail("pipe2");
  const [readFd, writeFd] = [fds[0]!, fds[1]!];
  const flags = c().fcntl(readFd, F_GETFL, 0);
  if (flags < 0 || c().fcntl(readFd, F_SETFL, flags | O_NONBLOCK) < 0) {
    closeFd(readFd);
    closeFd(writeFd);
    fail("fcntl");
  }
  return { readFd, writeFd };
}

export function closeFd(fd: number): void {
  c().close(fd);
}

type ManyReader = ReadableStreamDefaultReader<Uint8Array> & {
  readMany(): Promise<{ value: Uint8Array[] | undefined; done: boolean }>;
};

/**
 * The read end as a stream that owns the descriptor: closed when the stream ends, fails or is cancelled, and never
 * before Bun has stopped reading it (a descriptor closed under Bun's poller could be reused by the next open).
 */
export function pipeStream(fd: number): ReadableStream<Uint8Array> {
  const inner = Bun.file(fd).stream().getReader() as ManyReader;
  let open = true;
  let grown = false;
  const release = () => {
    if (open) closeFd(fd);
    open = false;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await inner.readMany();
          for (const chunk of value ?? []) {
            if (!grown && chunk.length >= BUSY_READ) {
              grown = true;
              c().fcntl(fd, F_SETPIPE_SZ, BUSY_PIPE_SIZE); // a refusal (EPERM past the user's limit) changes nothing
            }
            controller.enqueue(chunk);
          }
          if (done) {
            release();
            controller.close();
          }
        } catch (err) {
          release();
          controller.error(err);
        }
      },
      async cancel() {
        await inner.cancel().catch(() => {});
        release();
      },
    },
    { highWaterMark: 0 },
  );
}
