// supervisord as PID 1 (a container): orphaned grandchildren become its children, and it must reap them.
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isAlive, writeConfig, testScope } from "../support/daemon";
import { SUPERVISORD } from "../support/paths";
import { testEnv } from "../support/run";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

const canUnshare = process.getuid?.() === 0 && Bun.spawnSync(["unshare", "-fp", "--mount-proc", "true"]).exitCode === 0;

/** Zombie children of `ppid`, from the host's /proc. */
function zombiesOf(ppid: number): number[] {
  return readdirSync("/proc").flatMap((d) => {
    if (!/^\d+$/.test(d)) return [];
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return state === "Z" && Number(parent) === ppid ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
}

/** The supervisord inside the namespace: unshare's only child. */
function childOf(ppid: number): number | null {
  const kids = readFileSync(`/proc/${ppid}/task/${ppid}/children`, "utf8").trim();
  return kids ? Number(kids.split(" ")[0]) : null;
}

test.skipIf(!canUnshare)("as PID 1, orphaned grandchildren are reaped: no zombie is left", async () => {
  // Two subshells each leave an orphan that lives 0.2 s; the program itself stays up.
  const cfg = writeConfig('[program:leaver]\ncommand=/bin/sh -c "(sleep 0.2 &); (sleep 0.2 &); exec sleep 2147483647"\nstartsecs=0\n');
  cleanups.push(cfg.cleanup);
  const proc = Bun.spawn(["unshare", "-fp", "--mount-proc", SUPERVISORD, "-n", "-c", cfg.file], {
    cwd: cfg.dir,
    env: testEnv(),
    stdio: ["ignore", "ignore", "pipe"],
  });
  started.push(proc.pid);
  const sd = await waitFor("supervisord inside the namespace", () => childOf(proc.pid)).catch(async (e) => {
    throw new Error(`${e.message}; unshare said: ${await new Response(proc.stderr).text()}`);
  });
  started.push(sd);
  const log = join(cfg.dir, "supervisord.log");
  const reaped = await waitFor("two orphans reaped", () => {
    const lines = readFileSync(log, "utf8").split("\n").filter((l) => / reaped unknown pid \d+ \(exit status 0\)$/.test(l));
    return lines.length === 2 ? lines : null;
  });
  expect(reaped).toHaveLength(2);
  expect(zombiesOf(sd)).toEqual([]);
  process.kill(sd, "SIGTERM"); // unshare does not pass signals on
  expect(await proc.exited).toBe(0);
  expect(isAlive(sd)).toBe(false);
}, 20_000);
