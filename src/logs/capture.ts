// One channel (stdout or stderr) of one spawned child: its bytes go to the log file (rotating), to syslog, to the
// main log at debug level, and out as PROCESS_LOG events; text between <!--XSUPERVISOR:BEGIN--> and
// <!--XSUPERVISOR:END--> goes instead to a bounded buffer that becomes a PROCESS_COMMUNICATION event (capture
// mode, when capture_maxbytes > 0). Like 4.2.5 a new capture is made for each spawn.
//
// Keeping pace: pump() reads the child's pipe and stops reading only while this channel's file queue is past its
// high-water mark, so a child writing flat out is slowed by its own pipe (no byte is dropped, memory stays bounded)
// and a slow disk holds up only the children that write to it.
import type { SupervisorEvent } from "../core/events";
import type { ChildOutput } from "../platform/pipe-source";
import { sharedSyslogSender } from "../platform/syslog";
import { AnsiStripper, concat } from "./ansi";
import { BoundBuffer } from "./bound-buffer";
import { LEVELS, type Logger } from "./levels";
import { pyRepr } from "../core/pyrepr";
import { pyText } from "./pytext";
import { readLog, readSource, tailLog, tailSource, type TailResult } from "./read-tail";
import { RotatingFile } from "./rotating-file";
import { TailRing } from "./tail-ring";
import { BEGIN_TOKEN, END_TOKEN, indexOfBytes, prefixAtEnd } from "./tokens";

export type Channel = "stdout" | "stderr";

/** The fields of the config's StreamConfig this module reads (structurally the same, so it can be passed as is). */
export interface ChannelLogSettings {
  logfile: { kind: "auto" } | { kind: "none" } | { kind: "syslog" } | { kind: "file"; path: string };
  logfileMaxbytes: number;
  logfileBackups: number;
  captureMaxbytes: number;
  eventsEnabled: boolean;
  syslog: boolean;
}

/** What opening a channel's log file needs. */
export type LogFileOptions = Pick<CaptureOptions, "processName" | "channel" | "settings" | "autoPath" | "logger">;

export interface EventSink {
  emit(e: SupervisorEvent): void;
}

/** One syslog message (one line, already prefixed). */
export type SyslogWriter = (line: string) => void;

export interface CaptureOptions {
  processName: string;
  groupName: string;
  pid: number;
  channel: Channel;
  settings: ChannelLogSettings;
  /** The file for an AUTO logfile, chosen once per process (autoLogPath); ignored for the other kinds. */
  autoPath?: string | null;
  /** supervisord's strip_ansi. */
  stripAnsi: boolean;
  logger: Logger;
  events: EventSink;
  /** Where syslog lines go; /dev/log when not given. */
  syslog?: SyslogWriter;
}

const EMPTY = new Uint8Array(0);
/** Smallest room worth reading into: less, and a read would stop short of what the pipe holds. */
const SPARE_MIN = 64 * 1024;

export class ChannelCapture {
  readonly logfile: string | null;
  private readonly ring: TailRing | null;
  private readonly stripper: AnsiStripper | null;
  private readonly captureBuf: BoundBuffer | null;
  private readonly syslog: SyslogWriter | null;
  private capturing = false;
  private held: Uint8Array = EMPTY;
  private mustWait = false;

  private constructor(
    private readonly opts: CaptureOptions,
    private readonly file: RotatingFile | null,
  ) {
    const s = opts.settings;
    this.logfile = file?.path ?? null;
    this.ring = file && !file.isRegularFile ? new TailRing() : null;
    this.stripper = opts.stripAnsi ? new AnsiStripper() : null;
    this.captureBuf = s.captureMaxbytes > 0 ? new BoundBuffer(s.captureMaxbytes) : null;
    // 4.2.5 reads logfile=syslog as the deprecated spelling of stdout_syslog=true: one syslog target either way.
    this.syslog = s.logfile.kind === "syslog" || s.syslog ? (opts.syslog ?? sharedSyslogSender()) : null;
  }

  /** Opens the channel's log file and starts capturing; rejects with the open error. */
  static async open(opts: CaptureOptions): Promise<ChannelCapture> {
    return ChannelCapture.over(opts, await ChannelCapture.openFile(opts));
  }

  /**
   * Opens the channel's log file (null when it has none) before the child is spawned, as 4.2.5 opens it before the
   * fork: throws the open error (ENOENT, EISDIR…), which the daemon records as the spawn error. A FIFO is the
   * exception: opening one waits for its reader, so it comes as a promise.
   */
  static openFile(opts: LogFileOptions): RotatingFile | null | Promise<RotatingFile> {
    const path = logPathOf(opts.settings, opts.autoPath ?? null);
    if (!path) return null;
    const s = opts.settings;
    const report = (err: NodeJS.ErrnoException, p: string) =>
      opts.logger.warn(`error writing ${opts.channel} log ${p} of ${opts.processName}: ${err.code ?? err.message}`);
    return RotatingFile.openNowOrLater(path, { maxbytes: s.logfileMaxbytes, backups: s.logfileBackups }, report);
  }

  /** Captures one spawn's channel into a file from openFile(). */
  static over(opts: CaptureOptions, file: RotatingFile | null): ChannelCapture {
    return new ChannelCapture(opts, file);
  }

