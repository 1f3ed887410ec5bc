// Runs one supervisorctl (ours or the reference) and masks what legitimately differs between two runs.
import { SUPERVISORCTL } from "../../support/paths";
import { refBin } from "../../support/reference";
import { type RunResult, testEnv } from "../../support/run";

export type CtlKind = "reference" | "ours";

export function ctlBin(kind: CtlKind): string {
  return kind === "reference" ? refBin("supervisorctl") : SUPERVISORCTL;
}

export interface RunOptions {
  cwd: string;
  stdin?: string;
  /** Send Ctrl-C (SIGINT) once stdout matches this, as a user ends tail -f. */
  interruptWhen?: RegExp;
  env?: Record<string, string>;
}

export async function runCtl(kind: CtlKind, args: string[], opts: RunOptions): Promise<RunResult> {
  const proc = Bun.spawn([ctlBin(kind), ...args], {
    cwd: opts.cwd,
    env: testEnv(opts.env),
    stdin: opts.stdin === undefined ? "ignore" : new TextEncoder().encode(opts.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  try {
    const readStdout = async () => {
      let text = "";
      let interrupted = false;
      const decoder = new TextDecoder();
      for await (const chunk of proc.stdout) {
        text += decoder.decode(chunk, { stream: true });
        if (opts.interruptWhen && !interrupted && opts.interruptWhen.test(text)) {
          interrupted = true;
          proc.kill("SIGINT");
        }
      }
      return text + decoder.decode();
    };
    const [stdout, stderr, exitCode] = await Promise.all([readStdout(), new Response(proc.stderr).text(), proc.exited]);
    return { stdout, stderr, exitCode };
  } finally {
    clearTimeout(timer);
  }
}

/** Replaces pids, uptimes, stop times, log timestamps, the temp folder, the port and Python's file:line. */
export function mask(text: string, dir: string, port: number): string {
  return text
    .replaceAll(dir, "<DIR>")
    .replaceAll(String(port), "<PORT>")
    .replace(/pid \d+, uptime \d+:\d\d:\d\d/g, "pid <PID>, uptime <UP>")
    .replace(/^\d+$/gm, "<N>")
    .replace(/[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M/g, "<DATE>")
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/g, "<TS>")
    .replace(/file: \S+ line: \d+/g, "file: <F> line: <L>");
}
