// Finding the program to run, with 4.2.5's checks and words (get_execv_args / check_execv_args), done before any
// fork so that startProcess can answer NO_FILE or NOT_EXECUTABLE and a bad command goes BACKOFF with a spawnerr.
import { accessSync, constants, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import { NoFile, NotExecutable } from "../core/errors";
import { pyRepr } from "../core/pyrepr";

const DEFAULT_PATH: readonly string[] = ["/bin", "/usr/bin", "/usr/local/bin"];

export interface ResolvedCommand {
  /** The file to execute. */
  filename: string;
  /** argv as the child sees it; argv[0] stays as written in the config. */
  argv: string[];
}

/** The directories searched for a bare program name: the program's environment= PATH, else supervisord's. */
export function searchPath(environment: Record<string, string>, ownEnv: Record<string, string | undefined>): readonly string[] {
  if (environment.PATH !== undefined) return dirsOf(environment.PATH);
  return ownEnv.PATH ? dirsOf(ownEnv.PATH) : DEFAULT_PATH;
}

/** The last PATH split, given to every spawn that searches the same one (nearly all do): not an array per spawn. */
let lastSplit: { path: string; dirs: readonly string[] } | null = null;
function dirsOf(path: string): readonly string[] {
  if (lastSplit?.path !== path) lastSplit = { path, dirs: path.split(":") };
  return lastSplit.dirs;
}

/** A missing file is the common case on a PATH search: answered without an exception (a thrown Error with its stack
 * cost more than the stat itself, once per PATH entry per spawn). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/**
 * Resolves a config's argv (null when the command could not be split). Throws NoFile or NotExecutable whose
 * `extra` is 4.2.5's message, e.g. "can't find command 'nope'".
 */
export function resolveCommand(command: string, argv: string[] | null, path: readonly string[]): ResolvedCommand {
  if (argv === null) throw new NotExecutable(`can't parse command ${pyRepr(command)}: No closing quotation`);
  if (argv.length === 0) throw new NotExecutable("command is empty");
  const program = argv[0];
  let filename = program;
  let st: Stats | null = null;
  if (program.includes("/")) {
    st = statOrNull(program);
  } else {
    for (const dir of path) {
      st = statOrNull(join(dir, program));
      if (st) {
        filename = join(dir, program);
        break;
      }
    }
  }
  if (!st) throw new NoFile(`can't find command ${pyRepr(filename)}`);
  if (st.isDirectory()) throw new NotExecutable(`command at ${pyRepr(filename)} is a directory`);
  if ((st.mode & 0o111) === 0) throw new NotExecutable(`command at ${pyRepr(filename)} is not executable`);
  try {
    accessSync(filename, constants.X_OK);
  } catch {
    throw new NotExecutable(`no permission to run command ${pyRepr(filename)}`);
  }
  return { filename, argv };
}

/**
 * resolveCommand, remembering its answers until the current run of code ends (a microtask): a start-up of 1,000
 * programs that share a command searches PATH once, where each spawn searched it again. A file or PATH changed
 * after that is seen by the next start, as 4.2.5 sees it at each spawn.
 */
export class CommandResolver {
  private readonly answers = new Map<string, string | Error>();

  resolve(command: string, argv: string[] | null, path: readonly string[]): ResolvedCommand {
    if (argv === null || argv.length === 0) return resolveCommand(command, argv, path);
    const key = `${argv[0]}\0${path.join("\0")}`;
    let answer = this.answers.get(key);
    if (answer === undefined) {
      try {
        answer = resolveCommand(command, argv, path).filename;
      } catch (err) {
        if (!(err instanceof NoFile || err instanceof NotExecutable)) throw err;
        answer = err;
      }
      if (this.answers.size === 0) queueMicrotask(() => this.answers.clear());
      this.answers.set(key, answer);
    }
    if (answer instanceof Error) throw answer;
    return { filename: answer, argv };
  }
}
