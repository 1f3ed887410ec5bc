// ConfigError: every way a config can be refused, carrying where it went wrong. The message is one line in the
// shape 4.2.5 uses ("... in section 'program:x' (file: '/etc/supervisord.conf')") plus the line number; the CLI
// prints it after "Error: ".
import { pyRepr } from "./python";

export interface ConfigErrorWhere {
  file: string | null;
  line: number | null;
  section: string | null;
  key: string | null;
  value: string | null;
}

export class ConfigError extends Error {
  readonly file: string | null;
  readonly line: number | null;
  readonly section: string | null;
  readonly key: string | null;
  readonly value: string | null;
  /** The problem alone, without the "in section ... (file: ...)" suffix. */
  readonly detail: string;

  constructor(detail: string, where: Partial<ConfigErrorWhere> = {}) {
    super(ConfigError.format(detail, where));
    this.name = "ConfigError";
    this.detail = detail;
    this.file = where.file ?? null;
    this.line = where.line ?? null;
    this.section = where.section ?? null;
    this.key = where.key ?? null;
    this.value = where.value ?? null;
  }

  static format(detail: string, where: Partial<ConfigErrorWhere>): string {
    let msg = detail;
    if (where.section != null) msg += ` in section ${pyRepr(where.section)}`;
    if (where.file != null) {
      msg += ` (file: ${pyRepr(where.file)}${where.line != null ? `, line ${where.line}` : ""})`;
    }
    return msg;
  }
}

/** Thrown by a datatype converter: the reason a value is refused. The schema layer turns it into a ConfigError. */
export class BadValue extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "BadValue";
  }
}

/** "invalid value for KEY: 'VALUE' (REASON)", the detail of a refused key. */
export function invalidValueDetail(key: string, value: string, reason: string): string {
  return `invalid value for ${key}: ${pyRepr(value)} (${reason})`;
}
