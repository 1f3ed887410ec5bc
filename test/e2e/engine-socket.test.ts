// The socket of a running supervisord is not taken over; a socket left by a crash is.
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DaemonRun, writeConfig, testScope } from "../support/daemon";
import { SUPERVISORD } from "../support/paths";
import { run } from "../support/run";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

function socketConfig() {
  const cfg = writeConfig(
    "[program:calm]\ncommand=forever\nstartsecs=0\n" +
      "[unix_http_server]\nfile=%(here)s/supervisor.sock\n" +
      "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n",
  );
  cleanups.push(cfg.cleanup);
  return { ...cfg, sock: join(cfg.dir, "supervisor.sock") };
}

test("a second supervisord on the same socket refuses with 4.2.5's message; a stale socket is reused", async () => {
  const cfg = socketConfig();
  const first = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(first.proc.pid);
  await first.waitForLine("spawned: 'calm'");
  const firstCalm = first.spawnedPid("calm");
  started.push(firstCalm);
  await waitFor("socket", () => existsSync(cfg.sock));

  const second = await run([SUPERVISORD, "-n", "-c", cfg.file]);
  expect(second.exitCode).toBe(2);
  expect(second.stderr).toStartWith(
    "Error: Another program is already listening on a port that one of our HTTP servers is configured to use.  " +
      "Shut this program down first before starting supervisord.\n",
  );

  // In daemon mode the refusal reaches the shell too: the foreground process waits for the daemon to be up.
  const detached = await run([SUPERVISORD, "-c", cfg.file]);
  expect(detached.exitCode).toBe(2);
  expect(detached.stderr).toContain("Error: Another program is already listening on a port");

  // A crash leaves the socket file behind; the next supervisord removes it and starts.
  first.signal("SIGKILL");
  await first.exited();
  expect(existsSync(cfg.sock)).toBe(true);
  const third = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(third.proc.pid);
  await waitFor("a second start", () => third.messages().filter((m) => m.startsWith("supervisord started")).length === 2);
  // Both runs write the same main log: the newest "spawned" line is the third run's.
  await waitFor("calm respawned", () => third.spawnedPid("calm") !== firstCalm);
  started.push(third.spawnedPid("calm"));
  expect(await third.stop()).toBe(0);
  expect(existsSync(cfg.sock)).toBe(false);
}, 30_000);
