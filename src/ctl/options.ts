// supervisorctl's command line, read the way 4.2.5 reads it: Python getopt semantics (options stop at the first
// action word, long options may be abbreviated to a unique prefix) and its exact error texts.

export const USAGE_DOC = `supervisorctl -- control applications run by supervisord from the cmd line.

Usage: %s [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-h/--help -- print usage message and exit
-i/--interactive -- start an interactive shell after executing commands
-s/--serverurl URL -- URL on which supervisord server is listening
     (default "http://localhost:9001").
-u/--username USERNAME -- username to use for authentication with server
-p/--password PASSWORD -- password to use for authentication with server
-r/--history-file -- keep a readline history (if readline is available)

action [arguments] -- see below

Actions are commands like "tail" or "stop".  If -i is specified or no action is
specified on the command line, a "shell" interpreting actions typed
interactively is started.  Use the action "help" to find out about available
actions.
`;

/** A command-line mistake: printed as "Error: <message>" plus a pointer to -h, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface CommandLine {
  help: boolean;
  configFile: string | null;
  interactive: boolean | null;
  serverurl: string | null;
  username: string | null;
  password: string | null;
  historyFile: string | null;
  /** The action and its arguments, still separate words. */
  args: string[];
}

type Key = "help" | "configFile" | "interactive" | "serverurl" | "username" | "password" | "historyFile";
interface OptionSpec {
  key: Key;
  takesValue: boolean;
}

// In 4.2.5's registration order: -h, -?, -c, -i, -s, -u, -p, -r. The long name for -r really is history_file
// (the usage text says --history-file, which 4.2.5 rejects).
const SHORT: Record<string, OptionSpec> = {
  h: { key: "help", takesValue: false },
  "?": { key: "help", takesValue: false },
  c: { key: "configFile", takesValue: true },
  i: { key: "interactive", takesValue: false },
  s: { key: "serverurl", takesValue: true },
  u: { key: "username", takesValue: true },
  p: { key: "password", takesValue: true },
  r: { key: "historyFile", takesValue: true },
};
const LONG: Record<string, OptionSpec> = {
  help: SHORT.h,
  configuration: SHORT.c,
  interactive: SHORT.i,
  serverurl: SHORT.s,
  username: SHORT.u,
  password: SHORT.p,
  history_file: SHORT.r,
};

/** 4.2.5's url check: a scheme and something after it (Python's urlparse, roughly). */
function checkUrl(opt: string, value: string): void {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(value);
  const rest = m ? m[2].replace(/^\/\//, "") : "";
  if (!m || !rest) throw new UsageError(`invalid value for ${opt} ${pyRepr(value)}: value ${pyRepr(value)} is not a URL`);
}

function pyRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function resolveLong(word: string): [string, OptionSpec] {
  const names = Object.keys(LONG).filter((n) => n.startsWith(word));
  if (!names.length) throw new UsageError(`option --${word} not recognized`);
  if (names.includes(word)) return [word, LONG[word]];
  if (names.length > 1) throw new UsageError(`option --${word} not a unique prefix`);
  return [names[0], LONG[names[0]]];
}

export function parseCommandLine(argv: string[]): CommandLine {
  const found: [string, OptionSpec, string | null][] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--") {
      i++;
      break;
    }
    if (!word.startsWith("-") || word === "-") break;
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const [name, spec] = resolveLong(eq < 0 ? word.slice(2) : word.slice(2, eq));
      let value: string | null = eq < 0 ? null : word.slice(eq + 1);
      if (spec.takesValue && value === null) {
        if (i + 1 >= argv.length) throw new UsageError(`option --${name} requires argument`);
        value = argv[++i];
      } else if (!spec.takesValue && value !== null) {
        throw new UsageError(`option --${name} must not have an argument`);
      }
      found.push([`--${name}`, spec, value]);
      continue;
    }
    for (let j = 1; j < word.length; j++) {
      const spec = SHORT[word[j]];
      if (!spec) throw new UsageError(`option -${word[j]} not recognized`);
      if (!spec.takesValue) {
        found.push([`-${word[j]}`, spec, null]);
        continue;
      }
      let value = word.slice(j + 1);
      if (!value) {
        if (i + 1 >= argv.length) throw new UsageError(`option -${word[j]} requires argument`);
        value = argv[++i];
      }
      found.push([`-${word[j]}`, spec, value]);
      break;
    }
  }
  const line: CommandLine = {
    help: false,
    configFile: null,
    interactive: null,
    serverurl: null,
    username: null,
    password: null,
    historyFile: null,
    args: argv.slice(i),
  };
  for (const [opt, spec, value] of found) {
    if (spec.key === "help") {
      // 4.2.5 prints the help as soon as it meets -h, before looking at later options.
      line.help = true;
      return line;
    }
    if (spec.key === "serverurl") checkUrl(opt, value!);
    if (line[spec.key] !== null) throw new UsageError(`conflicting command line option ${pyRepr(opt)}`);
    (line as unknown as Record<string, unknown>)[spec.key] = spec.key === "interactive" ? true : value;
  }
  return line;
}
