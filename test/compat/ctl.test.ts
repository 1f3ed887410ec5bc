// supervisorctl, ours beside 4.2.5's, against the same daemon: every scenario's stdout, stderr and exit status must
// match byte for byte once pids, times, paths and the port are masked.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { SUPERVISORCTL } from "../support/paths";
import { Daemon, daemonKinds, daemonSkipReason } from "./ctl/daemon";
import { type CtlKind, mask, runCtl } from "./ctl/runner";
import { SCENARIOS, type Scenario } from "./ctl/scenarios";

const OURS_MISSING = existsSync(SUPERVISORCTL) ? null : `${SUPERVISORCTL} not built (bun scripts/build.ts)`;

/**
 * Scenarios run in LANES lanes per daemon kind: each lane is its own daemon and plays its scenarios one at a time
 * (they change the daemon's state) while the lanes overlap. Python's start-up (about a second of CPU for each of
 * 4.2.5's supervisorctl runs) is most of the time, so this uses both cores of a CI machine.
 */
const LANES = Number(process.env.CTL_COMPAT_LANES ?? 2);

/** Runs calls one after another, in the order they were made. */
function queue(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const run = tail.then(fn);
    tail = run.catch(() => {});
    return run;
  };
}

async function play(d: Daemon, s: Scenario, kind: CtlKind): Promise<string> {
  if (!s.offline) await d.baseline();
  await s.prepare?.(d);
  try {
    const r = await runCtl(kind, s.args(d), { cwd: d.dir, stdin: s.stdin, interruptWhen: s.interruptWhen });
    let stdout = s.unordered ? `${r.stdout.split("\n").filter(Boolean).sort().join("\n")}\n` : r.stdout;
    let stderr = r.stderr;
    // 4.2.5 ends tail -f on Ctrl-C in one of two ways, depending on whether the signal lands while it waits for data
    // (a blank line) or while it handles some (this line on stderr). Ours always does the first; fold the second.
    const interrupted = /^.* Cannot connect, error: <class 'KeyboardInterrupt'> \(\)\n/m;
    if (s.interruptWhen && interrupted.test(stderr)) {
      stderr = stderr.replace(interrupted, "");
      stdout += "\n";
    }
    return mask(`--- stdout\n${stdout}--- stderr\n${stderr}--- exit ${r.exitCode}\n`, d.dir, d.port);
  } finally {
    await s.restore?.(d);
  }
}

const kinds = daemonKinds();
const firstRunning = kinds.find((k) => daemonSkipReason(k) === null && OURS_MISSING === null);
const online = SCENARIOS.filter((s) => !s.offline);

for (const kind of kinds) {
  const skip = daemonSkipReason(kind) ?? OURS_MISSING;
  describe.skipIf(skip !== null)(`supervisorctl against the ${kind} supervisord${skip ? ` (skipped: ${skip})` : ""}`, () => {
    const lanes: { d: Daemon; serial: ReturnType<typeof queue> }[] = [];
    beforeAll(async () => {
      const started = await Promise.allSettled(Array.from({ length: LANES }, () => Daemon.start(kind)));
      for (const r of started) if (r.status === "fulfilled") lanes.push({ d: r.value, serial: queue() });
      const failed = started.find((r) => r.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
    }, 60_000);
    afterAll(async () => {
      await Promise.all(lanes.splice(0).map((l) => l.d.stop()));
    }, 30_000);
    const compare = async (d: Daemon, s: Scenario) => {
      const reference = await play(d, s, "reference");
      const ours = await play(d, s, "ours");
      expect(ours).toBe(reference);
    };
    // Offline scenarios cannot tell daemons apart: played once, with the first daemon kind that runs. They too go
    // through the lanes, which bounds how many supervisorctls start at once.
    const played = kind === firstRunning ? SCENARIOS : online;
    const laneLength = Math.ceil(played.length / LANES);
    played.forEach((s, i) => {
      const lane = () => lanes[i % LANES];
      // A test's clock starts when it is queued, so it may wait for the rest of its lane first.
      test.concurrent(s.name, () => lane().serial(() => compare(lane().d, s)), 30_000 * laneLength);
    });
  });

  describe.skipIf(skip !== null)(`supervisorctl shutdown and reload against the ${kind} supervisord`, () => {
    for (const line of ["shutdown", "reload"]) {
      test(line, async () => {
        const outputs: string[] = [];
        for (const ctl of ["reference", "ours"] as const) {
          const d = await Daemon.start(kind, "\n[program:sleeper]\ncommand=sleep 1000\nstartsecs=0\n");
          try {
            const r = await runCtl(ctl, ["-c", d.conf, line], { cwd: d.dir });
            if (line === "shutdown") await d.exited();
            else await d.settle();
            outputs.push(mask(`${r.stdout}|${r.stderr}|${r.exitCode}`, d.dir, d.port));
          } finally {
            await d.stop();
          }
        }
        expect(outputs[1]).toBe(outputs[0]);
      }, 60_000);
    }
  });
}
