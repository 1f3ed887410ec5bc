// A child's stdout and stderr as real pipes, as 4.2.5's os.pipe() makes them. Bun's "pipe" gives the child a
// socketpair instead: a program that opens /dev/stdout (or /proc/self/fd/1) then fails with ENXIO, and a unix
// socket costs more per byte than a pipe. The pipe is made through libc, its write end handed to Bun.spawn as the
// child's fd 1 or 2 and closed here, its read end read by Bun as a stream and closed once that stream is done.
import { errnoAt, ffi, openLibc } from "./libc";

const SYMBOLS = {
  pipe2: { args: ["ptr", "i32"], returns: "i32" },
  fcntl: { args: ["i32", "i32", "i32"], returns: "i32" },
  close: { args: ["i32"], returns: "i32" },
  __errno_location: { args: [], returns: "ptr" },
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
/** Linux's default /proc/sys/fs/pipe-max-size, what an unprivileged process may ask for. */
const BUSY_PIPE_SIZE = 1 << 20;
/** How many pipes an unprivileged supervisord grows at once: once a user's pipes reach pipe-user-pages-soft (64 MB
 * by default) in total, every new pipe of that user, the children's own included, gets two pages. Root is exempt. */
const UNPRIVILEGED_GROWN_MAX = 16;
let grownPipes = 0;
const mayGrow = () => process.geteuid?.() === 0 || grownPipes < UNPRIVILEGED_GROWN_MAX;

function fail(call: string): never {
  const code = errnoAt(c().__errno_location());
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
  if (c().pipe2(ffi().ptr(fds), O_CLOEXEC) !== 0) fail("pipe2");
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

/** The read end as a stream. The descriptor is kept, to grow the pipe once it is seen busy, and closed when the
 * stream ends, fails or is cancelled. */
export function pipeStream(fd: number): ReadableStream<Uint8Array> {
  const inner = Bun.file(fd).stream().getReader() as ManyReader;
  let open = true;
  /** Whether growing was tried, and whether it counts against the unprivileged budget. */
  let tried = false;
  let counted = false;
  const release = () => {
    if (!open) return;
    open = false;
    closeFd(fd);
    if (counted) grownPipes--;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await inner.readMany();
          for (const chunk of value ?? []) {
            if (!tried && chunk.length >= BUSY_READ && mayGrow()) {
              tried = true;
              counted = c().fcntl(fd, F_SETPIPE_SZ, BUSY_PIPE_SIZE) > 0;
              if (counted) grownPipes++;
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
