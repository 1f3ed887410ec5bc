// Differential: the order in which programs start, on the reference 4.2.5 and on ours. 4.2.5 spawns every group in
// one pass of its loop and judges startsecs on a later pass, so startsecs=0 programs all log "spawned" before any
// logs "success", and their PROCESS_STATE events come in the same order. Groups of equal priority go by name;
// within a [group:x] the pass follows the programs= order, not priority.
import { describe, expect, test } from "bun:test";
import { type Flavour, DaemonRun, normaliseMessages, testScope, writeConfig } from "../support/daemon";
import { masked, runScenario, until } from "../support/events";
import { REFERENCE_SKIP_REASON } from "../support/reference";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

const PROGRAMS =
  "[program:a]\ncommand=forever\nstartsecs=0\n" +
  "[program:b]\ncommand=forever\nstartsecs=0\n" +
  "[program:c]\ncommand=forever\nstartsecs=0\npriority=1\n" +
  "[program:d]\ncommand=forever\nstartsecs=0\n" +
  "[group:g]\nprograms=b,c\n";

async function mainLog(flavour: Flavour): Promise<string[]> {
  const cfg = writeConfig(PROGRAMS);
  cleanups.push(cfg.cleanup);
  const d = new DaemonRun(cfg.dir, cfg.file, flavour);
  started.push(d.proc.pid);
  // The reference reaches RUNNING on its next pass, up to its 1-second poll later.
  await waitFor("four programs RUNNING", () => d.messages().filter((m) => m.startsWith("success: ")).length === 4, { timeoutMs: 20_000 });
  for (const name of ["a", "b", "c", "d"]) started.push(d.spawnedPid(name));
  expect(await d.stop()).toBe(0);
  // The stop's own order is engine-compat's subject (and races in the reference); this test is about the start.
  const messages = normaliseMessages(d.messages());
  return messages.slice(0, messages.findIndex((m) => m.startsWith("received SIGTERM")));
}

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`start order vs reference 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  test("startsecs=0: every program spawns before any reaches RUNNING; a group goes in programs= order", async () => {
    const [reference, ours] = await Promise.all([mainLog("reference"), mainLog("ours")]);
    expect(ours).toEqual(reference);
    expect(ours.filter((m) => /^(spawned|success)/.test(m)).map((m) => m.split(" ").slice(0, 2).join(" "))).toEqual([
      "spawned: 'a'",
      "spawned: 'd'",
      "spawned: 'b'",
      "spawned: 'c'",
      "success: a",
      "success: d",
      "success: b",
      "success: c",
    ]);
  }, 40_000);

  test("startsecs=0: PROCESS_STATE events, STARTING for all, then RUNNING for all", async () => {
    const scenario = {
      name: "start order",
      listener: "events=PROCESS_STATE",
      programs: PROGRAMS,
      drive: (sr: Parameters<typeof until>[0]) => until(sr, "PROCESS_STATE_RUNNING", /processname:[a-d] /, 4),
    };
    const [reference, ours] = await Promise.all([
      runScenario(scenario, "reference", started, cleanups),
      runScenario(scenario, "ours", started, cleanups),
    ]);
    expect(masked(ours.recorded)).toEqual(masked(reference.recorded));
    const order = ours.recorded.map((e) => `${e.headers.eventname!.slice(14)} ${/processname:(\S+)/.exec(e.payload)![1]}`);
    expect(order.filter((e) => !e.endsWith(" rec"))).toEqual([
      "STARTING a",
      "STARTING d",
      "STARTING b",
      "STARTING c",
      "RUNNING a",
      "RUNNING d",
      "RUNNING b",
      "RUNNING c",
    ]);
  }, 60_000);
});
