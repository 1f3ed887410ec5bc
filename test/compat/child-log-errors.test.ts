// Differential: a child log that cannot be opened, on the reference 4.2.5 and on ours. A stdout_logfile that is a
// directory fails every spawn before the fork ("spawnerr: unknown error making dispatchers …", BACKOFF, then FATAL,
// no pid); a log whose directory vanished makes clearProcessLogs answer FAILED naming the process, and
// clearAllProcessLogs report it for that process only. Main-log lines, getProcessInfo and the faults must match.
import { describe, expect, test } from "bun:test";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { XmlRpcFault } from "../../src/rpc/codec";
import { DaemonRun, type Flavour, normaliseMessages, testScope, writeConfig } from "../support/daemon";
import { REFERENCE_SKIP_REASON } from "../support/reference";
import { rpc } from "../e2e/http-client";

const { started, cleanups } = testScope();

const SERVER =
  "[unix_http_server]\nfile=%(here)s/supervisor.sock\n" +
  "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n";

// startsecs=5 on x: a busy machine must not matter, x never gets a pid anyway.
const PROGRAMS =
  "[program:x]\ncommand=forever\nstdout_logfile=%(here)s/adir\nstartretries=1\nstartsecs=5\n" +
  "[program:z]\ncommand=forever\nstdout_logfile=%(here)s/zdir/z.log\nstartsecs=0\n";

async function answer(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof XmlRpcFault) return { fault: err.faultCode, text: err.faultString };
    throw err;
  }
}

async function scenario(flavour: Flavour) {
  const cfg = writeConfig(SERVER + PROGRAMS);
  cleanups.push(cfg.cleanup);
  for (const d of ["adir", "zdir"]) mkdirSync(join(cfg.dir, d));
  const d = new DaemonRun(cfg.dir, cfg.file, flavour);
  started.push(d.proc.pid);
  const target = { unix: join(cfg.dir, "supervisor.sock") };
  await d.waitForLine("gave up: x", 15_000);
  await d.waitForLine("success: z", 15_000);
  const info = (await rpc(target, "supervisor.getProcessInfo", "x")) as Record<string, unknown>;
  rmSync(join(cfg.dir, "zdir"), { recursive: true });
  const clearZ = await answer(() => rpc(target, "supervisor.clearProcessLogs", "z"));
  const clearX = await answer(() => rpc(target, "supervisor.clearProcessLogs", "x"));
  const clearAll = await answer(() => rpc(target, "supervisor.clearAllProcessLogs"));
  expect(await d.stop()).toBe(0);
  const x = { state: info.statename, spawnerr: info.spawnerr, pid: info.pid, description: info.description };
  return { x, clearZ, clearX, clearAll, log: normaliseMessages(d.messages()).filter((m) => /'x'|: x /.test(m)) };
}

describe.skipIf(REFERENCE_SKIP_REASON !== null)(`child logs that cannot be opened vs 4.2.5 ${REFERENCE_SKIP_REASON ?? ""}`, () => {
  test("spawn error, BACKOFF then FATAL; clearProcessLogs FAILED", async () => {
    const [reference, ours] = await Promise.all([scenario("reference"), scenario("ours")]);
    expect(reference.x.spawnerr).toBe("unknown error making dispatchers for 'x': EISDIR");
    expect(reference.clearZ).toEqual({ fault: 30, text: "FAILED: z" });
    expect(reference.log).toEqual([
      ...Array(2).fill("spawnerr: unknown error making dispatchers for 'x': EISDIR"),
      "gave up: x entered FATAL state, too many start retries too quickly",
    ]);
    expect(ours).toEqual(reference);
  }, 40_000);
});
