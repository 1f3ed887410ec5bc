// supervisord's own log, with 4.2.5's line format `2026-11-25 16:05:00,123 INFO spawned: 'x' with pid 123` in
// local time. Lines go to the logfile (rotating like a child log, never rotating a non-regular target such as
// /dev/stdout), or to syslog when logfile=syslog, and also to stdout when running in the foreground and not
// silent, as 4.2.5 does. Until open() is called, lines are kept in memory and written on open in 4.2.5's
// start-up order (critical, then warnings, then the rest), so nothing logged while reading the config is lost.
// Lines for the file and stdout are written together once the current turn of the event loop is over (a start-up
// of 1,000 programs logs 1,000 lines in one turn); each keeps the time it was logged at, and the file rotates after
// the same line as it would with one write per line.
import { existsSync, unlinkSync, writeSync } from "node:fs";
import { DomainError } from "../core/errors";
import { localDate } from "../platform/localtime";
import { sharedSyslogSender } from "../platform/syslog";
import type { SyslogWriter } from "./capture";
import { LEVELS, levelLineName, levelNumber, type LevelName, type LevelNumber, type Logger } from "./levels";
import { RotatingFile } from "./rotating-file";

export interface MainLogSettings {
  /** A path (including /dev/stdout), or "syslog". */
  logfile: string;
  maxbytes: number;
  backups: number;
  level: LevelName;
  /** nodaemon and not silent: echo every line to stdout as well. */
  echoStdout: boolean;
}

interface Pending {
  level: LevelNumber;
  at: number;
  msg: string;
}

