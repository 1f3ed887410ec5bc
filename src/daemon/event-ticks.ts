// TICK_5, TICK_60 and TICK_3600: when the wall clock enters a new 5 s slice, each period whose slice changed raises
// its event with `when` = the slice's start, in that order, as 4.2.5's tick() does. The first slice is only noted,
// so no tick fires at start-up. One timer, armed for the next 5 s boundary: nothing runs in between.
import type { EventBus, TickEvent } from "../core/events";
import type { Clock, TimerHandle } from "../platform/clock";

const PERIODS: [TickEvent["type"], number][] = [
  ["TICK_5", 5],
  ["TICK_60", 60],
  ["TICK_3600", 3600],
];

function timeslice(period: number, whenSeconds: number): number {
  return Math.floor(whenSeconds - (whenSeconds % period));
}

export class Ticks {
  private readonly last = new Map<number, number>();
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  get armed(): boolean {
    return this.timer !== null;
  }

  start(): void {
    const now = this.clock.wall() / 1000;
    for (const [, period] of PERIODS) this.last.set(period, timeslice(period, now));
    this.arm();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private arm(): void {
    const wallMs = this.clock.wall();
    const nextBoundaryMs = (timeslice(5, wallMs / 1000) + 5) * 1000;
    this.timer = this.clock.at(this.clock.now() + (nextBoundaryMs - wallMs), () => this.fire());
  }

  private fire(): void {
    const now = this.clock.wall() / 1000;
    for (const [type, period] of PERIODS) {
      const slice = timeslice(period, now);
      if (slice === this.last.get(period)) continue;
      this.last.set(period, slice);
      this.bus.emit({ type, when: slice });
    }
    this.arm();
  }
}
