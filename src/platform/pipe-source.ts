// Reading one child's output pipe, always with read(2), in two modes, so that a child writing flat out costs little
// CPU per MB and a quiet one costs nothing while it is quiet:
//   waiting  the pipe watch (pipe-watch.ts) says when the pipe has something, and what it holds is read at once (a
//            line reaches the log now); no timer runs.
//   polling  the pipe is read into one reused buffer or straight into the consumer's queue (PipeSpare), in rounds:
//            as much as it holds, then again once the child has written about ROUND_BYTES more at the rate it has
//            been writing (1 to POLL_MAX_MS later).
// A child that writes often (two wakeups close together, or one big read) moves the pipe to polling; POLL_QUIET
// rounds that find nothing move it back to waiting.
//
// Why: woken for every write, a reader pays a wakeup per write when the child runs on the other core (it leads its
// own session, hence its own scheduler autogroup); on the measured machine Bun's own reader, which also handed each
// piece over in fresh memory, cost ~0.3 CPU-s per 100 MB against ~0.05 for reading the same bytes in 1 ms rounds
// into a reused buffer (scripts/bench/logs.ts). Polling also bounds memory: a consumer that asks to wait (a slow
// disk) stops the reads, the pipe fills and the child blocks in write().
import type { Pointer } from "bun:ffi";
import { ffi } from "./libc";
import { pipeLibc as c } from "./pipes";
import { pipeWatch, type Watched } from "./pipe-watch";

/** Who takes a pipe's bytes: an object rather than callbacks, so that a pipe read into a log costs no closures. */
export interface PipeConsumer {
  /** The bytes of one read, valid only until feed returns: a consumer copies what it keeps. Returning a promise
   * asks for a pause: nothing more is read until it settles. */
  feed(view: Uint8Array): Promise<void> | undefined | void;
  /** Where the consumer would like the next read put (its own queue, so that it need not copy the bytes), or null
   * for the shared buffer. Asked right before each read, whose bytes then go to feed() at once. */
  spare?(): Uint8Array | null;
}

/** A child's stdout or stderr as the daemon reads it: one reader, started once. Not a ReadableStream: at 1,000
 * programs the stream, its controller and its reader held ~1 MB of heap that nothing needed. */
export interface ChildOutput {
  /** Hands each read to the consumer. Resolves once the pipe reached end-of-file, failed, or was cancelled; never
   * rejects. */
  start(consumer: PipeConsumer): Promise<void>;
  /** Stops reading: a grandchild may keep the pipe open forever. */
  cancel(): void;
}

const READ_SIZE = 256 * 1024;
/** At most this many reads per round, so that one busy child cannot hold the daemon for long. */
const ROUND_READS = 16;
/** What a round aims to find in the pipe (a grown pipe holds 1 MB, so the child is not held up). */
const ROUND_BYTES = 256 * 1024;
const POLL_MIN_MS = 1;
/** Also the longest a line waits for a round, when the child writes slowly. */
const POLL_MAX_MS = 20;
/** How much longer the next round may wait than the last. */
const POLL_GROWTH = 1.5;
/** Rounds in a row that find the pipe empty before it goes back to waiting. */
const POLL_QUIET = 5;
/** A read at least this big, or two wakeups this close together, means the child writes fast enough to poll. */
const BUSY_BYTES = 16 * 1024;
const BUSY_GAP_MS = 5;

export interface Round {
  /** ms until the next round. */
  interval: number;
  /** How long the child took to write ROUND_BYTES, at the rate of the last round that found anything (POLL_MAX_MS
   * until one did). */
  refillMs: number;
}

/** The next round, after one that found `total` bytes `last` ms after the one before, in a pipe that holds
 * `capacity`. */
