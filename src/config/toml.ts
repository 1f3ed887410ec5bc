// The TOML front end: the same sections and keys as the INI file, written as TOML tables. [program.cat] is
// [program:cat], [group.web] is [group:web]; numbers and booleans stand for their text; an array stands for a
// comma-separated list (space-separated for [include] files); environment may be an inline table.
// The server sections may be named or not: [inet_http_server.web] is [inet_http_server:web], and the keys of
// [inet_http_server] itself are the unnamed [inet_http_server].
import { parse, TomlError } from "smol-toml";
import type { RawDocument, RawEntry, RawSection } from "./document";
import { ConfigError } from "./errors";

/** Section kinds written as a table of named tables. */
export const NAMED_KINDS = ["program", "group", "fcgi-program", "eventlistener", "rpcinterface"];
/** Section kinds that may be named ([inet_http_server:web]) or not, and repeated: the table's own keys are the
 * unnamed section, its tables the named ones. */
export const SERVER_KINDS = ["inet_http_server", "unix_http_server"];

export function parseToml(text: string, file: string): RawDocument {
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
      throw new ConfigError(`not valid TOML: ${first}`, { file, line: e.line });
    }
    throw e;
  }
  const lines = new LineFinder(text);
  const sections: RawSection[] = [];
  const defaults = new Map<string, RawEntry>();
  for (const [top, value] of Object.entries(data)) {
    if (!isTable(value)) {
      throw new ConfigError(`key ${top} is outside any section`, { file, line: lines.key(null, top) });
    }
    if (NAMED_KINDS.includes(top)) {
      for (const [name, body] of Object.entries(value)) {
        if (!isTable(body)) {
          throw new ConfigError(`[${top}] holds tables such as [${top}.name], not the key ${name}`, {
            file,
            line: lines.key(top, name, lines.header([top])),
          });
        }
        sections.push(section(`${top}:${name}`, [top, name], body, file, lines));
      }
    } else if (SERVER_KINDS.includes(top)) {
      sections.push(...serverSections(top, value, file, lines));
    } else if (top === "DEFAULT") {
      for (const [k, e] of section(top, [top], value, file, lines).entries) defaults.set(k, e);
    } else {
      sections.push(section(top, [top], value, file, lines));
    }
  }
  // In the order written, as the INI reader gives them: a table's subtables come out of the parser beside it, and
  // the order of server sections decides which one children are pointed at.
  sections.sort((a, b) => a.line - b.line);
  return { file, sections, defaults };
}

/** The unnamed server (when its header is written or it has keys) and the named ones. */
function serverSections(top: string, value: Record<string, unknown>, file: string, lines: LineFinder): RawSection[] {
  const own = Object.entries(value).filter(([, v]) => !isTable(v));
  const out: RawSection[] = [];
  if (own.length > 0 || lines.find([top]) !== null) out.push(section(top, [top], Object.fromEntries(own), file, lines));
  for (const [name, body] of Object.entries(value)) {
    if (isTable(body)) out.push(section(`${top}:${name}`, [top, name], body, file, lines));
  }
  return out;
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function section(name: string, path: string[], body: Record<string, unknown>, file: string, lines: LineFinder) {
  const header = lines.header(path);
  const entries = new Map<string, RawEntry>();
  for (const [k, v] of Object.entries(body)) {
    const line = lines.key(path.join("."), k, header);
    entries.set(k.toLowerCase(), { value: scalarText(name, k, v, file, line), file, line });
  }
  return { name, file, line: header, entries };
}

function scalarText(section: string, key: string, v: unknown, file: string, line: number): string {
  const where = { file, line, section, key };
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "number" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) {
    return v.map((x) => scalarText(section, key, x, file, line)).join(section === "include" ? " " : ",");
  }
  if (isTable(v) && key.toLowerCase() === "environment") {
    return Object.entries(v).map(([name, val]) => `${name}=${quoteEnv(scalarText(section, name, val, file, line), where)}`).join(",");
  }
  throw new ConfigError(`invalid value for ${key}: a TOML ${v instanceof Date ? "date" : "table"} cannot stand for it`, where);
}

/** Quotes an environment value so 4.2.5's KEY="val" reading gives it back unchanged. */
function quoteEnv(value: string, where: { file: string; line: number; section: string; key: string }): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  throw new ConfigError("invalid value for environment: a value cannot hold both ' and \"", where);
}

/** Line numbers for messages (smol-toml gives none for values): found by scanning headers and key lines. */
class LineFinder {
  private readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split(/\r\n|\n/);
  }

  header(path: string[]): number {
    return this.find(path) ?? 1;
  }

  /** The line of the table header for `path`, or null when the file has none (the table is only implied). */
  find(path: string[]): number | null {
    const want = path.join(".");
    for (let i = 0; i < this.lines.length; i++) {
      const m = /^\s*\[([^\]]+)\]/.exec(this.lines[i]!);
      if (m && m[1]!.replace(/["'\s]/g, "") === want.replace(/["'\s]/g, "")) return i + 1;
    }
    return null;
  }

  key(table: string | null, key: string, from = 1): number {
    const re = new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*=`);
    for (let i = from - 1; i < this.lines.length; i++) {
      if (i >= from && table !== null && /^\s*\[/.test(this.lines[i]!)) break;
      if (re.test(this.lines[i]!)) return i + 1;
    }
    return from;
  }
}
