// Starts a supervisord for the compat scenario in its own folder (ours from dist/, or the reference), and runs
// the Python driver against it. RPC_COMPAT_OURS may name another command for "ours" (a development build).
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SUPERVISORD } from "../../support/paths";
import { REFERENCE_SITE, refBin } from "../../support/reference";
import { testEnv } from "../../support/run";
import { makeTmpDir } from "../../support/tmp";
import { waitFor } from "../../support/wait";
import type { StepResult } from "./mask";
import type { Step } from "./scenario";

export type Flavour = "ours" | "reference";

const DRIVER = join(import.meta.dir, "driver.py");

export interface CompatDaemon {
  dir: string;
  port: number;
  unixUrl: string;
  inetUrl: string;
  proc: ReturnType<typeof Bun.spawn>;
  stop(): Promise<void>;
}

function command(flavour: Flavour): string[] {
  if (flavour === "reference") return [refBin("supervisord")];
  return process.env.RPC_COMPAT_OURS ? process.env.RPC_COMPAT_OURS.split(" ") : [SUPERVISORD];
}

export async function startDaemon(
  flavour: Flavour,
  port: number,
  mainConfig: string,
  files: Record<string, string>,
): Promise<CompatDaemon> {
  const tmp = makeTmpDir(`sv-rpc-${flavour}-`);
  const dir = realpathSync(tmp.dir);
  const fill = (text: string) => text.replaceAll("{DIR}", dir).replaceAll("{PORT}", String(port));
  const conf = join(dir, "supervisord.conf");
  writeFileSync(conf, fill(mainConfig));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), fill(text));
  const env = testEnv(flavour === "reference" && REFERENCE_SITE ? { PYTHONPATH: REFERENCE_SITE } : {});
  const errFile = join(dir, "daemon.stderr");
  const proc = Bun.spawn([...command(flavour), "-n", "-c", conf], {
    cwd: dir, env, stdin: "ignore", stdout: "ignore", stderr: Bun.file(errFile),
  });
  const stop = async () => {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    await proc.exited;
    clearTimeout(timer);
    tmp.cleanup();
  };
  const sock = join(dir, "rpc.sock");
  try {
    await waitFor(`${flavour} supervisord socket`, () => {
      if (proc.exitCode !== null) throw new Error(`exited ${proc.exitCode}: ${readFileSync(errFile, "utf8")}`);
      return existsSync(sock);
    }, { timeoutMs: 30_000 }); // 4.2.5's start-up alone takes seconds on a busy machine
  } catch (e) {
    await stop();
    throw e;
  }
  return { dir, port, unixUrl: `unix://${sock}`, inetUrl: `http://user:pass@127.0.0.1:${port}`, proc, stop };
}

let python: string | undefined;

/** The interpreter behind `python3`, found once: a version-manager shim costs a second per start on a busy box. */
function pythonExecutable(): string {
  python ??= Bun.spawnSync(["python3", "-c", "import sys; print(sys.executable)"]).stdout.toString().trim() || "python3";
  return python;
}

/** Runs the steps through Python's xmlrpc.client; one result per step. */
export async function drive(daemon: CompatDaemon, steps: Step[]): Promise<StepResult[]> {
  const proc = Bun.spawn([pythonExecutable(), DRIVER, daemon.unixUrl, daemon.inetUrl, daemon.dir], {
    env: testEnv(), stdin: new TextEncoder().encode(JSON.stringify(steps)), stdout: "pipe", stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 60_000);
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  await proc.exited;
  clearTimeout(timer);
  if (proc.exitCode !== 0) throw new Error(`driver failed (${proc.exitCode}): ${err}`);
  return out.split("\n").filter(Boolean).map((l) => JSON.parse(l) as StepResult);
}
