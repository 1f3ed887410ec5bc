// ChildLogs over src/logs' ChannelCapture: one capture per channel per spawn, its file opened before the spawn (as
// 4.2.5 makes new dispatchers before each fork, so a file that cannot be opened fails the spawn), AUTO file names
// chosen once per process, and the pipes always drained, whatever happens to the files.
// close() stops reading the pipes: a grandchild that keeps the child's stdout open must not keep supervisord from
// exiting.
import type { EventBus } from "../core/events";
import type { ProcessConfig } from "../config/types";
import { autoLogPath } from "../logs/autoname";
import { ChannelCapture, type Channel, logPathOf } from "../logs/capture";
import type { Logger } from "../logs/levels";
import type { RotatingFile } from "../logs/rotating-file";
import type { ChildOutput } from "../platform/pipe-source";
import type { Child } from "../platform/spawner";
import type { ChildLogs } from "./log-seams";

export interface CaptureContext {
  logger: Logger;
  bus: EventBus;
  childlogdir: string;
  identifier: string;
  stripAnsi: boolean;
}

/** How long close() lets the pipes run dry by themselves before it stops reading them. */
const CLOSE_GRACE_MS = 200;
/** The longest written() waits for the files: a stalled disk delays the news of one exit, and no more. */
const WRITTEN_BOUND_MS = 100;

/** A channel's log file: open, none, or (a FIFO) still opening. */
type Opening = RotatingFile | null | Promise<RotatingFile>;
type Files = Record<Channel, Opening>;

export class CapturedLogs implements ChildLogs {
  private readonly auto: Record<Channel, string | null>;
  private captures: ChannelCapture[] = [];
  /** Files open() made for a spawn that has not been attached yet. */
  private prepared: Files | null = null;
  private pumping: Promise<void> = Promise.resolve();
  private readonly readings = new Set<ChildOutput>();

  constructor(
    private readonly cfg: ProcessConfig,
    private readonly group: string,
    private readonly ctx: CaptureContext,
  ) {
    const name = (ch: Channel) =>
      cfg[ch].logfile.kind === "auto" && !(ch === "stderr" && cfg.redirectStderr)
        ? autoLogPath(ctx.childlogdir, cfg.name, ch, ctx.identifier)
        : null;
    this.auto = { stdout: name("stdout"), stderr: name("stderr") };
  }

  /** Opens the files for the next spawn; throws the open error. Files from an open() that no spawn followed (it
   * failed) are closed first. */
  open(): void {
    this.release();
    const file = (channel: Channel) =>
      ChannelCapture.openFile({
        processName: this.cfg.name,
        channel,
        settings: this.cfg[channel],
        autoPath: this.auto[channel],
        logger: this.ctx.logger,
      });
    const stdout = file("stdout");
    try {
      this.prepared = { stdout, stderr: this.cfg.redirectStderr ? null : file("stderr") };
    } catch (err) {
      closeOpening(stdout);
      throw err;
    }
  }

  attach(child: Child): void {
    let files = this.prepared;
    this.prepared = null;
    if (!files) {
      try {
        this.open();
        files = this.prepared!;
        this.prepared = null;
      } catch (e) {
        this.warnOpen(e);
        files = { stdout: null, stderr: null };
      }
    }
    this.pumping = this.pump(child, files);
  }

  /** Reads both pipes into their captures until they end, then closes the files. Chained promises rather than async
   * functions: with 1,000 programs each suspended async frame is a measurable share of the daemon's heap. */
  private pump(child: Child, files: Files): Promise<void> {
    if (!(files.stdout instanceof Promise || files.stderr instanceof Promise)) return this.run(child, files.stdout, files.stderr);
    // A FIFO still opening: start once it has (or has failed), warning about stdout before stderr.
    const settled = (f: Opening) => Promise.resolve(f).then((file) => ({ file }), (error: unknown) => ({ error }));
    return Promise.all([settled(files.stdout), settled(files.stderr)]).then((results) => {
      const [out, err] = results.map((r) => ("error" in r ? void this.warnOpen(r.error) : r.file));
      return this.run(child, out, err);
    });
  }

  /** A file undefined: its open failed, and that channel's output is read but goes nowhere. */
  private run(child: Child, stdoutFile: RotatingFile | null | undefined, stderrFile: RotatingFile | null | undefined) {
    const capture = (channel: Channel, file: RotatingFile | null | undefined): ChannelCapture | null => {
      if (file === undefined) return null;
      try {
        return ChannelCapture.over(
          {
            processName: this.cfg.name,
            groupName: this.group,
            pid: child.pid,
            channel,
            settings: this.cfg[channel],
            autoPath: this.auto[channel],
            stripAnsi: this.ctx.stripAnsi,
            logger: this.ctx.logger,
            events: this.ctx.bus,
          },
          file,
        );
      } catch (e) {
        this.warnOpen(e);
        return null;
      }
    };
    const out = capture("stdout", stdoutFile);
    const err = this.cfg.redirectStderr ? null : capture("stderr", stderrFile);
    this.captures = [out, err].filter((c): c is ChannelCapture => c !== null);
    // With redirect_stderr the child has one pipe for both (child.stderr is null), as in 4.2.5.
    const ended = Promise.all([this.read(child.stdout, out), child.stderr && this.read(child.stderr, err)]);
    return ended.then(() => Promise.allSettled(this.captures.map((c) => c.flushed().then(() => c.close())))).then(() => {});
  }

  private warnOpen(e: unknown): void {
    this.ctx.logger.warn(`could not open the log of ${this.cfg.name}: ${(e as Error).message}`);
  }

  /** Closes files that open() made and no spawn took. */
  private release(): void {
    const files = this.prepared;
    this.prepared = null;
    if (files) for (const f of Object.values(files)) closeOpening(f);
  }

  /** Reads one pipe to its end (or until close() cancels it) into its capture, or nowhere. */
  private read(output: ChildOutput, capture: ChannelCapture | null): Promise<void> {
    this.readings.add(output);
    return (capture ? capture.pump(output) : output.start(DISCARD)).then(() => void this.readings.delete(output));
  }

  drained(): Promise<void> {
    return this.pumping;
  }

  written(): Promise<void> {
    return settledWithin(Promise.allSettled(this.captures.map((c) => c.flushed())), WRITTEN_BOUND_MS);
  }

  path(stream: Channel): string | null {
    if (stream === "stderr" && this.cfg.redirectStderr) return null;
    return logPathOf(this.cfg[stream], this.auto[stream]);
  }

  /** Throws at once when a file cannot be opened again, as 4.2.5's removelogs raises. */
  clear(): Promise<void> {
    return Promise.all(this.captures.map((c) => c.clear())).then(() => {});
  }

  reopen(): void {
    for (const c of this.captures) void c.reopen();
  }

  async close(): Promise<void> {
    this.release();
    await settledWithin(this.pumping, CLOSE_GRACE_MS);
    for (const r of this.readings) r.cancel();
    await this.pumping;
  }
}

/** Resolves when `p` settles or after `ms`, whichever comes first. */
function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([p.then(noop, noop), bound]).then(() => clearTimeout(timer));
}

const noop = () => {};
/** Where a channel whose log could not be opened goes: its pipe is still drained. */
const DISCARD = { feed: noop };

function closeOpening(f: Opening): void {
  if (f instanceof Promise) f.then((file) => file.close(), () => {});
  else void f?.close();
}
