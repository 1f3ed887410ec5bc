// ChildLogs over src/logs' ChannelCapture: one capture per channel per spawn (as 4.2.5 makes new dispatchers for
// each spawn), AUTO file names chosen once per process, and the pipes always drained, whatever happens to the files.
import type { EventBus } from "../core/events";
import type { ProcessConfig } from "../config/types";
import { autoLogPath } from "../logs/autoname";
import { ChannelCapture, type Channel, logPathOf } from "../logs/capture";
import type { Logger } from "../logs/levels";
import type { Child } from "../platform/spawner";
import type { ChildLogs } from "./log-seams";

export interface CaptureContext {
  logger: Logger;
  bus: EventBus;
  childlogdir: string;
  identifier: string;
  stripAnsi: boolean;
}

async function discard(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

export class CapturedLogs implements ChildLogs {
  private readonly auto: Record<Channel, string | null>;
  private captures: ChannelCapture[] = [];
  private pumping: Promise<void> = Promise.resolve();

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

  attach(child: Child): void {
    this.pumping = this.pump(child);
  }

  private async pump(child: Child): Promise<void> {
    const open = (channel: Channel) =>
      ChannelCapture.open({
        processName: this.cfg.name,
        groupName: this.group,
        pid: child.pid,
        channel,
        settings: this.cfg[channel],
        autoPath: this.auto[channel],
        stripAnsi: this.ctx.stripAnsi,
        logger: this.ctx.logger,
        events: this.ctx.bus,
      });
    let out: ChannelCapture | null = null;
    let err: ChannelCapture | null = null;
    try {
      out = await open("stdout");
      err = this.cfg.redirectStderr ? null : await open("stderr");
    } catch (e) {
      this.ctx.logger.warn(`could not open the log of ${this.cfg.name}: ${(e as Error).message}`);
    }
    this.captures = [out, err].filter((c): c is ChannelCapture => c !== null);
    const work: Promise<void>[] = [];
    if (out && this.cfg.redirectStderr) work.push(out.pump(child.stdout, child.stderr));
    else {
      work.push(out ? out.pump(child.stdout) : discard(child.stdout));
      work.push(err ? err.pump(child.stderr) : discard(child.stderr));
    }
    await Promise.allSettled(work);
    await Promise.allSettled(this.captures.map((c) => c.flushed().then(() => c.close())));
  }

  drained(): Promise<void> {
    return this.pumping;
  }

  path(stream: Channel): string | null {
    if (stream === "stderr" && this.cfg.redirectStderr) return null;
    return logPathOf(this.cfg[stream], this.auto[stream]);
  }

  clear(): void {
    for (const c of this.captures) void c.clear();
  }

  reopen(): void {
    for (const c of this.captures) void c.reopen();
  }

  async close(): Promise<void> {
    await this.pumping;
  }
}
