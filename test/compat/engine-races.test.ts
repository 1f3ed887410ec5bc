// Differential: the engine's races driven through supervisorctl, on the reference 4.2.5 (its own supervisorctl) and
// on ours: what supervisorctl prints and the main-log sequence must match.
import { describe, expect, test } from "bun:test";
import { type DaemonRun as Run, DaemonRun, type Flavour, normaliseMessages, testScope, writeConfig } from "../support/daemon";
import { SUPERVISORCTL } from "../support/paths";
import { REFERENCE_SITE, REFERENCE_SKIP_REASON, refBin } from "../support/reference";
import { run } from "../support/run";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

const SERVER =
  "[unix_http_server]\nfile=%(here)s/supervisor.sock\n" +
  "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n" +
  "[supervisorctl]\nserverurl=unix://%(here)s/supervisor.sock\n";

interface Race {
  name: string;
  programs: string;
  /** Drives the daemon; returns what supervisorctl printed. */
  drive(d: Run, ctl: (...args: string[]) => Promise<string>): Promise<string>;
  /** Compare each distinct line once, in order of first appearance: how many retries fit before the stop depends
   * on how fast each side's supervisorctl is. */
  distinct?: boolean;
}

const RACES: Race[] = [
  {
    name: "a stop while STARTING is a stop, not a failed start",
    programs: "[program:slow]\ncommand=forever\nstartsecs=30\n",
    drive: async (d, ctl) => {
      await d.waitForLine("spawned: 'slow'");
      return ctl("stop", "slow");
    },
  },
  {
    name: "a start while BACKOFF is refused as already started; a stop of it needs no signal",
    programs: "[program:flap]\ncommand=exit-with 1\nstartsecs=5\nstartretries=20\n",
    distinct: true,
    drive: async (d, ctl) => {
      // After the third exit the back-off lasts 3 s: enough for two of the reference's supervisorctl calls (up to a
      // second each on a busy machine) to land before the next spawn; after the first it was only 1 s.
      await waitFor("flap's third exit", () => d.messages().filter((m) => m.startsWith("exited: flap")).length >= 3, { timeoutMs: 20_000 });
      const start = await ctl("start", "flap");
      const stop = await ctl("stop", "flap");
      return start + stop;
    },
  },
];

async function race(r: Race, flavour: Flavour) {
  const cfg = writeConfig(SERVER + r.programs);
  cleanups.push(cfg.cleanup);
  const d = new DaemonRun(cfg.dir, cfg.file, flavour);
  started.push(d.proc.pid);
  const bin = flavour === "ours" ? SUPERVISORCTL : refBin("supervisorctl");
  const env: Record<string, string> = flavour === "reference" && REFERENCE_SITE ? { PYTHONPATH: REFERENCE_SITE } : {};
  const ctl = async (...args: string[]) => (await run([bin, "-c", cfg.file, ...args], { env })).stdout;
  const printed = await r.drive(d, ctl);
  expect(await d.stop()).toBe(0);
  // "waiting for x to stop" races in the reference (see engine-reload.test.ts); the rest must match.
  const log = normaliseMessages(d.messages()).filter((m) => !/^waiting for \S+ to stop$/.test(m));
  return { printed, log: r.distinct ? [...new Set(log)] : log };
}

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`engine races vs reference 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  for (const r of RACES) {
    test(r.name, async () => {
      const [reference, ours] = await Promise.all([race(r, "reference"), race(r, "ours")]);
      expect(ours.printed).toBe(reference.printed);
      expect(ours.log).toEqual(reference.log);
    }, 40_000);
  }
});
