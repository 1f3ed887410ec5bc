// Time as a seam: a monotonic clock for every deadline (startsecs, backoff, stopwaitsecs) and wall time for display
// only, plus one-shot timers. No periodic timer exists: an idle daemon sleeps until a deadline or an event.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Monotonic milliseconds; never jumps with the system clock. */
  now(): number;
  /** Wall-clock milliseconds since the epoch, for start/stop times shown to users. */
  wall(): number;
  /** Calls fn once, when now() reaches `at` (or at once if it already has). */
  at(at: number, fn: () => void): TimerHandle;
}

export class SystemClock implements Clock {
  now(): number {
    return performance.now();
  }
  wall(): number {
    return Date.now();
  }
  at(at: number, fn: () => void): TimerHandle {
    // A timer may fire a hair early (rounding to whole ms); the caller re-checks its deadline against now() and
    // re-arms, so early is harmless and late is bounded by the event loop.
    const t = setTimeout(fn, Math.max(0, Math.ceil(at - this.now())));
    return { cancel: () => clearTimeout(t) };
  }
}

/**
 * Keeps the process alive while it waits only for signals and child exits, which do not hold Bun's event loop open
 * by themselves. The timer fires every 2^30 ms (12 days) and does nothing: no idle cost.
 */
export function keepAlive(): () => void {
  const t = setInterval(() => {}, 2 ** 30);
  return () => clearInterval(t);
}