  /** Takes one chunk from the child, which may be overwritten once this returns (what is kept is copied). Returns a
   * promise when the caller should wait before feeding more. */
  feed(chunk: Uint8Array): Promise<void> | undefined {
    if (!this.captureBuf) this.record(chunk);
    else {
      this.held = this.held.length ? concat([this.held, chunk]) : chunk.slice();
      this.scan();
    }
    if (!this.mustWait || !this.file) return undefined;
    this.mustWait = false;
    return this.file.ready();
  }

  /** Where a pipe reader may put the next bytes it reads for feed(): straight into the log file's queue, when they
   * go to the file unchanged (no capture mode, no strip_ansi); null otherwise. */
  spare(): Uint8Array | null {
    if (this.captureBuf || this.stripper || !this.file) return null;
    return this.file.spare(SPARE_MIN);
  }

  /** Reads the pipe to its end, feeding each read, then ends the channel. Cancelling the pipe ends it early.
   * (redirect_stderr needs no second pipe here: the child's fd 2 is its stdout pipe.) */
  pump(output: ChildOutput): Promise<void> {
    return output.start(this).then(() => this.end());
  }

  /** The child closed the channel: log what was held back waiting for a possible token. 4.2.5 drops it. */
  end(): void {
    const rest = this.held;
    this.held = EMPTY;
    const body = this.stripper ? this.stripper.strip(rest) : rest;
    const tail = this.stripper?.end() ?? EMPTY;
    this.record(tail.length ? concat([body, tail]) : body, false);
  }

  /** Resolves when every byte fed so far is in the file. */
  flushed(): Promise<void> {
    return this.file?.flushed() ?? Promise.resolve();
  }

  /** SIGUSR2: reopen the file at the same path. */
  reopen(): Promise<void> {
    return this.file?.reopen() ?? Promise.resolve();
  }

  /** clearProcessLogs: remove the file and start afresh; the capture buffer and tail ring are emptied too. Throws
   * when the new file cannot be opened (see RotatingFile.clear). */
  clear(): Promise<void> {
    this.captureBuf?.clear();
    this.ring?.clear();
    return this.file?.clear() ?? Promise.resolve();
  }

  close(): Promise<void> {
    return this.file?.close() ?? Promise.resolve();
  }

  /** readProcessStdoutLog: from the file, or from the tail ring when the target is not a regular file. */
  read(offset: number, length: number): string {
    return this.ring ? readSource(this.ring, offset, length) : readLog(this.logfile, offset, length);
  }

  /** tailProcessStdoutLog, with the same choice of source as read(). */
  tail(offset: number, length: number): TailResult {
    return this.ring ? tailSource(this.ring, offset, length) : tailLog(this.logfile, offset, length);
  }

  /** 4.2.5's record_output: split the held bytes on the current token, holding back a possible partial token. */
  private scan(): void {
    for (;;) {
      const token = this.capturing ? END_TOKEN : BEGIN_TOKEN;
      // Like 4.2.5, wait until there is more than a token's worth before looking.
      if (this.held.length <= token.length) return;
      const data = this.held;
      const at = indexOfBytes(data, token);
      if (at < 0) {
        const keep = prefixAtEnd(data, token);
        this.held = keep ? data.slice(data.length - keep) : EMPTY;
        this.record(keep ? data.subarray(0, data.length - keep) : data);
        return;
      }
      this.record(data.subarray(0, at));
      this.toggleCapture();
      this.held = data.subarray(at + token.length);
      if (this.held.length === 0) return;
    }
  }

  private toggleCapture(): void {
    this.capturing = !this.capturing;
    if (this.capturing) return;
    const { processName, groupName, pid, channel, logger, events } = this.opts;
    const data = this.captureBuf!.value();
    events.emit({
      type: channel === "stdout" ? "PROCESS_COMMUNICATION_STDOUT" : "PROCESS_COMMUNICATION_STDERR",
      processName,
      groupName,
      pid,
      data: pyText(data),
    });
    logger.debug(`${pyRepr(processName)} ${channel} emitted a comm event`);
    this.captureBuf!.clear();
  }

  /** 4.2.5's _log: one piece of output to wherever it goes. */
  private record(raw: Uint8Array, strip = true): void {
    // Emptiness is judged before stripping: output that was only escapes still makes an (empty) event, as in 4.2.5.
    if (raw.length === 0) return;
    const data = strip && this.stripper ? this.stripper.strip(raw) : raw;
    const { processName, groupName, pid, channel, logger, events, settings } = this.opts;
    if (this.capturing) this.captureBuf!.write(data);
    else this.toLog(data);
    if (logger.isEnabledFor(LEVELS.debug)) {
      logger.debug(`${pyRepr(processName)} ${channel} output:\n${pyText(data)}`);
    }
    if (settings.eventsEnabled) {
      const type = channel === "stdout" ? "PROCESS_LOG_STDOUT" : "PROCESS_LOG_STDERR";
      events.emit({ type, processName, groupName, pid, data: pyText(data) });
    }
  }

  private toLog(data: Uint8Array): void {
    if (this.file && !this.file.write(data)) this.mustWait = true;
    this.ring?.push(data);
    if (!this.syslog) return;
    for (const line of pyText(data).replace(/\n+$/, "").split("\n")) this.syslog(`${this.opts.processName} ${line}`);
  }
}

/** The file a channel writes to: the AUTO path, the configured path, or none (NONE, syslog). */
export function logPathOf(settings: ChannelLogSettings, autoPath: string | null): string | null {
  const t = settings.logfile;
  if (t.kind === "file") return t.path;
  if (t.kind === "auto") return autoPath;
  return null;
}
