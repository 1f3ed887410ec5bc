import { describe, expect, test } from "bun:test";
import type { ProcessStateName } from "../../../src/core/states";
import { whenLaunched, type Watchable } from "../../../src/daemon/launch-watch";

/** A process whose state changes are driven by the test. */
class FakeProcess implements Watchable {
  private readonly fns = new Set<(to: ProcessStateName) => void>();
  watch(fn: (to: ProcessStateName) => void) {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  to(state: ProcessStateName): void {
    for (const fn of [...this.fns]) fn(state);
  }
  get watchers(): number {
    return this.fns.size;
  }
}

describe("whenLaunched", () => {
  test("settles once every program started has left STARTING and BACKOFF, and stops watching", () => {
    const [a, b, manual] = [new FakeProcess(), new FakeProcess(), new FakeProcess()];
    let settled = 0;
    whenLaunched([a, b, manual], () => (a.to("STARTING"), b.to("STARTING")), () => settled++);
    a.to("RUNNING");
    b.to("BACKOFF");
    b.to("STARTING");
    expect(settled).toBe(0);
    b.to("FATAL");
    expect(settled).toBe(1);
    a.to("STOPPING");
    a.to("STARTING");
    a.to("RUNNING");
    expect(settled).toBe(1);
    expect([a.watchers, b.watchers, manual.watchers]).toEqual([0, 0, 0]);
  });

  test("settles at once when start sets nothing going", () => {
    let settled = 0;
    whenLaunched([new FakeProcess()], () => {}, () => settled++);
    expect(settled).toBe(1);
  });

  test("does not settle during start, between one program's start and the next", () => {
    const [a, b] = [new FakeProcess(), new FakeProcess()];
    let settled = 0;
    whenLaunched([a, b], () => (a.to("STARTING"), a.to("RUNNING"), b.to("STARTING")), () => settled++);
    expect(settled).toBe(0);
    b.to("RUNNING");
    expect(settled).toBe(1);
  });
});
