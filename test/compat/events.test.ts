// Differential: every event listener scenario on the reference supervisord 4.2.5 and on ours, side by side; the
// events the listener received must match header for header and payload for payload, serials, pids and times
// masked. The overflow scenario also compares the main log's discard lines.
import { describe, expect, test } from "bun:test";
import { testScope } from "../support/daemon";
import { masked, runScenario, SCENARIOS } from "../support/events";
import { REFERENCE_SKIP_REASON } from "../support/reference";

const { started, cleanups } = testScope();

const overflowLines = (log: string[]) => log.filter((m) => m.includes("event buffer overflowed"));

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`events vs reference 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  for (const s of SCENARIOS) {
    test(s.name, async () => {
      const [reference, ours] = await Promise.all([
        runScenario(s, "reference", started, cleanups),
        runScenario(s, "ours", started, cleanups),
      ]);
      expect(masked(ours.recorded)).toEqual(masked(reference.recorded));
      expect(overflowLines(ours.log).length).toBe(overflowLines(reference.log).length);
      expect(ours.status).toBe(reference.status);
    }, 60_000);
  }
});
