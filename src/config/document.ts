// What the INI and TOML front ends produce: sections of string values, each remembering where it was written.
// Every file is read into one RawDocument; merge() joins the main file and its includes the way 4.2.5's single
// ConfigParser does, except that a section written twice is an error instead of a silent merge.
import { ConfigError } from "./errors";

export interface RawEntry {
  value: string;
  file: string;
  line: number;
}

export interface RawSection {
  name: string;
  file: string;
  line: number;
  /** Keys are lower-cased, as ConfigParser's optionxform does. A repeated key keeps the last value. */
  entries: Map<string, RawEntry>;
}

export interface RawDocument {
  file: string;
  /** In the order written; may repeat a name (merge() refuses that). [DEFAULT] is not among them. */
  sections: RawSection[];
  /** [DEFAULT] keys, which every section inherits (ConfigParser's default section). */
  defaults: Map<string, RawEntry>;
}

/** The sections of every file read, as one lookup. */
export class RawConfig {
  readonly sections = new Map<string, RawSection>();
  readonly defaults = new Map<string, RawEntry>();

  /** Adds one file's sections. [include] is per file (each file's own include list), so it is passed over here. */
  add(doc: RawDocument): void {
    for (const section of doc.sections) {
      if (section.name === "include") continue;
      const first = this.sections.get(section.name);
      if (first) throw duplicateSection(first, section);
      this.sections.set(section.name, section);
    }
    for (const [k, v] of doc.defaults) this.defaults.set(k, v);
  }

  has(name: string): boolean {
    return this.sections.has(name);
  }

  /** A key of a section, falling back to [DEFAULT] as ConfigParser.get does. */
  entry(section: RawSection, key: string): RawEntry | undefined {
    const own = section.entries.get(key);
    return own !== undefined || this.defaults.size === 0 ? own : this.defaults.get(key);
  }

  /** The section's keys plus inherited [DEFAULT] keys (ConfigParser.options). */
  keys(section: RawSection): string[] {
    const keys = [...section.entries.keys()];
    for (const k of this.defaults.keys()) if (!section.entries.has(k)) keys.push(k);
    return keys;
  }

  sectionsWithPrefix(prefix: string): RawSection[] {
    const out: RawSection[] = [];
    for (const s of this.sections.values()) if (s.name.startsWith(prefix)) out.push(s);
    return out;
  }
}

function duplicateSection(first: RawSection, again: RawSection): ConfigError {
  const where = first.file === again.file ? `line ${first.line}` : `'${first.file}' line ${first.line}`;
  return new ConfigError(`section [${again.name}] is written twice (first at ${where})`, {
    file: again.file,
    line: again.line,
    section: again.name,
  });
}

/** The sections of one document that are duplicated within it, for front ends that check early. */
export function checkNoRepeats(doc: RawDocument): void {
  const seen = new Map<string, RawSection>();
  for (const s of doc.sections) {
    const first = seen.get(s.name);
    if (first) throw duplicateSection(first, s);
    seen.set(s.name, s);
  }
}
