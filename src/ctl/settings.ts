// Resolves supervisorctl's settings: command line first, then the [supervisorctl] section, then 4.2.5's defaults.
// Like 4.2.5's supervisorctl, only that one section is read, with the config's own INI reader and %(...)s expansion;
// the rest of the file (and [include]) is the daemon's business, so a broken [program:x] does not stop the client.
// That is why this does not go through loadConfig, which validates the whole file.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import { ConfigError } from "../config/errors";
import { ExpandError, Expansions, expand, layer } from "../config/expand";
import { parseIni } from "../config/ini";
import { configSearchPaths } from "../config/search-path";
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

/** The [supervisorctl] section of one file ([DEFAULT] keys included, repeated sections merged as 4.2.5 does). */
function sectionValues(file: string): Map<string, string> {
  if (!existsSync(file)) throw new UsageError(`could not find config file ${file}`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`could not read config file ${file}`);
  }
  let doc: ReturnType<typeof parseIni>;
  try {
    doc = parseIni(text, file);
  } catch (e) {
    throw e instanceof ConfigError ? new UsageError(e.message) : e;
  }
  const sections = doc.sections.filter((s) => s.name === "supervisorctl");
  if (!sections.length) throw new UsageError(".ini file does not include supervisorctl section");
  const values = new Map([...doc.defaults].map(([k, e]) => [k, e.value]));
  for (const s of sections) for (const [k, e] of s.entries) values.set(k, e.value);
  return values;
}

export function readCtlSection(file: string, env: Record<string, string | undefined>): Section {
  const section = sectionValues(file);
  const envNames: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) envNames[`ENV_${k}`] = v;
  const names = new Expansions([layer(envNames)]);
  const withHere = names.with(layer({ here: dirname(normalizePath(file)) }));
  const get = (key: string, fallback: string | null, expansions: Expansions) => {
    const v = section.get(key) ?? fallback;
    if (v === null) return null;
    try {
      return expand(v, expansions, `supervisorctl.${key}`);
    } catch (e) {
      throw e instanceof ExpandError ? new UsageError(e.message) : e;
    }
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
  const file = line.configFile ?? configSearchPaths(argv0, process.cwd()).find((p) => existsSync(p)) ?? null;
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