export function nextRound(last: number, total: number, refillMs: number, capacity: number): Round {
  // The child wrote `total` bytes in about `last` ms: come back when it has written ROUND_BYTES more. Sooner at
  // once, later only by half again per round: one small round (the child had no CPU for a moment) must not leave a
  // fast writer blocked on a full pipe for many ms.
  // A round that finds the pipe empty waits twice as long, but no longer than the child took to write ROUND_BYTES
  // when it last wrote: a fast writer that stalls for a moment (it lost its core, or its own input ran dry) fills
  // the 1 MB pipe within ~3 ms once it resumes, and rounds 2 then 4 ms apart found it full with the child blocked
  // (measured in the daemon: after a 1 ms round found nothing, 1.3 MB waiting 6 ms later).
  if (total > 0) refillMs = (last * ROUND_BYTES) / total;
  // A pipe found half full or more may have held the child blocked for a while: its rate is unknown, come back soon.
  if (total >= capacity / 2) return { interval: POLL_MIN_MS, refillMs };
  const next = total > 0 ? refillMs : Math.min(last * 2, refillMs);
  const slowest = total > 0 ? last * POLL_GROWTH : last * 2;
  return { interval: Math.min(POLL_MAX_MS, slowest, Math.max(POLL_MIN_MS, next)), refillMs };
}

const EAGAIN = 11;
const EINTR = 4;
const F_SETPIPE_SZ = 1031;
/** Linux's default /proc/sys/fs/pipe-max-size, what an unprivileged process may ask for. */
const BUSY_PIPE_SIZE = 1 << 20;
/** How many pipes an unprivileged supervisord grows at once: once a user's pipes reach pipe-user-pages-soft (64 MB
 * by default) in total, every new pipe of that user, the children's own included, gets two pages. Root is exempt. */
const UNPRIVILEGED_GROWN_MAX = 16;
let grownPipes = 0;
const mayGrow = () => process.geteuid?.() === 0 || grownPipes < UNPRIVILEGED_GROWN_MAX;

/** One read buffer for every pipe: a round hands its bytes to the consumer before the next read starts. */
let shared: { buf: Uint8Array; ptr: Pointer; errno: Int32Array } | null = null;
function io() {
  if (!shared) {
    const buf = new Uint8Array(READ_SIZE);
    const loc = c().__errno_location()!;
    shared = { buf, ptr: ffi().ptr(buf), errno: new Int32Array(ffi().toArrayBuffer(loc, 0, 4)) };
  }
  return shared;
}

type ReadResult = { n: number; full: boolean; pause: Promise<void> | undefined } | "empty" | "end";

export class PipeSource implements ChildOutput, Watched {
  private consumer: PipeConsumer | null = null;
  private mode: "idle" | "waiting" | "polling" = "idle";
  private timer: ReturnType<typeof setTimeout> | null = null;
  private finished = false;
  private resolveDone!: () => void;
  /** Resolves once the pipe reached end-of-file, failed, or was cancelled; the descriptor is closed by then. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  private lastWake = -Infinity;
  private quiet = 0;
  private interval = POLL_MIN_MS;
  /** How long the child took to write ROUND_BYTES, at the rate of the last round that found anything. */
  private refillMs = POLL_MAX_MS;
  private grown: "no" | "tried" | "counted" = "no";

  /** @param fd a non-blocking read end, owned from now on (closed when done).
   * @param growable whether a busy pipe may be made larger (false: as when the kernel refuses). */
  constructor(
    private readonly fd: number,
    private readonly growable = true,
  ) {}

  /** Starts reading into the consumer; once only. */
  start(consumer: PipeConsumer): Promise<void> {
    if (this.consumer) throw new Error("pipe already read");
    this.consumer = consumer;
    this.wait();
    return this.done;
  }

  cancel(): void {
    this.finish();
  }

  /** Reads what the pipe holds now, without waiting for its signal or round: the child has exited, and what it
   * wrote before it did goes to the log before its exit is told, as in 4.2.5 (reads before reaping). */
  readNow(): void {
    if (this.mode === "waiting") this.ready();
    else if (this.mode === "polling" && this.timer) {
      clearTimeout(this.timer);
      void this.poll();
    }
  }

  /** Waiting mode: the pipe watch calls ready() when the pipe has something. */
  private wait(): void {
    this.mode = "waiting";
    this.lastWake = -Infinity;
    try {
      pipeWatch().arm(this.fd, this);
    } catch {
      // no watch to be had (fs.epoll.max_user_watches, or no descriptor left for it): this pipe is polled, and
      // tries again when it goes quiet
      this.grow();
      this.startPolling();
      void this.poll();
    }
  }

