// Daemon mode without fork(): Bun cannot fork a running VM, so the foreground process re-executes its own binary
// detached (setsid, new session and process group) and waits for the copy to say it is up on a pipe. Only then does
// it return to the shell, which is what systemd's Type=forking expects; a copy that fails before that point takes
// the foreground process's exit status with it.
import { writeSync } from "node:fs";

/** Set in the copy's environment; its presence means "you are the daemon: report readiness on stdout". */
export const DAEMON_ENV = "SUPERVISORD_DAEMON_CHILD";
const READY = "ready\n";

/** True in the detached copy. Also removes the marker, so that the daemon's children do not inherit it. */
export function takeDaemonMarker(): boolean {
  const copy = process.env[DAEMON_ENV] === "1";
  delete process.env[DAEMON_ENV];
  return copy;
}

/** The command that runs this program again with the same arguments. */
function selfCommand(): string[] {
  const script = process.argv[1] ?? "";
  // A compiled binary's script lives in Bun's embedded filesystem; `bun src/main.ts` needs the script path.
  const args = process.argv.slice(2);
  return script.startsWith("/$bunfs/") ? [process.execPath, ...args] : [process.execPath, script, ...args];
}

/**
 * Starts the detached copy and resolves with the exit status the foreground process should end with: 0 once the
 * copy reports ready, otherwise the copy's own exit status (its error went to the shared stderr).
 */
export async function detachAndWait(): Promise<number> {
  const child = Bun.spawn({
    cmd: selfCommand(),
    argv0: process.argv0,
    env: { ...process.env, [DAEMON_ENV]: "1" },
    detached: true,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = child.stdout.getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
    if (text.includes(READY)) {
      reader.releaseLock();
      child.unref();
      return 0;
    }
  }
  const code = await child.exited;
  return code === 0 ? 1 : code;
}

/** Called by the copy once it is up (pid file written, servers listening, programs starting). */
export function reportReady(): void {
  try {
    writeSync(1, READY);
  } catch {
    // The foreground process is gone (killed while waiting): nobody to tell.
  }
}
