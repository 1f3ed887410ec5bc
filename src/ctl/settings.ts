// Resolves supervisorctl's settings: command line first, then the [supervisorctl] section, then 4.2.5's defaults.
// Like 4.2.5's supervisorctl, only that one section is read; the rest of the file (and [include]) is the daemon's.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import type { CommandLine } from "./options";
import { UsageError } from "./options";

export interface CtlSettings {
  serverurl: string;
  username: string | null;
  password: string | null;
  prompt: string;
  historyFile: string | null;
  interactive: boolean;
  args: string[];
}

interface Section {
  serverurl: string;
  username: string | null;
  password: string | null;
  prompt: string;
  historyFile: string | null;
}

const DEFAULTS: Section = {
  serverurl: "http://localhost:9001",
  username: null,
  password: null,
  prompt: "supervisor",
  historyFile: null,
};

function normalizePath(p: string): string {
  // Python's expanduser reads $HOME first, as this does.
  const expanded = p === "~" || p.startsWith("~/") ? join(process.env.HOME ?? "/", p.slice(1)) : p;
  return normalize(resolve(expanded));
}

/** 4.2.5's search path when -c is not given, relative to the folder above the binary's folder. */
export function searchPaths(argv0: string): string[] {
  const here = dirname(dirname(argv0));
  return [
    join(here, "etc", "supervisord.conf"),
    join(here, "supervisord.conf"),
    "supervisord.conf",
    "etc/supervisord.conf",
    "/etc/supervisord.conf",
    "/etc/supervisor/supervisord.conf",
  ];
}

/** The options of one INI section, read as Python's RawConfigParser does (inline ; and # comments, continuations). */
export function readIniSection(text: string, wanted: string): Map<string, string> | null {
  let current: string | null = null;
  let found = false;
  let lastKey: string | null = null;
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const stripped = raw.trim();
    if (!stripped || stripped.startsWith("#") || stripped.startsWith(";")) {
      lastKey = null;
      continue;
    }
    const line = raw.replace(/\s[;#].*$/, "");
    if (/^\s/.test(raw) && lastKey !== null && current === wanted) {
      values.set(lastKey, `${values.get(lastKey)}\n${line.trim()}`);
      continue;
    }
    const header = /^\[(.+)\]/.exec(line.trim());
    if (header) {
      current = header[1];
      found ||= current === wanted;
      lastKey = null;
      continue;
    }
    const opt = /^(.*?)\s*[=:]\s*(.*)$/.exec(line.trim());
    if (opt && current === wanted) {
      lastKey = opt[1].trimEnd().toLowerCase();
      values.set(lastKey, opt[2].trim());
    }
  }
  return found ? values : null;
}

/** Python's "%(name)s" interpolation with 4.2.5's error texts. */
function expand(value: string, names: Record<string, string>, where: string): string {
  return value.replace(/%(\(([^)]*)\)s|%|.?)/gs, (whole, _g, name: string | undefined) => {
    if (whole === "%%") return "%";
    if (name === undefined) throw new UsageError(`Format string '${value}' for '${where}' is badly formatted: incomplete format`);
    if (!(name in names)) {
      const available = Object.keys(names).sort().join(", ");
      throw new UsageError(
        `Format string '${value}' for '${where}' contains names ('${name}') which cannot be expanded. Available names: ${available}`,
      );
    }
    return names[name];
  });
}

/** The switch point for the config loader: the [supervisorctl] section of one file. */
export function readCtlSection(file: string, env: Record<string, string | undefined>): Section {
  if (!existsSync(file)) throw new UsageError(`could not find config file ${file}`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`could not read config file ${file}`);
  }
  const section = readIniSection(text, "supervisorctl");
  if (!section) throw new UsageError(".ini file does not include supervisorctl section");
  const names: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) names[`ENV_${k}`] = v;
  const withHere = { ...names, here: dirname(normalizePath(file)) };
  const get = (key: string, fallback: string | null, expansions: Record<string, string>) => {
    const v = section.get(key) ?? fallback;
    return v === null ? null : expand(v, expansions, `supervisorctl.${key}`);
  };
  let serverurl = get("serverurl", DEFAULTS.serverurl, withHere)!;
  if (serverurl.startsWith("unix://")) serverurl = `unix://${normalizePath(serverurl.slice(7))}`;
  const history = get("history_file", null, withHere);
  return {
    serverurl,
    prompt: get("prompt", DEFAULTS.prompt, names)!,
    username: get("username", null, names),
    password: get("password", null, names),
    historyFile: history ? normalizePath(history) : null,
  };
}

export function resolveSettings(line: CommandLine, argv0: string, env: Record<string, string | undefined>): CtlSettings {
  const file = line.configFile ?? searchPaths(argv0).find((p) => existsSync(p)) ?? null;
  const section = file ? readCtlSection(file, env) : DEFAULTS;
  return {
    serverurl: line.serverurl ?? section.serverurl,
    username: line.username ?? section.username,
    password: line.password ?? section.password,
    prompt: section.prompt,
    historyFile: line.historyFile ?? section.historyFile,
    interactive: line.interactive === true || line.args.length === 0,
    args: line.args,
  };
}
