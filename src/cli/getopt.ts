// Command-line splitting with the rules of Python's getopt module, which 4.2.5's supervisord uses: short options
// may be clustered (-nc FILE, -cFILE), long options may be abbreviated to any unique prefix (--node), parsing stops
// at the first non-option or at "--", and the error texts are getopt's own, because users and scripts see them.

export class GetoptError extends Error {}

export interface LongOption {
  name: string;
  takesArg: boolean;
  /** Options we add beyond 4.2.5 match only in full, so that no 4.2.5 abbreviation becomes ambiguous. */
  exactOnly?: boolean;
}

export interface ShortOption {
  letter: string;
  takesArg: boolean;
}

export interface Parsed {
  /** ["-n", ""], ["--configuration", "/etc/x.conf"], … in command-line order; flags carry "". */
  options: [string, string][];
  /** What is left after the options: the positional arguments. */
  rest: string[];
}

export function getopt(argv: string[], shorts: ShortOption[], longs: LongOption[]): Parsed {
  const options: [string, string][] = [];
  const args = [...argv];
  while (args.length > 0 && args[0]!.startsWith("-") && args[0] !== "-") {
    const arg = args.shift()!;
    if (arg === "--") break;
    if (arg.startsWith("--")) options.push(longOption(arg.slice(2), args, longs));
    else options.push(...shortCluster(arg.slice(1), args, shorts));
  }
  return { options, rest: args };
}

function longOption(text: string, args: string[], longs: LongOption[]): [string, string] {
  const eq = text.indexOf("=");
  const typed = eq === -1 ? text : text.slice(0, eq);
  const inlineValue = eq === -1 ? undefined : text.slice(eq + 1);
  const option = resolveLong(typed, longs);
  if (option.takesArg) {
    if (inlineValue !== undefined) return [`--${option.name}`, inlineValue];
    if (args.length === 0) throw new GetoptError(`option --${option.name} requires argument`);
    return [`--${option.name}`, args.shift()!];
  }
  if (inlineValue !== undefined) throw new GetoptError(`option --${option.name} must not have an argument`);
  return [`--${option.name}`, ""];
}

function resolveLong(typed: string, longs: LongOption[]): LongOption {
  const exact = longs.find((o) => o.name === typed);
  if (exact) return exact;
  const candidates = longs.filter((o) => !o.exactOnly && o.name.startsWith(typed));
  if (candidates.length === 0) throw new GetoptError(`option --${typed} not recognized`);
  if (candidates.length > 1) throw new GetoptError(`option --${typed} not a unique prefix`);
  return candidates[0]!;
}

function shortCluster(cluster: string, args: string[], shorts: ShortOption[]): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < cluster.length; i++) {
    const letter = cluster[i]!;
    const option = shorts.find((o) => o.letter === letter);
    if (!option) throw new GetoptError(`option -${letter} not recognized`);
    if (!option.takesArg) {
      found.push([`-${letter}`, ""]);
      continue;
    }
    // The rest of the cluster is the value (-cFILE); if nothing is left, the next argument is.
    const attached = cluster.slice(i + 1);
    if (attached !== "") return [...found, [`-${letter}`, attached]];
    if (args.length === 0) throw new GetoptError(`option -${letter} requires argument`);
    return [...found, [`-${letter}`, args.shift()!]];
  }
  return found;
}
