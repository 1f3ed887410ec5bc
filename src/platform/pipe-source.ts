// Reading one child's output pipe in two modes, so that a child writing flat out costs little CPU per MB and a quiet
// one costs nothing while it is quiet:
//   waiting  Bun's pipe reader watches the pipe and hands over what arrives at once (a line reaches the log now).
//   polling  the pipe is read with read(2), into one reused buffer or straight into the consumer's queue (PipeSpare),
//            in rounds: as much as it holds, then again once the child has written about ROUND_BYTES more at the
//            rate it has been writing (1 to POLL_MAX_MS later).
// A child that writes often (two reads close together, or one big read) moves the pipe to polling; POLL_QUIET
// rounds that find nothing move it back to waiting.
//
// Why: Bun's reader wakes for every write the child makes when the child runs on the other core (it leads its own
// session, hence its own scheduler autogroup), and hands each piece over in freshly allocated memory; on the
// measured machine that cost ~0.3 CPU-s per 100 MB against ~0.05 for reading the same bytes in 1 ms rounds into a
// reused buffer (scripts/bench/logs.ts). Polling also bounds memory: a consumer that asks to wait (a slow disk)
// stops the reads, the pipe fills and the child blocks in write(), where Bun's reader would keep buffering.
//
// The hand-over from Bun's reader to read(2) must not lose or reorder a byte: Bun's reader is cancelled only once
// a read asked of it is still unanswered when a setImmediate runs, which means it holds nothing (a read it holds
// data for, or finds data for in the pipe, is answered within microtasks) and has read nothing since; cancelling
// then leaves any new bytes in the pipe. (A 1 ms timer instead let a flat-out writer keep it answering for 100+
// rounds.)
import type { Pointer } from "bun:ffi";
import { ffi } from "./libc";
import { pipeLibc as c } from "./pipes";

/** The bytes of one read, valid only until the sink returns: a sink copies what it keeps. Returning a promise asks
 * for a pause: nothing more is read until it settles. */
export type PipeSink = (view: Uint8Array) => Promise<void> | undefined | void;
/** Where the sink would like the next read put (its own queue, so that it need not copy the bytes), or null for the
 * shared buffer. Asked right before each read, whose bytes then go to the sink at once. */
export type PipeSpare = () => Uint8Array | null;

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
/** Rounds in a row that find the pipe empty before it is handed back to Bun's reader. */
const POLL_QUIET = 5;
/** A read at least this big, or two reads this close together, means the child writes fast enough to poll. */
const BUSY_BYTES = 16 * 1024;
const BUSY_GAP_MS = 5;

export interface Round {
  /** ms until the next round. */
  interval: number;
  /** How long the child took to write ROUND_BYTES, at the rate of the last round that found anything (POLL_MAX_MS
   * until one did). */
  refillMs: number;
}

