// A log file with size-based rotation (.1 … .N), as 4.2.5's RotatingFileHandler rotates: after a write that brings
// the file to maxbytes or more, path.(N-1) … path.1 shift up one, path becomes path.1 and a fresh path is opened.
// maxbytes 0 never rotates; backups 0 truncates in place.
//
// Deliberate difference: a target that is not a regular file (a pipe, a tty, /dev/stdout, /dev/null, a socket) is
// never rotated, whatever maxbytes says, and is never asked for its position, so there is no "Illegal seek".
//
// Writes are asynchronous and queued per file, so a slow disk slows only the child that writes to it: the capture
// stops reading that child's pipe while the queue is past its high-water mark (see ready()). The queue holds copies,
// in reused slabs (slabs.ts), so a writer may reuse its buffer at once; a pipe reader may even read straight into
// the queue (spare()).
import { closeSync, existsSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { APPEND, dropWritten, isFifo, openAsync, openNow, type Opened, TRUNCATE, writevAsync } from "./log-fd";
import { SlabQueue } from "./slabs";

export interface RotationPolicy {
  /** 0 means never rotate. */
  maxbytes: number;
  backups: number;
}

export type LogFileErrorHandler = (err: NodeJS.ErrnoException, path: string) => void;

/** Queue size past which the writer should wait, and the size at which waiting writers resume. */
const HIGH_WATER = 1 << 20;
const LOW_WATER = 1 << 18;
/** Largest single writev when the file does not rotate. */
const BATCH_MAX = 1 << 20;
/** Fewer, larger writes: a batch smaller than this waits up to COALESCE_MS for more bytes. Each write is a hand-off
 * to a worker thread, and with a child writing flat out those hand-offs cost more CPU than the copying. */
const BATCH_MIN = 256 * 1024;
const COALESCE_MS = 2;
const EAGAIN_RETRY_MS = 10;

type Control = () => Promise<void> | void;

export class RotatingFile {
  private fd: number;
  private regular: boolean;
  private pos: number;
  /** Bytes and control operations, in order: each write() is one entry, its bytes a view into a slab (or views into
   * two, when it crossed the end of one). */
  private queue: (Uint8Array | Uint8Array[] | Control)[] = [];
  private readonly slabs = new SlabQueue();
  private queuedBytes = 0;
  private running = false;
  private coalescing: ReturnType<typeof setTimeout> | null = null;
  /** Control operations (reopen, clear, close) waiting in the queue. */
  private controls = 0;
  private readyWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  /** The last error reported for each kind of operation, so a failing disk is reported once, not on every write. */
  private lastError: Record<"write" | "rotate", string | null> = { write: null, rotate: null };
  private closed = false;

  private constructor(
    readonly path: string,
    readonly policy: RotationPolicy,
    opened: Opened,
    private readonly onError: LogFileErrorHandler,
  ) {
    this.fd = opened.fd;
    this.regular = opened.regular;
    this.pos = opened.size;
  }

  /** Opens (creating, appending) without blocking the daemon; rejects with the open error (ENOENT, EACCES…). */
  static async open(path: string, policy: RotationPolicy, onError: LogFileErrorHandler = () => {}): Promise<RotatingFile> {
    return new RotatingFile(path, policy, await openAsync(path, APPEND), onError);
  }

  /** Opens now, throwing the open error, except a FIFO: opening one waits for its reader, so that is left to a
   * worker thread and the promise rejects instead. */
  static openNowOrLater(
    path: string,
    policy: RotationPolicy,
    onError: LogFileErrorHandler = () => {},
  ): RotatingFile | Promise<RotatingFile> {
    return isFifo(path) ? RotatingFile.open(path, policy, onError) : RotatingFile.openSync(path, policy, onError);
  }

  /** Opens synchronously, for the main log, whose lines are written synchronously (appendSync). */
  static openSync(path: string, policy: RotationPolicy, onError: LogFileErrorHandler = () => {}): RotatingFile {
    return new RotatingFile(path, policy, openNow(path, APPEND), onError);
  }

  /** True for a regular file: the only kind that is ever rotated or cleared by unlinking. */
  get isRegularFile(): boolean {
    return this.regular;
  }

  private get rotates(): boolean {
    return this.regular && this.policy.maxbytes > 0;
  }

  /** Queues a copy of the bytes (the caller may reuse its buffer). Returns false once the queue is past its
   * high-water mark: wait for ready() before writing more. */
  write(data: Uint8Array): boolean {
    if (this.closed || data.length === 0) return true;
    const views: Uint8Array[] = [];
    this.slabs.copy(data, (v) => views.push(v));
    if (views.length > 1) this.queue.push(views);
    else this.enqueue(views[0]!);
    this.queuedBytes += data.length;
    this.kick();
    return this.queuedBytes < HIGH_WATER;
  }

  /** Room for at least `min` more bytes: a caller that reads its bytes straight into it (then write()s them) saves
   * write() a copy. */
  spare(min: number): Uint8Array | null {
    return this.closed ? null : this.slabs.spare(min);
  }

  /** Queues a view. When the file does not rotate, a view that continues the last one in the same slab extends it
   * (fewer, larger writes); a rotating file keeps each write whole, to rotate after the write that reaches maxbytes. */
  private enqueue(view: Uint8Array): void {
    const last = this.queue[this.queue.length - 1];
    if (
      !this.rotates &&
      last instanceof Uint8Array &&
      last.buffer === view.buffer &&
      last.byteOffset + last.length === view.byteOffset
    ) {
      this.queue[this.queue.length - 1] = new Uint8Array(view.buffer, last.byteOffset, last.length + view.length);
    } else this.queue.push(view);
  }

  /** Resolves once the queue has drained below its low-water mark. */
  ready(): Promise<void> {
    if (this.queuedBytes <= LOW_WATER) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Resolves once everything queued so far is written. */
  flushed(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.kick(true);
    return idle;
  }

  /** How many more bytes appendSync may add before the file rotates after the write; Infinity when it never rotates.
   * The main log writes a batch of lines at once, and cuts it where a line-by-line writer would have rotated. */
  get bytesBeforeRotation(): number {
    return this.rotates ? this.policy.maxbytes - this.pos : Infinity;
  }

  /** Writes now, on the caller's thread; for the main log only (never mixed with write() on one file). */
  appendSync(data: Uint8Array): void {
    if (this.closed || this.fd < 0) return;
    let off = 0;
    try {
      while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
      this.lastError.write = null;
    } catch (err) {
      this.report(err as NodeJS.ErrnoException, "write");
    }
    this.advance(off);
  }

  /** Closes and opens the same path again (SIGUSR2, after logrotate moved the file away). */
  reopen(): Promise<void> {
    return this.control(() => this.reopenAsync());
  }

  reopenSync(): void {
    this.closeFd();
    this.adopt(() => openNow(this.path, APPEND));
  }

  /**
   * clearLog / clearProcessLogs: removes the file and opens a new one at once, so that a failure (the directory is
   * gone) throws here, as 4.2.5's answers FAILED; bytes queued before the call still go to the old file, which is
   * closed once they are written. A non-regular target is only reopened.
   */
  clear(): Promise<void> {
    if (!this.regular) return this.control(() => this.reopenAsync());
    this.unlinkIfRegular();
    const fresh = openNow(this.path, APPEND);
    return this.control(() => {
      this.closeFd();
      if (this.closed) closeSync(fresh.fd);
      else this.take(fresh);
    });
  }

  clearSync(): void {
    this.unlinkIfRegular();
    this.reopenSync();
  }

  /** Writes what is queued, then closes. */
  close(): Promise<void> {
    const done = this.control(() => this.closeFd());
    this.closed = true;
    return done;
  }

  closeSync(): void {
    this.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    this.closeFd();
  }

  private control(op: Control): Promise<void> {
    return new Promise((resolve, reject) => {
      this.controls++;
      this.queue.push(async () => {
        this.controls--;
        try {
          await op();
          resolve();
        } catch (err) {
          reject(err);
        }
      });
      this.kick(true);
    });
  }

  /** Starts the writer now, or within COALESCE_MS when only a small batch of bytes is waiting. */
  private kick(now = false): void {
    if (this.running) return;
    if (now || this.batchReady()) {
      if (this.coalescing) clearTimeout(this.coalescing);
      this.coalescing = null;
      void this.run();
    } else if (!this.coalescing) {
      this.coalescing = setTimeout(() => {
        this.coalescing = null;
        if (!this.running) void this.run();
      }, COALESCE_MS);
    }
  }

  /** Enough bytes for a full batch, or something other than bytes (a control operation) waiting. */
  private batchReady(): boolean {
    if (this.controls > 0) return true;
    const full = this.rotates ? Math.min(BATCH_MIN, Math.max(1, this.policy.maxbytes - this.pos)) : BATCH_MIN;
    return this.queuedBytes >= full;
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (typeof head === "function") {
        this.queue.shift();
        await head();
        continue;
      }
      const batch = this.takeBatch();
      const written = await this.writeAll(batch);
      this.slabs.release(batch);
      this.advance(written);
      if (this.queuedBytes <= LOW_WATER) this.wake(this.readyWaiters);
      if (this.idleWaiters.length === 0 && !this.batchReady()) break;
    }
    this.running = false;
    this.wake(this.readyWaiters);
    if (this.queue.length > 0) this.kick();
    else {
      this.slabs.idle();
      this.wake(this.idleWaiters);
    }
  }

  /** Leading writes, at most up to the rotation point (but always one write), so rotation stays near maxbytes. */
  private takeBatch(): Uint8Array[] {
    const limit = this.rotates ? Math.max(1, this.policy.maxbytes - this.pos) : BATCH_MAX;
    const batch: Uint8Array[] = [];
    let size = 0;
    while (size < limit && this.queue.length > 0 && typeof this.queue[0] !== "function") {
      const entry = this.queue.shift() as Uint8Array | Uint8Array[];
      for (const v of Array.isArray(entry) ? entry : [entry]) {
        batch.push(v);
        size += v.length;
      }
    }
    this.queuedBytes -= size;
    return batch;
  }

  /** Writes the whole batch (resuming partial writes); on an error the batch is dropped and reported once. */
  private async writeAll(batch: Uint8Array[]): Promise<number> {
    let written = 0;
    let left = batch;
    while (left.length > 0 && this.fd >= 0) {
      try {
        const n = await writevAsync(this.fd, left);
        written += n;
        left = dropWritten(left, n);
        this.lastError.write = null;
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === "EAGAIN") {
          await new Promise((r) => setTimeout(r, EAGAIN_RETRY_MS));
          continue;
        }
        this.report(e, "write");
        break;
      }
    }
    return written;
  }

  private advance(n: number): void {
    this.pos += n;
    if (this.rotates && this.pos >= this.policy.maxbytes) this.rotate();
  }

  private rotate(): void {
    this.closeFd();
    let moved = true;
    try {
      const { backups } = this.policy;
      if (backups > 0) {
        for (let i = backups - 1; i > 0; i--) {
          if (existsSync(`${this.path}.${i}`)) this.replace(`${this.path}.${i}`, `${this.path}.${i + 1}`);
        }
        this.replace(this.path, `${this.path}.1`);
      }
      this.lastError.rotate = null;
    } catch (err) {
      moved = false;
      this.report(err as NodeJS.ErrnoException, "rotate");
    }
    // When the file could not be moved aside, keep appending to it rather than truncating what it holds.
    this.adopt(() => openNow(this.path, moved ? TRUNCATE : APPEND));
  }

  /** Moves src over dst; a file that vanished meanwhile (a cleanup script) is not an error. */
  private replace(src: string, dst: string): void {
    for (const step of [() => unlinkSync(dst), () => renameSync(src, dst)]) {
      try {
        step();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    }
  }

  private async reopenAsync(): Promise<void> {
    this.closeFd();
    try {
      const opened = await openAsync(this.path, APPEND);
      if (this.closed) closeSync(opened.fd);
      else this.take(opened);
    } catch (err) {
      this.report(err as NodeJS.ErrnoException);
    }
  }

  private adopt(openFn: () => Opened): void {
    try {
      this.take(openFn());
    } catch (err) {
      this.report(err as NodeJS.ErrnoException);
    }
  }

  private take(opened: Opened): void {
    this.fd = opened.fd;
    this.regular = opened.regular;
    this.pos = opened.size;
  }

  private unlinkIfRegular(): void {
    if (!this.regular) return;
    try {
      unlinkSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }

  private closeFd(): void {
    const fd = this.fd;
    this.fd = -1;
    if (fd <= 2) return; // not opened here (or already closed): never close supervisord's own stdio
    try {
      closeSync(fd);
    } catch {
      // already gone: nothing more to release
    }
  }

  private report(err: NodeJS.ErrnoException, kind: "write" | "rotate" = "write"): void {
    const code = err.code ?? String(err);
    if (code === this.lastError[kind]) return;
    this.lastError[kind] = code;
    this.onError(err, this.path);
  }

  private wake(waiters: (() => void)[]): void {
    for (const w of waiters.splice(0)) w();
  }
}
