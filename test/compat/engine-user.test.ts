// Differential: user= on the reference 4.2.5 and on ours, with a user made for the test (primary group plus two
// supplementary groups). What the child sees (id, its environment, its pid) and what a failure writes must match.
// Needs root (only root may switch users; the non-root refusal is itself one of the scenarios) and useradd.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, chownSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Flavour, DaemonRun, normaliseMessages, testScope, writeConfig } from "../support/daemon";
import { REFERENCE_SKIP_REASON } from "../support/reference";
import { run } from "../support/run";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();
const CAN_ADD_USERS = process.getuid?.() === 0 && Bun.which("useradd") !== null;
const USER = `svu${process.pid}`;
const GROUPS = [`svg${process.pid}a`, `svg${process.pid}b`, `svg${process.pid}c`];
let uid = -1;

async function must(argv: string[]): Promise<void> {
  const r = await run(argv);
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")}: ${r.stderr}`);
}

beforeAll(async () => {
  if (!CAN_ADD_USERS || REFERENCE_SKIP_REASON) return;
  for (const g of GROUPS) await must(["groupadd", g]);
  await must(["useradd", "-M", "-N", "-s", "/bin/sh", "-d", "/nonexistent", "-g", GROUPS[0], "-G", `${GROUPS[1]},${GROUPS[2]}`, USER]);
  uid = Number(readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${USER}:`))!.split(":")[2]);
});

afterAll(async () => {
  if (uid === -1) return;
  await run(["userdel", USER]);
  for (const g of GROUPS) await run(["groupdel", g]);
});

interface Outcome {
  log: string[];
  stdout: string;
  stderr: string;
}

/** Runs one config until `until` is logged; the child's stdout/stderr logs come back with the folder masked. */
async function scenario(flavour: Flavour, programs: (dir: string) => string, until: string, supervisord = ""): Promise<Outcome> {
  const cfg = writeConfig("", supervisord);
  cleanups.push(cfg.cleanup);
  writeFileSync(cfg.file, programs(cfg.dir), { flag: "a" });
  if (supervisord.includes("user=")) chownSync(cfg.dir, uid, -1);
  const d = new DaemonRun(cfg.dir, cfg.file, flavour);
  started.push(d.proc.pid);
  await d.waitForLine(until, 20_000);
  const read = (f: string) => (existsSync(join(cfg.dir, f)) ? readFileSync(join(cfg.dir, f), "utf8").replaceAll(cfg.dir, "DIR") : "");
  const pidLine = d.messages().find((m) => m.startsWith("spawned: "));
  if (pidLine) started.push(Number(pidLine.split(" ").at(-1)));
  const outcome = () => ({ log: normaliseMessages(d.messages()).map((m) => m.replaceAll(cfg.dir, "DIR")), stdout: read("out.log"), stderr: read("err.log") });
  if (programs(cfg.dir).includes("echo ready")) {
    // The program is the very process supervisord spawned (no helper left in between), and in the end the real one.
    const pid = d.spawnedPid("who");
    await waitFor("the child's report", () => read("out.log").endsWith("ready\n"));
    expect(read("out.log")).toStartWith(`pid=${pid}\n`);
    await waitFor("the exec of sleep", () => readFileSync(`/proc/${pid}/cmdline`, "utf8") === "sleep\x002147483647\x00");
  }
  const seen = outcome();
  expect(await d.stop()).toBe(0);
  return { ...seen, stdout: seen.stdout.replace(/pid=\d+/, "pid=N") };
}

const LOGS = "stdout_logfile=%(here)s/out.log\nstderr_logfile=%(here)s/err.log\nstartretries=0\nstartsecs=5\n";

describe.skipIf(!CAN_ADD_USERS || REFERENCE_SKIP_REASON !== null)(
  `user= vs reference 4.2.5 ${CAN_ADD_USERS ? (REFERENCE_SKIP_REASON ?? "") : "(needs root and useradd)"}`,
  () => {
    const both = async (...args: Parameters<typeof scenario> extends [Flavour, ...infer R] ? R : never) => {
      const [reference, ours] = await Promise.all([scenario("reference", ...args), scenario("ours", ...args)]);
      expect(ours).toEqual(reference);
      return ours;
    };

    test("the child has the user's uid, primary group and supplementary groups; the environment is left as it was", async () => {
      const script = `echo pid=$$; id; env | grep -E '^(HOME|USER|LOGNAME|SHELL)=' | sort; echo ready; exec sleep 2147483647`;
      const ours = await both(
        () => `[program:who]\ncommand=/bin/sh -c "${script}"\nuser=${USER}\ndirectory=/\n${LOGS}startsecs=0\n`,
        "success: who",
      );
      expect(ours.stdout).toStartWith(`pid=N\nuid=${uid}(${USER}) gid=`);
      for (const g of GROUPS) expect(ours.stdout).toContain(`(${g})`);
      expect(ours.stdout).toContain(`HOME=${process.env.HOME ?? "/root"}\n`);
    }, 45_000);

    test("a directory the user may not enter fails in the child: EACCES, exit 127, FATAL", async () => {
      await both(() => `[program:who]\ncommand=forever\nuser=${USER}\ndirectory=%(here)s\n${LOGS}`, "gave up: who");
    }, 45_000);

    test("a command only root may run fails at exec in the child: EACCES, exit 127, FATAL", async () => {
      const ours = await both((dir) => {
        const bin = join(dir, "rootonly");
        writeFileSync(bin, "#!/bin/sh\nexec sleep 2147483647\n");
        chmodSync(bin, 0o700);
        return `[program:who]\ncommand=%(here)s/rootonly\nuser=${USER}\ndirectory=/\n${LOGS}`;
      }, "gave up: who");
      expect(ours.stderr).toBe("supervisor: couldn't exec DIR/rootonly: EACCES\nsupervisor: child process was not spawned\n");
    }, 45_000);

    test("a command not found is a spawn error in supervisord, before any user is taken: BACKOFF, FATAL", async () => {
      const ours = await both(() => `[program:who]\ncommand=no-such-program-anywhere\nuser=${USER}\n${LOGS}`, "gave up: who");
      expect(ours.log).toContain("spawnerr: can't find command 'no-such-program-anywhere'");
    }, 45_000);

    test("a supervisord that is not root refuses user= naming someone else, in the child", async () => {
      // The reference cannot take part: once it is not root, it can no longer import its own modules from root's
      // home. Its words come from its drop_privileges and its child's spawn path.
      const ours = await scenario("ours", () => `[program:who]\ncommand=forever\nuser=root\ndirectory=/\n${LOGS}`, "gave up: who", `user=${USER}`);
      expect(ours.stderr).toBe("supervisor: couldn't setuid to 0: Can't drop privilege as nonroot user\nsupervisor: child process was not spawned\n");
      expect(ours.log.filter((m) => !m.startsWith("received SIGTERM"))).toEqual([
        `Set uid to user ${uid} succeeded`,
        "supervisord started with pid N",
        "spawned: 'who' with pid N",
        "exited: who (exit status 127; not expected)",
        "gave up: who entered FATAL state, too many start retries too quickly",
      ]);
    }, 45_000);
  },
);
