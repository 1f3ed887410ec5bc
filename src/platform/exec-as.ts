// user=: Bun.spawn can set a uid and gid but not supplementary groups, so a child that must become another user is
// started as this very program in a hidden mode (`supervisord --exec-as …`), which does what 4.2.5's forked child
// does (drop privileges, chdir, umask) and then execs the program in place. The pid supervisord holds is thus the
// program's own from the start, and a failure is reported as 4.2.5's child reports it: on stderr, exit 127.
import { EXEC_AS_FLAG } from "./exec-as-flag";
import { errnoAt, execLibc, ffi } from "./libc";
import { dropPrivileges } from "./users";

export { EXEC_AS_FLAG };

export interface ExecAsPlan {
  uid: number;
  cwd: string | null;
  umask: number | null;
  /** The file to execute, and the argv it gets (argv[0] as the config wrote it). */
  filename: string;
  argv: string[];
}

/** The arguments after our own binary: `--exec-as UID CWD UMASK FILE ARGV0 [ARG…]`, an empty CWD/UMASK for none. */
export function execAsArgs(p: ExecAsPlan): string[] {
  const umask = p.umask === null ? "" : p.umask.toString(8);
  return [EXEC_AS_FLAG, String(p.uid), p.cwd ?? "", umask, p.filename, ...p.argv];
}

/** Reads what execAsArgs wrote (the words after the flag); throws on anything else. */
export function parseExecAs(words: string[]): ExecAsPlan {
  const [uid, cwd, umask, filename, ...argv] = words;
  if (!/^\d+$/.test(uid ?? "") || !/^[0-7]*$/.test(umask ?? "x") || !filename || argv.length === 0) {
    throw new Error(`usage: supervisord ${EXEC_AS_FLAG} UID CWD UMASK FILE ARGV0 [ARG...]`);
  }
  return { uid: Number(uid), cwd: cwd || null, umask: umask ? parseInt(umask, 8) : null, filename, argv };
}

/** Signals Bun ignores for itself (SIGPIPE, SIGXFSZ) would stay ignored across exec: give the program defaults. */
function defaultSignals(): void {
  const SIG_DFL = 0n;
  // KILL, STOP and the C library's own signals refuse the call, harmlessly.
  for (let sig = 1; sig <= 64; sig++) execLibc().signal(sig, SIG_DFL);
}

function cString(s: string): Buffer {
  return Buffer.from(`${s}\0`);
}

/** execv(2): returns only on failure, with the errno's name. The buffers stay referenced until the call returns. */
function execv(filename: string, argv: string[]): string {
  const file = cString(filename);
  const args = argv.map(cString);
  const vector = new BigUint64Array(args.length + 1);
  const { ptr } = ffi();
  args.forEach((a, i) => (vector[i] = BigInt(ptr(a))));
  const c = execLibc();
  c.execv(ptr(file), ptr(vector));
  return errnoAt(c.__errno_location());
}

/**
 * Becomes the user and execs the program; returns only when that failed, with the lines 4.2.5's child writes to
 * its stderr before it exits 127.
 */
export function execAs(p: ExecAsPlan): string[] {
  const failed = (why: string[]) => [...why, "child process was not spawned"].map((l) => `supervisor: ${l}\n`);
  let problem: string | null;
  try {
    problem = dropPrivileges(p.uid);
  } catch {
    return failed([]); // setuid itself refused: 4.2.5 has no words for it either
  }
  if (problem) return failed([`couldn't setuid to ${p.uid}: ${problem}`]);
  if (p.cwd !== null) {
    try {
      process.chdir(p.cwd);
    } catch (err) {
      return failed([`couldn't chdir to ${p.cwd}: ${(err as { code?: string }).code ?? err}`]);
    }
  }
  if (p.umask !== null) process.umask(p.umask);
  defaultSignals();
  return failed([`couldn't exec ${p.argv[0]}: ${execv(p.filename, p.argv)}`]);
}
