// Writes a config's sections as TOML, the 1:1 translation the TOML front end reads back ([program:cat] becomes
// [program.cat], [inet_http_server:web] becomes [inet_http_server.web]). Used for TOML twins of INI files and by
// `echo_supervisord_conf --toml`.
import type { RawDocument, RawEntry } from "./document";
import { parseIni } from "./ini";
import { NAMED_KINDS, SERVER_KINDS } from "./toml";

const BARE = /^[A-Za-z0-9_-]+$/;

export function tomlKey(k: string): string {
  return BARE.test(k) ? k : tomlString(k);
}

export function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

function header(name: string): string {
  const colon = name.indexOf(":");
  const kind = name.slice(0, colon);
  if (colon !== -1 && (NAMED_KINDS.includes(kind) || SERVER_KINDS.includes(kind))) {
    return `[${kind}.${tomlKey(name.slice(colon + 1))}]`;
  }
  return `[${tomlKey(name)}]`;
}

function body(entries: Map<string, RawEntry>): string {
  let out = "";
  for (const [k, e] of entries) out += `${tomlKey(k)} = ${tomlString(e.value)}\n`;
  return out;
}

export function documentToToml(doc: RawDocument): string {
  const parts: string[] = [];
  if (doc.defaults.size > 0) parts.push(`[DEFAULT]\n${body(doc.defaults)}`);
  for (const s of doc.sections) parts.push(`${header(s.name)}\n${body(s.entries)}`);
  return parts.join("\n");
}

/** INI text → equivalent TOML text (every value as a string, exactly as the INI reader sees it). */
export function iniToToml(text: string, file = "<ini>"): string {
  return documentToToml(parseIni(text, file));
}
