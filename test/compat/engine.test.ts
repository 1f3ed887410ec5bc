// Differential: the same scenarios on the reference supervisord 4.2.5 and on ours; the main-log message sequences
// must match once times and pids are masked. Each scenario runs both daemons side by side.
import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Flavour, DaemonRun, normaliseMessages, writeConfig, testScope } from "../support/daemon";
import { REFERENCE_SKIP_REASON } from "../support/reference";

const { started, cleanups } = testScope();

// Programs that must fail "too quickly" get startsecs=5, so that a busy machine (a slow fork or exec) cannot turn
// a quick failure into a run that reached RUNNING, on either side.
interface Scenario {
  name: string;
  programs: string;
  /** The line after which supervisord is told to shut down. */
  until: string;
  /** Files the config needs, written into its folder (paths relative to it). */
  files?: Record<string, string>;
}

const SCENARIOS: Scenario[] = [
  { name: "a crash loop ending in FATAL", programs: "[program:crash]\ncommand=exit-with 3\nstartretries=2\nstartsecs=5\n", until: "gave up: crash" },
  {
    name: "an expected exit",
    programs: "[program:done]\ncommand=exit-with 0 0.3\nstartsecs=0\n",
    until: "exited: done",
  },
  {
    name: "a stop timeout ending in SIGKILL",
    programs: "[program:stubborn]\ncommand=ignore-sigterm\nstopwaitsecs=1\n",
    until: "success: stubborn",
  },
  {
    name: "a group kill",
    programs: "[program:tree]\ncommand=tree %(here)s/tree.pids\nstopasgroup=true\nstartsecs=0\n",
    until: "success: tree",
  },
  {
    name: "a directory that does not exist",
    programs: "[program:lost]\ncommand=forever\ndirectory=/nonexistent-sv-dir\nstartretries=1\nstartsecs=5\n",
    until: "gave up: lost",
  },
  {
    name: "a command not found",
    programs: "[program:nope]\ncommand=no-such-program-anywhere\nstartretries=1\n",
    until: "gave up: nope",
  },
  {
    name: "included files and a glob that matches nothing (the start-up notes in 4.2.5's order)",
    programs: "[include]\nfiles=conf.d/*.conf nothing/*.conf\n",
    // one program: two of equal priority stop in an order that depends on timing, on either side
    files: { "conf.d/b.conf": "[program:b]\ncommand=forever\n", "conf.d/a.conf": "; nothing but a comment\n" },
    until: "success: b",
  },
];

async function runScenario(s: Scenario, flavour: Flavour): Promise<string[]> {
  const cfg = writeConfig(s.programs);
  cleanups.push(cfg.cleanup);
  for (const [path, text] of Object.entries(s.files ?? {})) {
    mkdirSync(dirname(join(cfg.dir, path)), { recursive: true });
    writeFileSync(join(cfg.dir, path), text);
  }
  const d = new DaemonRun(cfg.dir, cfg.file, flavour);
  started.push(d.proc.pid);
  await d.waitForLine(s.until, 15_000);
  expect(await d.stop()).toBe(0);
  return normaliseMessages(d.messages().map((m) => m.replaceAll(cfg.dir, "DIR")));
}

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`engine vs reference 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  for (const s of SCENARIOS) {
    test(s.name, async () => {
      const [reference, ours] = await Promise.all([runScenario(s, "reference"), runScenario(s, "ours")]);
      expect(ours).toEqual(reference);
    }, 30_000);
  }
});