  /** From the pipe watch: the pipe has something (or a check after arming). Reads what it holds; polls if the child
   * looks busy. */
  ready(): void {
    if (this.mode !== "waiting") return;
    try {
      this.readReady();
    } catch {
      // a consumer that failed: nothing more can be handed over (and the watch must go on with the other pipes)
      this.finish();
    }
  }

  private readReady(): void {
    let total = 0;
    let big = false;
    for (let i = 0; ; i++) {
      const got = this.readOnce();
      if (got === "end") return this.finish();
      if (got === "empty") break;
      total += got.n;
      big ||= got.n >= BUSY_BYTES;
      if (got.pause || (got.full && i + 1 >= ROUND_READS)) return void this.toPolling(got.pause);
      if (!got.full) break;
    }
    if (total > 0) {
      const now = performance.now();
      const close = now - this.lastWake < BUSY_GAP_MS;
      this.lastWake = now;
      if (big || close) return void this.toPolling(undefined);
    }
    pipeWatch().arm(this.fd, this);
  }

  /** A busy child's pipe is polled once it is made larger. One that cannot be (an unprivileged supervisord's 17th,
   * or a kernel that refuses) stays event-driven: rounds on a 64 KB pipe would hold a fast writer to 64 KB a round. */
  private async toPolling(pause: Promise<void> | undefined): Promise<void> {
    this.grow();
    const big = this.grown === "counted";
    if (!big && !pause) return pipeWatch().arm(this.fd, this);
    pipeWatch().release(this.fd);
    this.startPolling();
    if (pause) await pause;
    if (this.finished) return;
    if (big) void this.poll();
    else this.wait();
  }

  private startPolling(): void {
    this.mode = "polling";
    this.quiet = 0;
    this.interval = POLL_MIN_MS;
    this.refillMs = POLL_MAX_MS;
  }

  /** Polling mode: one round of reads, then the next round or back to waiting. */
  private async poll(): Promise<void> {
    this.timer = null;
    if (this.finished) return;
    let total = 0;
    for (let i = 0; i < ROUND_READS; i++) {
      const got = this.readOnce();
      if (got === "end") return this.finish();
      if (got === "empty") break;
      total += got.n;
      if (got.pause) {
        await got.pause;
        if (this.finished) return;
      }
      if (!got.full) break;
    }
    this.quiet = total > 0 ? 0 : this.quiet + 1;
    if (this.quiet >= POLL_QUIET) return this.wait();
    const round = nextRound(this.interval, total, this.refillMs, BUSY_PIPE_SIZE);
    this.interval = round.interval;
    this.refillMs = round.refillMs;
    this.timer = setTimeout(PipeSource.pollAgain, this.interval, this);
  }

  /** A timer's callback for every pipe: a bound poll per pipe would be one more function each. */
  private static pollAgain(source: PipeSource): void {
    void source.poll();
  }

  /** One read(2), handed to the consumer: the bytes (full: the buffer was filled, so more may wait), "empty" when the
   * pipe holds nothing now, "end" at end-of-file or on an error. */
  private readOnce(): ReadResult {
    const { buf: shared, ptr: sharedPtr, errno } = io();
    for (;;) {
      const own = this.consumer!.spare?.() ?? null;
      const buf = own ?? shared;
      const n = Number(c().read(this.fd, own ? ffi().ptr(own) : sharedPtr, buf.length));
      if (n > 0) return { n, full: n === buf.length, pause: this.consumer!.feed(buf.subarray(0, n)) ?? undefined };
      if (n === 0) return "end";
      const e = errno[0]!;
      if (e === EINTR) continue;
      return e === EAGAIN ? "empty" : "end";
    }
  }

  /** A pipe that is polled is made larger, so the child can write more between two rounds. */
  private grow(): void {
    if (this.grown !== "no" || !this.growable || !mayGrow()) return;
    this.grown = c().fcntl(this.fd, F_SETPIPE_SZ, BUSY_PIPE_SIZE) > 0 ? "counted" : "tried";
    if (this.grown === "counted") grownPipes++;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    // Only a waiting pipe is in the watch (the others never made one, or left it).
    if (this.mode === "waiting") pipeWatch().release(this.fd);
    this.mode = "idle";
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    c().close(this.fd);
    if (this.grown === "counted") grownPipes--;
    this.resolveDone();
  }
}
