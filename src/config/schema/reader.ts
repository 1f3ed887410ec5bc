// Reads one section's keys through its schema table: the raw text (or the default), %(name)s expansion, then the
// key's converter. Every failure becomes a ConfigError naming the file, line, section, key and value.
import type { RawConfig, RawEntry, RawSection } from "../document";
import { BadValue, ConfigError, invalidValueDetail } from "../errors";
import { ExpandError, expand, type Expansions } from "../expand";
import type { ConfigHost } from "../host";

/** A key of a schema table: its default (as 4.2.5 writes it, or null for "unset") and its converter. */
export interface KeyDef<T, D extends string | null = string | null> {
  default: D;
  convert: (value: string, host: ConfigHost) => T;
  /** The converted default, once known to be a plain value (see defaultOf). */
  plain?: { value: T };
  /** The last text getAll converted to a plain value, for which host (see getAll). */
  lastText?: string;
  lastHost?: ConfigHost;
  lastValue?: T;
}

export const key = <T>(def: string, convert: (value: string, host: ConfigHost) => T): KeyDef<T, string> => ({
  default: def,
  convert,
});
export const optional = <T>(convert: (value: string, host: ConfigHost) => T): KeyDef<T, null> => ({
  default: null,
  convert,
});
export const text = (v: string): string => v;

export type Schema = Record<string, KeyDef<unknown>>;

// Converted defaults are kept on the KeyDef when they are plain values (objects are made afresh, so no two
// configs share them): a big config leaves most keys at their default in every section, and converting "50MB"
// a thousand times is wasted start-up time.
function defaultOf(def: KeyDef<unknown>, host: ConfigHost): unknown {
  if (def.plain) return def.plain.value;
  if (def.default === null) return null;
  const value = def.convert(def.default, host);
  if (value === null || typeof value !== "object") def.plain = { value };
  return value;
}

/** What reading a key gives: its converter's type, or that or null when the key has no default. */
type Typed<D> = D extends KeyDef<infer T, infer Def> ? (Def extends string ? T : T | null) : never;

export class SectionReader<S extends Schema> {
  constructor(
    readonly raw: RawConfig,
    readonly section: RawSection,
    readonly schema: S,
    readonly host: ConfigHost,
    /** The names %(...)s may use in this section's values. */
    public names: Expansions,
  ) {}

  get name(): string {
    return this.section.name;
  }

  entry(key: string): RawEntry | undefined {
    return this.section.entries.get(key) ?? (this.raw.defaults.size === 0 ? undefined : this.raw.defaults.get(key));
  }

  /** The key's text, expanded once with `names` (4.2.5's saneget), or null when unset and without default. */
  text(key: keyof S & string, names: Expansions = this.names): string | null {
    const e = this.entry(key);
    if (!e) return this.schema[key]!.default;
    return this.expand(e.value, names, key);
  }

  /** The key's raw text, unexpanded (process_name=, environment= are expanded later, per process). */
  rawText(key: keyof S & string): string | null {
    return this.entry(key)?.value ?? this.schema[key]!.default;
  }

  /** Read, expand and convert one key. */
  get<K extends keyof S & string>(key: K, names: Expansions = this.names): Typed<S[K]> {
    const e = this.entry(key);
    if (!e) return defaultOf(this.schema[key]!, this.host) as Typed<S[K]>;
    const value = this.expand(e.value, names, key);
    return this.check(key, value, this.schema[key]!.convert) as Typed<S[K]>;
  }

  /**
   * Several keys at once, in the given order (4.2.5's, so the first bad one is the one it reports): what the
   * section sets is expanded and converted, the rest take their defaults. One call instead of one per key keeps
   * a thousand-program config cheap to read.
   */
  getAll<K extends keyof S & string>(keys: readonly K[], names: Expansions = this.names): { [P in K]: Typed<S[P]> } {
    const out = {} as Record<K, unknown>;
    const own = this.section.entries;
    const inherited = this.raw.defaults.size > 0 ? this.raw.defaults : null;
    for (const key of keys) {
      const def = this.schema[key]!;
      const e = own.get(key) ?? inherited?.get(key);
      if (e === undefined) {
        out[key] = def.plain ? def.plain.value : defaultOf(def, this.host);
        continue;
      }
      // A big config repeats the same values (autorestart=unexpected, stopsignal=INT, ...) section after section:
      // a text converted to a plain value just before, for the same host, is not converted again.
      const text = this.expand(e.value, names, key);
      if (text === def.lastText && this.host === def.lastHost) {
        out[key] = def.lastValue;
        continue;
      }
      const value = this.check(key, text, def.convert);
      if (value === null || typeof value !== "object") {
        def.lastText = text;
        def.lastHost = this.host;
        def.lastValue = value;
      }
      out[key] = value;
    }
    return out as { [P in K]: Typed<S[P]> };
  }

  /** Convert already-fetched text with the key's converter. */
  convert<K extends keyof S & string>(key: K, value: string | null): Typed<S[K]> {
    if (value === null) return null as Typed<S[K]>;
    return this.check(key, value, this.schema[key]!.convert) as Typed<S[K]>;
  }

  /** Convert a value of `key` with any converter, locating its failure at the key. */
  check<T>(key: string, value: string, convert: (value: string, host: ConfigHost) => T): T {
    try {
      return convert(value, this.host);
    } catch (e) {
      if (e instanceof BadValue) throw this.error(invalidValueDetail(key, value, e.message), key, value);
      throw e;
    }
  }

  /** %(name)s expansion of a value of this section's `key`; `label` is how 4.2.5 names the value in its message
   * when that is not "section.key". */
  expand(value: string, names: Expansions, key: string, label?: string): string {
    if (!value.includes("%")) return value;
    try {
      return expand(value, names, label ?? `${this.section.name}.${key}`);
    } catch (e) {
      if (e instanceof ExpandError) throw this.error(e.message, key, value);
      throw e;
    }
  }

  /** A ConfigError located at the key (if written) or else at the section header. */
  error(detail: string, key: string | null = null, value: string | null = null): ConfigError {
    const e = key ? this.entry(key) : undefined;
    return new ConfigError(detail, {
      file: e?.file ?? this.section.file,
      line: e?.line ?? this.section.line,
      section: this.section.name,
      key,
      value: value ?? e?.value ?? null,
    });
  }
}
