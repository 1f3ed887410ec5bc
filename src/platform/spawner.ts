// The only Bun.spawn of the daemon. Every child gets pipes for stdin, stdout and stderr (the last two real pipes, see
// pipes.ts) and leads its own session and process group (4.2.5 calls setpgrp() in the child for the same reason: a Ctrl-C meant for supervisord must not
// reach the children, and stopasgroup/killasgroup address the group). The exit is delivered by Bun's onExit, the
// moment the kernel reports it: there is no reaping poll, and no child is ever left a zombie.
import { statSync } from "node:fs";
import { join } from "node:path";
import { signame } from "../core/signals";
import { CommandResolver, type ResolvedCommand } from "./command";
import { execAsArgs } from "./exec-as";
import { type ChildOutput, PipeSource } from "./pipe-source";
import { closeFd, type OutputPipe, outputPipe } from "./pipes";
import { currentUid } from "./users";

export interface SpawnSpec {
  command: ResolvedCommand;
  env: Record<string, string>;
  cwd: string | null;
  umask: number | null;
  /** user=: the child runs as this uid, with its groups (4.2.5's drop_privileges); null runs it as ourselves. */
  uid: number | null;
  /** A descriptor the child gets as its fd 0 instead of a pipe (the socket of an [fcgi-program:x]). */
  stdinFd?: number;
  /** redirect_stderr: the child's fd 2 is its stdout pipe, as in 4.2.5, so the two keep the order they were written in. */
  stderrToStdout?: boolean;
}

export interface ChildExit {
  /** null when a signal ended the child. */
  code: number | null;
  /** "SIGTERM" etc., or null for a normal exit. */
  signal: string | null;
}

export interface ChildStdin {
  /** Throws an Error with code EPIPE once the child's stdin is closed. */
  write(data: string | Uint8Array): void;
  close(): void;
}

export interface Child {
  pid: number;
  stdout: ChildOutput;
  /** null when stderr shares the stdout pipe (SpawnSpec.stderrToStdout). */
  stderr: ChildOutput | null;
  stdin: ChildStdin;
}

export interface Spawner {
  /** Finds the program as 4.2.5 does before forking; throws NoFile / NotExecutable with 4.2.5's message. */
  resolve(command: string, argv: string[] | null, path: readonly string[]): ResolvedCommand;
  /** Starts the child or throws an Error whose message says why, in 4.2.5's words where it has them. */
  spawn(spec: SpawnSpec, onExit: (exit: ChildExit) => void): Child;
}

/** errno names for the messages 4.2.5 writes when a spawn fails ("couldn't chdir to /x: ENOENT"). */
function errnoName(err: unknown): string {
  return (err as { code?: string }).code ?? String(err);
}

export class BunSpawner implements Spawner {
  private readonly commands = new CommandResolver();

  /** @param self how to run this program itself, for the exec-as step of a user= child. */
  constructor(private readonly self: string[] = selfCommand()) {}

  resolve(command: string, argv: string[] | null, path: readonly string[]): ResolvedCommand {
    return this.commands.resolve(command, argv, path);
  }

