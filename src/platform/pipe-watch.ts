// Which of many quiet pipes has something to read, told without a reader per pipe. A watched pipe's read end is set
// O_ASYNC, so the kernel sends supervisord SIGIO when a child writes to it (or closes it), and sits in one epoll set
// (EPOLLONESHOT: reported once, then left alone until re-armed); on SIGIO the set is asked, without blocking, which
// pipes are ready. A quiet pipe then costs nothing while it is quiet: no timer, no wakeup, and no Bun stream reader
// (~6 KB each, two per program: 12 MB at 1,000 programs, measured), and the bytes are all read with read(2), so a
// pipe that turns busy changes to polling rounds (pipe-source.ts) without a reader to hand over from.
//
// SIGIO's default action ends the process: the handler is installed before the first pipe is set O_ASYNC, and is
// never removed. Signals coalesce, which is why a SIGIO asks the set for everything ready, not for one pipe.
import type { Pointer } from "bun:ffi";
import { errnoAt, ffi } from "./libc";
import { pipeLibc as c, setStatusFlag } from "./pipes";

const EPOLL_CLOEXEC = 0o2000000;
const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_DEL = 2;
const EPOLL_CTL_MOD = 3;
const EPOLLIN = 0x1;
const EPOLLONESHOT = 1 << 30;
const F_SETOWN = 8;
const O_ASYNC = 0o20000;
/** struct epoll_event is packed on x86-64 (12 bytes, the data at 4) and naturally aligned elsewhere (16, at 8). */
const EVENT_SIZE = process.arch === "x64" ? 12 : 16;
const DATA_AT = process.arch === "x64" ? 4 : 8;
/** Events taken per epoll_wait. */
const BATCH = 256;

/** What a pipe's readiness is told to: an object, not a callback, so that each pipe costs no closure. */
export interface Watched {
  ready(): void;
}

class PipeWatch {
  private readonly epfd: number;
  private readonly watched = new Map<number, Watched>();
  /** The pipes now in the epoll set (armed or already reported). */
  private readonly inSet = new Set<number>();
  private draining = false;
  // Made from ArrayBuffers: a small typed array made alone lives inside its object and moves once its buffer is
  // asked for, leaving a pointer taken earlier to stale memory.
  private readonly events = new ArrayBuffer(EVENT_SIZE * BATCH);
  private readonly eventsPtr: Pointer;
  private readonly eventsView: DataView;
  private readonly one = new ArrayBuffer(EVENT_SIZE);
  private readonly onePtr: Pointer;
  private readonly oneView: DataView;

  constructor() {
    this.epfd = c().epoll_create1(EPOLL_CLOEXEC);
    if (this.epfd < 0) throw new Error(`epoll_create1: ${errnoAt(c().__errno_location())}`);
    this.eventsPtr = ffi().ptr(this.events);
    this.eventsView = new DataView(this.events);
    this.onePtr = ffi().ptr(this.one);
    this.oneView = new DataView(this.one);
    process.on("SIGIO", this.drain);
  }

  /** Calls `who.ready()` once, when `fd` has bytes or has reached its end; then again only once arm() is called
   * again (from ready(), or after release()). */
  arm(fd: number, who: Watched): void {
    this.watched.set(fd, who);
    if (this.inSet.has(fd)) return this.ctl(EPOLL_CTL_MOD, fd);
    this.ctl(EPOLL_CTL_ADD, fd);
    this.inSet.add(fd);
    this.setAsync(fd, true);
    // What arrived before O_ASYNC was set (the child may even have closed the pipe) raised no signal.
    this.drain();
  }

  /** Stops watching `fd`, which is read some other way for now (or is about to be closed). */
  release(fd: number): void {
    this.watched.delete(fd);
    if (!this.inSet.delete(fd)) return;
    this.setAsync(fd, false);
    this.ctl(EPOLL_CTL_DEL, fd);
  }

  /** Asks again until nothing is ready: a pipe re-armed while its next event's signal was already merged into the
   * one being handled (a write, then the close, at once) is reported by the next ask, and by nothing else. */
  private readonly drain = (): void => {
    // A ready() that arms a new pipe asks from within: the outer loop's next ask covers it, and the events buffer
    // it is walking must not be overwritten.
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const n = c().epoll_wait(this.epfd, this.eventsPtr, BATCH, 0);
        if (n <= 0) return;
        for (let i = 0; i < n; i++) {
          const fd = this.eventsView.getInt32(i * EVENT_SIZE + DATA_AT, true);
          this.watched.get(fd)?.ready();
        }
      }
    } finally {
      this.draining = false;
    }
  };

  private ctl(op: number, fd: number): void {
    this.oneView.setUint32(0, EPOLLIN | EPOLLONESHOT, true);
    this.oneView.setInt32(DATA_AT, fd, true);
    if (c().epoll_ctl(this.epfd, op, fd, this.onePtr) !== 0) {
      throw new Error(`epoll_ctl(${op}, ${fd}): ${errnoAt(c().__errno_location())}`);
    }
  }

  private setAsync(fd: number, on: boolean): void {
    if (on) c().fcntl(fd, F_SETOWN, process.pid);
    setStatusFlag(fd, O_ASYNC, on);
  }
}

let watch: PipeWatch | null = null;

/** The one watch of this process, made on first use. */
export function pipeWatch(): PipeWatch {
  watch ??= new PipeWatch();
  return watch;
}