const encoder = new TextEncoder();
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** 4.2.5's asctime: local time (glibc's, see platform/localtime), comma, milliseconds. */
export function asctime(ms: number): string {
  const d = localDate(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`;
}

export function formatLine(level: LevelNumber, ms: number, msg: string): string {
  return `${stamp(ms)} ${levelLineName(level)} ${msg}\n`;
}

/** The date and time of the last whole second stamped: local-time fields cost more than all the rest of a line. */
let stampedSecond = NaN;
let stampedPrefix = "";

/** asctime(ms), reusing the date and time part within one second. */
function stamp(ms: number): string {
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  if (second !== stampedSecond) {
    stampedPrefix = asctime(second * 1000).slice(0, -4);
    stampedSecond = second;
  }
  return `${stampedPrefix},${pad(whole - second * 1000, 3)}`;
}

/** Writes to stdout, ignoring a closed or gone stdout as 4.2.5 ignores EPIPE. */
function writeStdout(text: string): void {
  const bytes = encoder.encode(text);
  let off = 0;
  try {
    while (off < bytes.length) off += writeSync(1, bytes, off, bytes.length - off);
  } catch {
    // stdout is closed or full: the file still has the line
  }
}

export interface MainLogDeps {
  now?: () => number;
  stdout?: (text: string) => void;
  /** Where logfile=syslog lines go; /dev/log when not given. */
  syslog?: SyslogWriter;
}

export class MainLog implements Logger {
  private threshold: number = LEVELS.blather;
  private pending: Pending[] | null = [];
  private file: RotatingFile | null = null;
  private echo = false;
  private logfile: string | null = null;
  private readonly now: () => number;
  private readonly stdout: (text: string) => void;
  private readonly syslogDep: SyslogWriter | undefined;
  private syslog: SyslogWriter | null = null;
  /** Lines not yet written to the file and stdout; written by flush(). */
  private unwritten: string[] = [];
  private flushing: ReturnType<typeof setImmediate> | null = null;
  private readonly flushNow = () => this.flush();

  constructor(deps: MainLogDeps = {}) {
    this.now = deps.now ?? Date.now;
    this.stdout = deps.stdout ?? writeStdout;
    this.syslogDep = deps.syslog;
  }

  /** The log file path for readLog/clearLog, or null before open() or when logging to syslog. */
  get path(): string | null {
    return this.logfile;
  }

  /** Opens the targets and writes what was logged before; throws the open error (EACCES…) to the caller. */
  open(settings: MainLogSettings): void {
    this.threshold = levelNumber(settings.level);
    this.echo = settings.echoStdout;
    if (settings.logfile === "syslog") this.syslog = this.syslogDep ?? sharedSyslogSender();
    else {
      const report = (err: NodeJS.ErrnoException) => this.stdout(`error writing ${settings.logfile}: ${err.code ?? err.message}\n`);
      this.file = RotatingFile.openSync(settings.logfile, { maxbytes: settings.maxbytes, backups: settings.backups }, report);
      this.logfile = settings.logfile;
    }
    // A daemon that ends in the middle of a turn (an uncaught error) still writes what it logged.
    process.on("exit", this.flushNow);
    const earlier = this.pending ?? [];
    this.pending = null;
    const order = [...earlier].sort((a, b) => b.level - a.level);
    for (const p of order) if (p.level >= this.threshold) this.emit(p.level, p.at, p.msg);
  }

  isEnabledFor(level: LevelNumber): boolean {
    return level >= this.threshold;
  }

  log(level: LevelNumber, msg: string): void {
    if (level < this.threshold) return;
    const at = this.now();
    if (this.pending) this.pending.push({ level, at, msg });
    else this.emit(level, at, msg);
  }

  critical(msg: string): void {
    this.log(LEVELS.critical, msg);
  }
  error(msg: string): void {
    this.log(LEVELS.error, msg);
  }
  warn(msg: string): void {
    this.log(LEVELS.warn, msg);
  }
  info(msg: string): void {
    this.log(LEVELS.info, msg);
  }
  debug(msg: string): void {
    this.log(LEVELS.debug, msg);
  }
  trace(msg: string): void {
    this.log(LEVELS.trace, msg);
  }
  blather(msg: string): void {
    this.log(LEVELS.blather, msg);
  }

  /** SIGUSR2. */
  reopen(): void {
    this.info("supervisord logreopen");
    this.flush();
    this.file?.reopenSync();
  }

  /** clearLog: NO_FILE when there is no log file, FAILED when it cannot be removed. Like 4.2.5, logs
   * "reopening log file" once per target before reopening it (the first one goes to the removed file). */
  clear(): void {
    this.flush();
    if (this.logfile === null || !existsSync(this.logfile)) throw new DomainError("NO_FILE");
    if (this.file?.isRegularFile) {
      try {
        unlinkSync(this.logfile);
      } catch {
        throw new DomainError("FAILED");
      }
    }
    const targets = (this.echo ? 1 : 0) + (this.file ? 1 : 0) + (this.syslog ? 1 : 0);
    for (let i = 0; i < targets; i++) this.info("reopening log file");
    this.flush();
    this.file?.reopenSync();
  }

  close(): void {
    this.flush();
    process.off("exit", this.flushNow);
    this.file?.closeSync();
    this.file = null;
  }

  /** Writes the lines logged so far to stdout and the file. */
  flush(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    const lines = this.unwritten;
    if (lines.length === 0) return;
    this.unwritten = [];
    if (this.echo) this.stdout(lines.join(""));
    if (this.file) this.writeFile(lines);
  }

  /** One write for the lines, cut after each line that brings the file to its rotation size. */
  private writeFile(lines: string[]): void {
    const file = this.file!;
    let room = file.bytesBeforeRotation;
    if (room === Infinity) {
      file.appendSync(encoder.encode(lines.join("")));
      return;
    }
    let from = 0;
    let bytes = 0;
    for (let i = 0; i < lines.length; i++) {
      bytes += Buffer.byteLength(lines[i]!);
      if (bytes < room && i < lines.length - 1) continue;
      file.appendSync(encoder.encode(lines.slice(from, i + 1).join("")));
      from = i + 1;
      bytes = 0;
      room = file.bytesBeforeRotation;
    }
  }

  private emit(level: LevelNumber, at: number, msg: string): void {
    const line = formatLine(level, at, msg);
    if (this.echo || this.file) {
      this.unwritten.push(line);
      this.flushing ??= setImmediate(this.flushNow);
    }
    if (this.syslog) {
      const head = `${stamp(at)} ${levelLineName(level)} `;
      for (const part of msg.replace(/\n+$/, "").split("\n")) this.syslog(head + part);
    }
  }
}
