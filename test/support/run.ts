// Runs a binary with the fixed environment the e2e tests use (TZ=UTC, NO_COLOR=1, fixture programs on PATH).
import { FIXTURE_BIN } from "./paths";

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${FIXTURE_BIN}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: process.env.HOME ?? "/root",
    TZ: "UTC",
    NO_COLOR: "1",
    LANG: "C.UTF-8",
    ...extra,
  };
}

export async function run(
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  const proc = Bun.spawn(argv, {
    cwd: opts.cwd,
    env: testEnv(opts.env),
    stdin: opts.stdin === undefined ? "ignore" : new TextEncoder().encode(opts.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), opts.timeoutMs ?? 20_000);
  try {
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    return { stdout, stderr, exitCode };
  } finally {
    clearTimeout(timer);
  }
}
