// Differential: a reload as a diff (supervisorctl update) with one changed and one unchanged program, on the
// reference 4.2.5 (its own supervisorctl) and on ours (ours); the main-log sequences must match and the unchanged
// program must keep its pid.
import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { type Flavour, DaemonRun, normaliseMessages, writeConfig, testScope } from "../support/daemon";
import { SUPERVISORCTL } from "../support/paths";
import { REFERENCE_SITE, REFERENCE_SKIP_REASON, refBin } from "../support/reference";
import { run } from "../support/run";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

const programs = (bValue: string) =>
  `[program:a]\ncommand=forever\npriority=1\n[program:b]\ncommand=forever\npriority=2\nenvironment=V="${bValue}"\n`;

function serverSections(dir: string): string {
  return (
    `[unix_http_server]\nfile=${dir}/supervisor.sock\n` +
    "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n" +
    `[supervisorctl]\nserverurl=unix://${dir}/supervisor.sock\n`
  );
}

async function scenario(flavour: Flavour) {
  const cfg = writeConfig("");
  cleanups.push(cfg.cleanup);
  const write = (b: string) =>
    writeFileSync(
      cfg.file,
      `[supervisord]\nlogfile=${cfg.dir}/supervisord.log\npidfile=${cfg.dir}/supervisord.pid\nchildlogdir=${cfg.dir}\n` +
        serverSections(cfg.dir) +
        programs(b),
    );
  write("1");
  const d = new DaemonRun(cfg.dir, cfg.file, flavour);
  started.push(d.proc.pid);
  await d.waitForLine("success: b entered RUNNING state");
  const aPid = d.spawnedPid("a");
  const bPid = d.spawnedPid("b");
  started.push(aPid, bPid);
  write("2");
  const ctl = flavour === "ours" ? SUPERVISORCTL : refBin("supervisorctl");
  const env: Record<string, string> = flavour === "reference" && REFERENCE_SITE ? { PYTHONPATH: REFERENCE_SITE } : {};
  const update = await run([ctl, "-c", cfg.file, "update"], { env });
  await waitFor("b respawned", () => d.spawnedPid("b") !== bPid);
  started.push(d.spawnedPid("b"));
  await waitFor("b RUNNING again", () => d.messages().filter((m) => m.startsWith("success: b ")).length === 2);
  const pids = { aKept: d.spawnedPid("a") === aPid };
  expect(await d.stop()).toBe(0);
  // Whether 4.2.5 says "waiting for b to stop" depends on whether its reap() right after the kill already saw the
  // exit: a race in the reference, so that line is left out of the comparison (unit tests pin ours).
  const log = normaliseMessages(d.messages()).filter((m) => !/^waiting for \S+ to stop$/.test(m));
  return { log, update: update.stdout, ...pids };
}

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`reload vs reference 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  test("update restarts the changed program and keeps the unchanged one", async () => {
    const [reference, ours] = await Promise.all([scenario("reference"), scenario("ours")]);
    expect(reference.aKept).toBe(true);
    expect(ours.aKept).toBe(true);
    expect(ours.update).toBe(reference.update);
    expect(ours.log).toEqual(reference.log);
  }, 40_000);
});
