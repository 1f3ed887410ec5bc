import { expect, test } from "bun:test";
import { EventBus, type SupervisorEvent } from "../../../src/core/events";
import { Ticks } from "../../../src/daemon/event-ticks";
import { FakeClock } from "../../support/fake-platform";

test("ticks fire when their slice of wall time changes, with the slice start, never at start-up", () => {
  const clock = new FakeClock();
  clock.wallOffset = 3599_000 - 12_000; // wall = 3587 s at t=0
  const bus = new EventBus();
  const seen: SupervisorEvent[] = [];
  bus.subscribe("TICK", (e) => seen.push(e));
  const ticks = new Ticks(clock, bus);
  ticks.start();
  clock.advance(2_000); // 3589 s: same 5 s slice
  expect(seen).toEqual([]);
  clock.advance(1_000); // 3590 s
  expect(seen).toEqual([{ type: "TICK_5", when: 3590 }]);
  clock.advance(10_000); // 3600 s: a new minute and a new hour too, in 4.2.5's order
  expect(seen.slice(1)).toEqual([
    { type: "TICK_5", when: 3595 },
    { type: "TICK_5", when: 3600 },
    { type: "TICK_60", when: 3600 },
    { type: "TICK_3600", when: 3600 },
  ]);
  ticks.stop();
  clock.advance(60_000);
  expect(seen).toHaveLength(5);
});
