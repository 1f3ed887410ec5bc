// supervisorctl, ours beside 4.2.5's, against the same daemon: every scenario's stdout, stderr and exit status must
// match byte for byte once pids, times, paths and the port are masked.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { SUPERVISORCTL } from "../support/paths";
import { Daemon, daemonKinds, daemonSkipReason } from "./ctl/daemon";
import { type CtlKind, mask, runCtl } from "./ctl/runner";
import { SCENARIOS, type Scenario } from "./ctl/scenarios";

const OURS_MISSING = existsSync(SUPERVISORCTL) ? null : `${SUPERVISORCTL} not built (bun scripts/build.ts)`;

async function play(d: Daemon, s: Scenario, kind: CtlKind): Promise<string> {
  await d.baseline();
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

for (const kind of daemonKinds()) {
  const skip = daemonSkipReason(kind) ?? OURS_MISSING;
  describe.skipIf(skip !== null)(`supervisorctl against the ${kind} supervisord${skip ? ` (skipped: ${skip})` : ""}`, () => {
    let d: Daemon;
    beforeAll(async () => {
      d = await Daemon.start(kind);
    }, 60_000);
    afterAll(async () => {
      await d?.stop();
    }, 30_000);
    for (const s of SCENARIOS) {
      test(s.name, async () => {
        const reference = await play(d, s, "reference");
        const ours = await play(d, s, "ours");
        expect(ours).toBe(reference);
      }, 30_000);
    }
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
