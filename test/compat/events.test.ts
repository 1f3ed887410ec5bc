// Differential: every event listener scenario on the reference supervisord 4.2.5 and on ours; the events the listener
// received must match header for header and payload for payload, serials, pids and times masked, and so must the
// number of buffer-overflow lines in the main log. A few scenarios run at once (both daemons each): most of the
// time is Python starting.
import { describe, expect, test } from "bun:test";
import { testScope } from "../support/daemon";
import { type EventScenario, masked, runScenario, SCENARIOS } from "../support/events";
import { REFERENCE_SKIP_REASON } from "../support/reference";

const { started, cleanups } = testScope();

const overflowLines = (log: string[]) => log.filter((m) => m.includes("event buffer overflowed"));
const BATCH = 3;

async function compare(s: EventScenario) {
  const [reference, ours] = await Promise.all([
    runScenario(s, "reference", started, cleanups),
    runScenario(s, "ours", started, cleanups),
  ]);
  expect({ scenario: s.name, events: masked(ours.recorded) }).toEqual({ scenario: s.name, events: masked(reference.recorded) });
  expect({ scenario: s.name, overflows: overflowLines(ours.log).length }).toEqual({
    scenario: s.name,
    overflows: overflowLines(reference.log).length,
  });
  expect({ scenario: s.name, status: ours.status }).toEqual({ scenario: s.name, status: reference.status });
}

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`events vs reference 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  for (let i = 0; i < SCENARIOS.length; i += BATCH) {
    const batch = SCENARIOS.slice(i, i + BATCH);
    test(batch.map((s) => s.name).join("; "), async () => {
      await Promise.all(batch.map(compare));
    }, 180_000);
  }
});
