// supervisord's command line: 4.2.5's flags, checked in 4.2.5's order and with its messages, plus our additions
// --check-config and --install-links. Parsing only: nothing here reads the config or starts anything.
import type { SupervisordConfig } from "../config/types";
import { getopt, GetoptError, type LongOption, type ShortOption } from "./getopt";
import { pyRepr } from "../config/python";
import * as value from "./supervisord-values";

/** A bad command line; printed as 4.2.5's usage() prints it ("Error: …" then "For help, use … -h"), exit 2. */
export class UsageError extends Error {}

/** Flags that override [supervisord] keys. Command-line values win over the file, as in 4.2.5. */
export type SupervisordOverrides = Partial<
  Pick<
    SupervisordConfig,
    | "nodaemon" | "silent" | "umask" | "directory" | "logfile" | "logfileMaxbytes" | "logfileBackups"
    | "loglevel" | "pidfile" | "identifier" | "childlogdir" | "minfds" | "minprocs" | "nocleanup" | "stripAnsi"
  > & {
    /** -u always names a user; the config's null (no user= at all) is not something a flag can say. */
    user: string;
  }
>;

export interface SupervisordFlags {
  configFile: string | null;
  overrides: SupervisordOverrides;
  /** --profile_options is accepted for compatibility; there is no Python profiler to run under. */
  profileOptions: { sortOrder: string[]; callers: boolean } | null;
  checkConfig: boolean;
}

export type Invocation =
  | { action: "help" }
  | { action: "version" }
  | { action: "install-links"; dir: string | null }
  | { action: "run"; flags: SupervisordFlags };

type Target = keyof SupervisordOverrides | "configFile" | "profileOptions" | "checkConfig";

interface Spec {
  short?: string;
  long: string;
  /** Where the value goes; absent for -h and -v, which act at once. */
  target?: Target;
  /** Converts the flag's argument; absent for switches, which store true. */
  convert?: (s: string) => unknown;
  action?: "help" | "version";
  ours?: boolean;
}

const text = (s: string) => s;

const SPECS: Spec[] = [
  { short: "h", long: "help", action: "help" },
  { short: "?", long: "", action: "help" },
  { short: "c", long: "configuration", target: "configFile", convert: text },
  { short: "v", long: "version", action: "version" },
  { short: "n", long: "nodaemon", target: "nodaemon" },
  { short: "u", long: "user", target: "user", convert: text },
  { short: "m", long: "umask", target: "umask", convert: value.octal },
  { short: "d", long: "directory", target: "directory", convert: value.existingDirectory },
  { short: "l", long: "logfile", target: "logfile", convert: value.existingDirpath },
  { short: "y", long: "logfile_maxbytes", target: "logfileMaxbytes", convert: value.byteSize },
  { short: "z", long: "logfile_backups", target: "logfileBackups", convert: value.integer },
  { short: "e", long: "loglevel", target: "loglevel", convert: value.logLevel },
  { short: "j", long: "pidfile", target: "pidfile", convert: value.existingDirpath },
  { short: "i", long: "identifier", target: "identifier", convert: text },
  { short: "q", long: "childlogdir", target: "childlogdir", convert: value.existingDirectory },
  { short: "a", long: "minfds", target: "minfds", convert: value.integer },
  { long: "minprocs", target: "minprocs", convert: value.integer },
  { short: "k", long: "nocleanup", target: "nocleanup" },
  { short: "t", long: "strip_ansi", target: "stripAnsi" },
  { long: "profile_options", target: "profileOptions", convert: value.profileOptions },
  { short: "s", long: "silent", target: "silent" },
  { long: "check-config", target: "checkConfig", ours: true },
];

const SHORTS: ShortOption[] = SPECS.filter((s) => s.short).map((s) => ({ letter: s.short!, takesArg: !!s.convert }));
const LONGS: LongOption[] = SPECS.filter((s) => s.long).map((s) => ({
  name: s.long,
  takesArg: !!s.convert,
  exactOnly: s.ours,
}));

function specFor(option: string): Spec {
  return option.startsWith("--")
    ? SPECS.find((s) => s.long === option.slice(2))!
    : SPECS.find((s) => s.short === option.slice(1))!;
}

/** Python's str() of a list of strings, as 4.2.5 prints the positional arguments it refuses. */
function pyListRepr(items: string[]): string {
  return `[${items.map(pyRepr).join(", ")}]`;
}

const INSTALL_LINKS = "--install-links";

export function parseSupervisordArgs(argv: string[]): Invocation {
  // --install-links takes an optional folder, which getopt cannot express, so it stands alone on the line.
  if (argv[0] === INSTALL_LINKS || argv[0]?.startsWith(`${INSTALL_LINKS}=`)) return installLinks(argv);

  let parsed;
  try {
    parsed = getopt(argv, SHORTS, LONGS);
  } catch (e) {
    if (e instanceof GetoptError) throw new UsageError(e.message);
    throw e;
  }
  if (parsed.rest.length > 0) {
    throw new UsageError(`positional arguments are not supported: ${pyListRepr(parsed.rest)}`);
  }

  const flags: SupervisordFlags = { configFile: null, overrides: {}, profileOptions: null, checkConfig: false };
  const seen = new Set<Target>();
  for (const [option, arg] of parsed.options) {
    const spec = specFor(option);
    if (spec.action) return { action: spec.action };
    let converted: unknown = true;
    if (spec.convert) {
      try {
        converted = spec.convert(arg);
      } catch (e) {
        throw new UsageError(`invalid value for ${option} ${pyRepr(arg)}: ${(e as Error).message}`);
      }
    }
    const target = spec.target!;
    if (seen.has(target)) throw new UsageError(`conflicting command line option ${pyRepr(option)}`);
    seen.add(target);
    assign(flags, target, converted);
  }
  return { action: "run", flags };
}

function assign(flags: SupervisordFlags, target: Target, converted: unknown): void {
  if (target === "configFile") flags.configFile = converted as string;
  else if (target === "profileOptions") flags.profileOptions = converted as SupervisordFlags["profileOptions"];
  else if (target === "checkConfig") flags.checkConfig = true;
  else (flags.overrides as Record<string, unknown>)[target] = converted;
}

function installLinks(argv: string[]): Invocation {
  const inline = argv[0]!.startsWith(`${INSTALL_LINKS}=`) ? argv[0]!.slice(INSTALL_LINKS.length + 1) : null;
  const rest = argv.slice(1);
  if (inline !== null ? rest.length > 0 : rest.length > 1) {
    throw new UsageError(`${INSTALL_LINKS} takes at most one folder and no other options: ${pyListRepr(argv)}`);
  }
  const dir = inline ?? rest[0] ?? null;
  if (dir === "") throw new UsageError(`${INSTALL_LINKS} needs a folder name after '='`);
  return { action: "install-links", dir };
}