/** The next round, after one that found `total` bytes `last` ms after the one before. */
export function nextRound(last: number, total: number, refillMs: number): Round {
  // The child wrote `total` bytes in about `last` ms: come back when it has written ROUND_BYTES more. Sooner at
  // once, later only by half again per round: one small round (the child had no CPU for a moment) must not leave a
  // fast writer blocked on a full pipe for many ms.
  // A round that finds the pipe empty waits twice as long, but no longer than the child took to write ROUND_BYTES
  // when it last wrote: a fast writer that stalls for a moment (it lost its core, or its own input ran dry) fills
  // the 1 MB pipe within ~3 ms once it resumes, and rounds 2 then 4 ms apart found it full with the child blocked
  // (measured in the daemon: after a 1 ms round found nothing, 1.3 MB waiting 6 ms later).
  if (total > 0) refillMs = (last * ROUND_BYTES) / total;
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

/** One read buffer for every pipe: a round hands its bytes to the sink before the next read starts. */
let shared: { buf: Uint8Array; ptr: Pointer; errno: Int32Array } | null = null;
function io() {
  if (!shared) {
    const buf = new Uint8Array(READ_SIZE);
    const loc = c().__errno_location()!;
    shared = { buf, ptr: ffi().ptr(buf), errno: new Int32Array(ffi().toArrayBuffer(loc, 0, 4)) };
  }
  return shared;
}

/** Bun's reader; its readMany() may answer at once (not with a promise) when it already holds data. */
type ManyReader = ReadableStreamDefaultReader<Uint8Array> & {
  readMany(): Promise<{ value: Uint8Array[] | undefined; done: boolean }>;
};

const UNANSWERED = Symbol("unanswered");
const macrotask = () => new Promise<typeof UNANSWERED>((resolve) => setImmediate(() => resolve(UNANSWERED)));

export class PipeSource {
  private sink: PipeSink | null = null;
  private spare: PipeSpare | undefined;
  private waiting: ManyReader | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private finished = false;
  private resolveDone!: () => void;
  /** Resolves once the pipe reached end-of-file, failed, or was cancelled; the descriptor is closed by then. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  private lastRead = -Infinity;
  private quiet = 0;
  private interval = POLL_MIN_MS;
  /** How long the child took to write ROUND_BYTES, at the rate of the last round that found anything. */
  private refillMs = POLL_MAX_MS;
  private grown: "no" | "tried" | "counted" = "no";

  /** @param fd a non-blocking read end, owned from now on (closed when done). */
  constructor(private readonly fd: number) {}

  /** Starts reading into the sink; once only. */
  start(sink: PipeSink, spare?: PipeSpare): Promise<void> {
    if (this.sink) throw new Error("pipe already read");
    this.sink = sink;
    this.spare = spare;
    void this.wait();
    return this.done;
  }

  cancel(): void {
    const reader = this.waiting;
    this.waiting = null;
    void reader?.cancel().catch(() => {});
    this.finish();
  }

  /** Waiting mode: Bun's reader hands over what arrives, until the child looks busy. */
  private async wait(): Promise<void> {
    const reader = Bun.file(this.fd).stream().getReader() as ManyReader;
    this.waiting = reader;
    try {
      for (;;) {
        const { value, done } = await reader.readMany();
        if (this.waiting !== reader) return;
        const pause = this.deliverAll(value ?? []);
        if (done) return this.finish();
        if (pause || this.looksBusy(value ?? [])) return await this.toPolling(reader, pause);
      }
    } catch {
      // the pipe failed (or the reader was cancelled): nothing more will come
      if (this.waiting === reader) this.finish();
    }
  }

  private looksBusy(chunks: Uint8Array[]): boolean {
    const now = performance.now();
    const close = now - this.lastRead < BUSY_GAP_MS;
    this.lastRead = now;
    return close || chunks.some((chunk) => chunk.length >= BUSY_BYTES);
  }

  /** Takes what Bun's reader still has, then cancels it once a read of it stays unanswered, and polls. */
  private async toPolling(reader: ManyReader, pause: Promise<void> | undefined): Promise<void> {
    for (;;) {
      const asked = reader.readMany();
      const got = await Promise.race([asked, macrotask()]);
      if (this.waiting !== reader) return;
      if (got === UNANSWERED) {
        void Promise.resolve(asked).catch(() => {});
        this.waiting = null;
        void reader.cancel().catch(() => {});
        break;
      }
      pause = this.deliverAll(got.value ?? []) ?? pause;
      if (got.done) return this.finish();
    }
    this.grow();
    this.quiet = 0;
    this.interval = POLL_MIN_MS;
    this.refillMs = POLL_MAX_MS;
    if (pause) await pause;
    this.poll();
  }

  /** Polling mode: one round of reads, then the next round or back to waiting. */
  private poll = async (): Promise<void> => {
    this.timer = null;
    if (this.finished) return;
    const { buf: shared, ptr: sharedPtr, errno } = io();
    let total = 0;
    for (let i = 0; i < ROUND_READS; i++) {
      const own = this.spare?.() ?? null;
      const buf = own ?? shared;
      const n = Number(c().read(this.fd, own ? ffi().ptr(own) : sharedPtr, buf.length));
      if (n < 0) {
        const e = errno[0]!;
        if (e === EINTR) continue;
        if (e === EAGAIN) break;
        return this.finish();
      }
      if (n === 0) return this.finish();
      total += n;
      const pause = this.sink!(buf.subarray(0, n));
      if (pause) {
        await pause;
        if (this.finished) return;
      }
      if (n < buf.length) break;
    }
    this.quiet = total > 0 ? 0 : this.quiet + 1;
    if (this.quiet >= POLL_QUIET) {
      this.lastRead = -Infinity;
      void this.wait();
      return;
    }
    const round = nextRound(this.interval, total, this.refillMs);
    this.interval = round.interval;
    this.refillMs = round.refillMs;
    this.timer = setTimeout(this.poll, this.interval);
  };

  /** Hands Bun's chunks over; returns the last pause asked for. */
  private deliverAll(chunks: Uint8Array[]): Promise<void> | undefined {
    let pause: Promise<void> | undefined;
    for (const chunk of chunks) pause = this.sink!(chunk) ?? pause;
    return pause;
  }

  /** A pipe that is polled is made larger, so the child can write more between two rounds. */
  private grow(): void {
    if (this.grown !== "no" || !mayGrow()) return;
    this.grown = c().fcntl(this.fd, F_SETPIPE_SZ, BUSY_PIPE_SIZE) > 0 ? "counted" : "tried";
    if (this.grown === "counted") grownPipes++;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    c().close(this.fd);
    if (this.grown === "counted") grownPipes--;
    this.resolveDone();
  }
}

const sources = new WeakMap<ReadableStream<Uint8Array>, PipeSource>();

/** The read end as a stream of chunks it owns (for consumers such as tee()); closes the descriptor when done.
 * readPipe reads the same pipe more cheaply through pipeSourceOf(). */
export function pipeStream(fd: number): ReadableStream<Uint8Array> {
  const source = new PipeSource(fd);
  let started = false;
  let resume: (() => void) | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (started) {
          resume?.();
          resume = null;
          return;
        }
        started = true;
        // A chunk no read was waiting for stays queued: pause until the consumer asks again.
        const copyOut = (view: Uint8Array) => {
          controller.enqueue(view.slice());
          return (controller.desiredSize ?? 0) < 0 ? new Promise<void>((r) => (resume = r)) : undefined;
        };
        void source.start(copyOut).then(() => {
          try {
            controller.close();
          } catch {
            // cancelled meanwhile: already closed
          }
        });
      },
      cancel() {
        source.cancel();
        resume?.();
      },
    },
    { highWaterMark: 0 },
  );
  sources.set(stream, source);
  return stream;
}

/** The pipe behind a pipeStream() that nobody has read yet, or null. */
export function pipeSourceOf(stream: ReadableStream<Uint8Array>): PipeSource | null {
  return (!stream.locked && sources.get(stream)) || null;
}
