// The order of a group call's results (startProcessGroup, stopProcessGroup, start/stopAllProcesses and the signal
// calls), on the reference 4.2.5 and on ours. 4.2.5 lists first what settled at once, in priority order (a fault,
// a start with startsecs=0, anything with nothing to wait for), then, each time it looks again at the processes it
// waits for (every 50 ms on a busy daemon), those done by then, again in priority order: not in the order they
// finished. Each case leaves wide margins, so that the answer does not depend on the machine's speed.
import { beforeAll, describe, expect, test } from "bun:test";
import { REFERENCE_SKIP_REASON } from "../support/reference";
import { freePort } from "../support/web-target";
import { type CompatDaemon, drive, type Flavour, startDaemon } from "./rpc/launch";
import { MAIN_CONFIG, type Step } from "./rpc/scenario";

// ticker keeps 4.2.5's loop awake, so that it looks again every 50 ms rather than once a second. Which of two
// processes that finish within 50 ms of each other 4.2.5 lists first depends on when its looks fall, so the cases
// here keep their finishes far apart.
// Stopping g: `late_trap` (priority 1) dies 0.3 s after SIGTERM, `kill9` (2) only at SIGKILL a second later, and
// `soon` (3) at once: listed soon, late_trap, kill9.
// Starting h: `slow` (1) and `slower` (2) wait 1 and 2 s for RUNNING; `zero` (3) is RUNNING at once and `missing`
// (4) fails at once: those two come first, in priority order.
const PROGRAMS = `[program:ticker]
command=sh -c 'while :; do echo tick; sleep 0.02; done'
startsecs=0
stdout_logfile=NONE

[program:late_trap]
command=sh -c 'trap "sleep 0.3; exit 0" TERM; while :; do sleep 0.01; done'
startsecs=0
priority=1

[program:kill9]
command=ignore-sigterm
startsecs=0
stopwaitsecs=1
priority=2

[program:soon]
command=forever
startsecs=0
priority=3

[group:g]
programs=soon,kill9,late_trap

[program:slower]
command=forever
autostart=false
startsecs=2
priority=2

[program:slow]
command=forever
autostart=false
startsecs=1
priority=1

[program:zero]
command=forever
autostart=false
startsecs=0
priority=3

[program:missing]
command=/nonexistent/program
autostart=false
priority=4

[group:h]
programs=missing,zero,slower,slow
`;

const running = (name: string): Step => ({
  label: `${name} running`, until: "supervisor.getProcessInfo", params: [name], path: ["statename"], equals: "RUNNING",
});

const STEPS: Step[] = [
  running("g:late_trap"),
  running("g:kill9"),
  running("g:soon"),
  { label: "signalProcessGroup", method: "supervisor.signalProcessGroup", params: ["g", "WINCH"] },
  { label: "stopProcessGroup", method: "supervisor.stopProcessGroup", params: ["g"] },
  { label: "startProcessGroup", method: "supervisor.startProcessGroup", params: ["h"] },
  { label: "startProcessGroup again", method: "supervisor.startProcessGroup", params: ["h"] },
  { label: "signalAllProcesses", method: "supervisor.signalAllProcesses", params: ["WINCH"] },
  { label: "stopAllProcesses, no wait", method: "supervisor.stopAllProcesses", params: [false] },
];

/** Each step's result as "name:status" in the order listed. */
async function orders(flavour: Flavour): Promise<Record<string, string>> {
  const daemon: CompatDaemon = await startDaemon(flavour, await freePort(), MAIN_CONFIG, { "programs.ini": PROGRAMS });
  try {
    const out: Record<string, string> = {};
    for (const r of await drive(daemon, STEPS)) {
      const ok = (r as { ok?: unknown }).ok;
      out[r.label] = Array.isArray(ok) ? ok.map((x: { name: string; status: number }) => `${x.name}:${x.status}`).join(" ") : JSON.stringify(r);
    }
    return out;
  } finally {
    await daemon.stop();
  }
}

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`group results order vs reference 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  let ours: Record<string, string>;
  let ref: Record<string, string>;
  beforeAll(async () => {
    [ours, ref] = await Promise.all([orders("ours"), orders("reference")]);
  }, 90_000);

  test("stopProcessGroup lists the processes in the order their stops end, far apart", () => {
    expect({ ours: ours.stopProcessGroup, ref: ref.stopProcessGroup }).toEqual({ ours: "soon:80 late_trap:80 kill9:80", ref: "soon:80 late_trap:80 kill9:80" });
  });

  test("startProcessGroup lists what settled at once first (priority order), then by startsecs", () => {
    const order = "zero:80 missing:20 slow:80 slower:80";
    expect({ ours: ours.startProcessGroup, ref: ref.startProcessGroup }).toEqual({ ours: order, ref: order });
    expect(ours["startProcessGroup again"]).toBe(ref["startProcessGroup again"]);
  });

  test("signal and no-wait calls list in priority order, groups by priority", () => {
    for (const label of ["signalProcessGroup", "signalAllProcesses", "stopAllProcesses, no wait"]) {
      expect(`${label}: ${ours[label]}`).toBe(`${label}: ${ref[label]}`);
    }
  });
});