  spawn(spec: SpawnSpec, onExit: (exit: ChildExit) => void): Child {
    const launch = this.launch(spec);
    const out = outputPipe();
    let err: OutputPipe | null = null;
    try {
      if (!spec.stderrToStdout) err = outputPipe();
    } catch (e) {
      closeFd(out.readFd);
      closeFd(out.writeFd);
      throw e;
    }
    const outSource = new PipeSource(out.readFd);
    const errSource = err && new PipeSource(err.readFd);
    // umask is process-wide and inherited at fork: set it for the (synchronous) spawn only.
    const previousUmask = launch.umask === null ? null : process.umask(launch.umask);
    let proc: Bun.Subprocess<"pipe", number, number>;
    try {
      proc = Bun.spawn({
        cmd: launch.cmd,
        argv0: launch.argv0,
        env: spec.env,
        cwd: launch.cwd,
        detached: true,
        stdin: (spec.stdinFd ?? "pipe") as "pipe",
        stdout: out.writeFd,
        stderr: (err ?? out).writeFd,
        onExit: (_p, code, signal) => {
          outSource.readNow();
          errSource?.readNow();
          onExit(signal ? { code: null, signal: signame(signal) } : { code: code ?? -1, signal: null });
        },
      });
    } catch (e) {
      closeFd(out.readFd);
      if (err) closeFd(err.readFd);
      const argv0 = spec.command.argv[0];
      throw Object.assign(new Error(`couldn't exec ${argv0}: ${errnoName(e)}`), { code: errnoName(e) });
    } finally {
      // The child holds its own copies now; ours would keep the pipes from ever reaching end-of-file.
      closeFd(out.writeFd);
      if (err) closeFd(err.writeFd);
      if (previousUmask !== null) process.umask(previousUmask);
    }
    return { pid: proc.pid, stdout: outSource, stderr: errSource, stdin: new StdinPipe(proc, spec.stdinFd !== undefined) };
  }

  /**
   * What Bun.spawn runs. user= naming someone else goes through the exec-as step, which takes the user's groups
   * (Bun.spawn cannot) and then, as 4.2.5's child, enters the directory as that user; otherwise the program itself,
   * unless its directory cannot be entered (4.2.5's child fails there, after the fork).
   */
  private launch(spec: SpawnSpec): { cmd: string[]; argv0?: string; cwd?: string; umask: number | null } {
    const { filename, argv } = spec.command;
    if (spec.uid !== null && spec.uid !== currentUid()) {
      const words = execAsArgs({ uid: spec.uid, cwd: spec.cwd, umask: spec.umask, filename, argv });
      return { cmd: [...this.self, ...words], argv0: "supervisord", umask: null };
    }
    const problem = spec.cwd === null ? null : chdirProblem(spec.cwd);
    if (problem) return { ...failingChild(`couldn't chdir to ${spec.cwd}: ${problem}`), umask: null };
    return { cmd: [filename, ...argv.slice(1)], argv0: argv[0], cwd: spec.cwd ?? undefined, umask: spec.umask };
  }
}

/** A child's stdin. Bun's writer for the pipe is made on first use: most programs are never sent anything, and a
 * writer stays resident once made (0.4 MB of heap at 1,000 programs, measured alone). */
class StdinPipe implements ChildStdin {
  constructor(
    private readonly proc: Bun.Subprocess<"pipe", number, number>,
    private closed: boolean,
  ) {}

  write(data: string | Uint8Array): void {
    if (this.closed) throw Object.assign(new Error("stdin is closed"), { code: "EPIPE" });
    const sink = this.proc.stdin;
    sink.write(data);
    void Promise.resolve(sink.flush()).catch(() => {
      this.closed = true;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void Promise.resolve(this.proc.stdin.end()).catch(() => {});
  }
}

/** Our own binary; from a source checkout (bun src/main.ts), bun with the entry script. */
function selfCommand(): string[] {
  const compiled = import.meta.dir.startsWith("/$bunfs/");
  return compiled ? [process.execPath] : [process.execPath, join(import.meta.dir, "..", "main.ts")];
}

/** Why the child could not enter its directory (an errno name), or null when it can. */
function chdirProblem(dir: string): string | null {
  try {
    return statSync(dir).isDirectory() ? null : "ENOTDIR";
  } catch (err) {
    return errnoName(err);
  }
}

/**
 * 4.2.5 forks first and fails in the child: the child writes why to its stderr and exits 127, so the program is
 * "spawned", then "exited (exit status 127)", then retried. A child that does just that keeps every observable the
 * same (pid, exit status, the stderr log, the state path), where failing the spawn here would not.
 */
function failingChild(reason: string): { cmd: string[] } {
  const script = 'printf "supervisor: %s\\nsupervisor: child process was not spawned\\n" "$1" >&2; exit 127';
  return { cmd: ["/bin/sh", "-c", script, "sh", reason] };
}
