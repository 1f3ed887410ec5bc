// The one place that touches the file system: finding the config file, reading it and its [include]s (nested,
// each glob relative to the file that names it, a cycle refused), and the real ConfigHost (directories, users).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { buildConfig } from "./build";
import { checkNoRepeats, RawConfig, type RawDocument } from "./document";
import { ConfigError } from "./errors";
import { expand, ExpandError, Expansions, type ExpansionValue, layer } from "./expand";
import { glob, type GlobFs } from "./glob";
import { type ConfigHost, type UserDb, userDbFromText } from "./host";
import { parseIni } from "./ini";
import { pyStrip } from "./python";
import { configSearchPaths } from "./search-path";
import { parseToml } from "./toml";
import type { Config } from "./types";

export interface LoadOptions {
  /** -c: the config file; when absent the search path is used. */
  file?: string;
  cwd: string;
  /** The path the binary was invoked by (argv[0]); the search path starts two levels above it. */
  executable: string;
  env: Record<string, string>;
  /** Replaces the machine's user database (tests). */
  users?: UserDb;
  /** Replaces the host name (tests). */
  hostname?: string;
}

/** The first existing file of the search path, or null. */
export function findConfigFile(opts: { executable: string; cwd: string }): string | null {
  return configSearchPaths(opts.executable, opts.cwd).find((p) => existsSync(p)) ?? null;
}

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const globFs: GlobFs = {
  exists: (p) => existsSync(p),
  isDir,
  list: (d) => {
    try {
      return readdirSync(d);
    } catch {
      return null;
    }
  },
};

/** The machine's users, from /etc/passwd and /etc/group, read only if a config names a user. */
export function systemUsers(): UserDb {
  let db: UserDb | null = null;
  const get = (): UserDb => {
    if (!db) {
      const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
      db = userDbFromText(read("/etc/passwd"), read("/etc/group"));
    }
    return db;
  };
  return {
    byName: (n) => get().byName(n),
    byUid: (u) => get().byUid(u),
    groupByName: (n) => get().groupByName(n),
    groupExists: (g) => get().groupExists(g),
  };
}

function makeHost(opts: LoadOptions): ConfigHost {
  // Every log file of every process asks about its directory; they are mostly the same few.
  const dirs = new Map<string, boolean>();
  return {
    cwd: opts.cwd,
    env: opts.env,
    hostname: opts.hostname ?? hostname(),
    uid: process.getuid?.() ?? 0,
    isDir: (p) => {
      let known = dirs.get(p);
      if (known === undefined) dirs.set(p, (known = isDir(p)));
      return known;
    },
    users: opts.users ?? systemUsers(),
  };
}

/** Loads, validates and types a config: -c's file, or the first found on the search path. */
export function loadConfig(opts: LoadOptions): Config {
  let file: string;
  if (opts.file !== undefined) {
    file = resolve(opts.cwd, opts.file);
    if (!existsSync(file)) throw new ConfigError(`could not find config file ${opts.file}`);
  } else {
    const found = findConfigFile(opts);
    if (!found) {
      const paths = configSearchPaths(opts.executable, opts.cwd).join(", ");
      throw new ConfigError(
        `No config file found at default paths (${paths}); use the -c option to specify a config file at a different path`,
      );
    }
    file = found;
  }
  return loadFrom(file, readText(file)!, makeHost(opts));
}

/** Parses config text as if read from `file` (its includes are read from disk). For tests and tools. */
export function parseConfigText(text: string, opts: Omit<LoadOptions, "executable"> & { file: string }): Config {
  return loadFrom(resolve(opts.cwd, opts.file), text, makeHost({ ...opts, executable: "" }));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The file's text; null for a directory, which 4.2.5's ConfigParser.read skips among included files. */
function readText(file: string, skipDirectory = false): string | null {
  let text: string;
  try {
    // Decoded as it is read (a hundred included files each cost a buffer and a copy otherwise); that decoding
    // replaces bytes that are not UTF-8 with U+FFFD, so a text holding one is decoded again, strictly.
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (skipDirectory && (e as NodeJS.ErrnoException).code === "EISDIR") return null;
    throw new ConfigError(`could not read config file ${file}: ${(e as Error).message}`, { file });
  }
  if (text.includes("\uFFFD")) {
    try {
      return utf8.decode(readFileSync(file));
    } catch {
      throw new ConfigError("the file is not valid UTF-8", { file });
    }
  }
  // As the strict decoder does: one byte-order mark at the start is not text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseDocument(text: string, file: string): RawDocument {
  return extname(file).toLowerCase() === ".toml" ? parseToml(text, file) : parseIni(text, file);
}

function loadFrom(file: string, text: string, host: ConfigHost): Config {
  const raw = new RawConfig();
  const files: string[] = [];
  const warnings: string[] = [];
  const osEnv = new Map<string, ExpansionValue>();
  for (const [k, v] of Object.entries(host.env)) osEnv.set(`ENV_${k}`, v);
  const seen = new Set<string>();

  const read = (path: string, content: string, stack: string[]) => {
    const doc = parseDocument(content, path);
    checkNoRepeats(doc);
    raw.add(doc);
    files.push(path);
    seen.add(path);
    const include = includedFiles(doc, host, osEnv, warnings);
    // Paths as matched, not resolved through links: a loop through a symlink still repeats a path on the stack.
    for (const included of include?.files ?? []) {
      if (stack.includes(included)) {
        throw new ConfigError(`include cycle: ${[...stack, included].join(" -> ")}`, {
          file: path,
          line: include!.line,
          section: "include",
          key: "files",
        });
      }
      if (seen.has(included)) continue; // matched by two patterns: read once
      const content = readText(included, true);
      if (content !== null) read(included, content, [...stack, included]);
    }
  };
  read(file, text, [file]);
  return buildConfig({ raw, file, files, host, osEnv, warnings });
}

/** The files a document's [include] names, in reading order; a pattern matching nothing is a warning. */
function includedFiles(
  doc: RawDocument,
  host: ConfigHost,
  osEnv: Map<string, ExpansionValue>,
  warnings: string[],
): { files: string[]; line: number } | null {
  const section = doc.sections.find((s) => s.name === "include");
  if (!section) return null;
  const entry = section.entries.get("files") ?? doc.defaults.get("files");
  if (!entry) {
    throw new ConfigError(".ini file has [include] section, but no files setting", {
      file: doc.file,
      line: section.line,
      section: "include",
      key: "files",
    });
  }
  const base = dirname(doc.file);
  const names = new Expansions([osEnv, layer({ here: base, host_node_name: host.hostname })]);
  let value: string;
  try {
    value = expand(entry.value, names, "include.files");
  } catch (e) {
    if (!(e instanceof ExpandError)) throw e;
    throw new ConfigError(e.message, { file: entry.file, line: entry.line, section: "include", key: "files", value: entry.value });
  }
  const out: string[] = [];
  for (const pattern of pyStrip(value).split(/\s+/).filter(Boolean)) {
    const full = resolve(base, pattern);
    const matches = glob(full, globFs).sort();
    if (matches.length === 0) warnings.push(`No file matches via include "${join(base, pattern)}"`);
    out.push(...matches);
  }
  return { files: out, line: entry.line };
}
