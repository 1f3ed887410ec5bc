import { expect, test } from "bun:test";
import { orphansComeToUs, watchOrphans } from "../../../src/platform/reaper";
import type { DaemonSignal, SignalSource } from "../../../src/platform/signals";

class FakeSignals implements SignalSource {
  handlers = new Map<DaemonSignal, (sig: DaemonSignal) => void>();
  listen<S extends DaemonSignal>(handler: (sig: S) => void, signals: S[]): () => void {
    for (const s of signals) this.handlers.set(s, handler as (sig: DaemonSignal) => void);
    return () => {
      for (const s of signals) this.handlers.delete(s);
    };
  }
}

test("the test runner is neither PID 1 nor a subreaper: orphans cannot reach it", () => {
  expect(orphansComeToUs()).toBe(false);
});

test("SIGCHLD is listened to until the first one shows that orphans cannot reach us; then the listener goes", () => {
  const signals = new FakeSignals();
  let asked = 0;
  const stop = watchOrphans(signals, () => (asked++, new Set()), () => {});
  expect([...signals.handlers.keys()]).toEqual(["SIGCHLD"]);
  signals.handlers.get("SIGCHLD")!("SIGCHLD");
  expect(signals.handlers.size).toBe(0);
  expect(asked).toBe(0); // no /proc scan either
  stop(); // stopping again is harmless
});

test("stopped before any SIGCHLD, the listener goes", () => {
  const signals = new FakeSignals();
  watchOrphans(signals, () => new Set(), () => {})();
  expect(signals.handlers.size).toBe(0);
});
