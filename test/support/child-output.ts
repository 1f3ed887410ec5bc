// ChildOutputs for tests: one a test writes to by hand (a fake child's stdout), and a real child's pipe read as the
// daemon reads it.
import type { ChildOutput, PipeConsumer } from "../../src/platform/pipe-source";
import { PipeSource } from "../../src/platform/pipe-source";
import { closeFd, outputPipe } from "../../src/platform/pipes";

/** Output the test gives with say() and ends with end(); each piece waits for the reader's pause, if it asks one. */
export class ScriptedOutput implements ChildOutput {
  private consumer: PipeConsumer | null = null;
  private queued: Uint8Array[] = [];
  private chain: Promise<void> = Promise.resolve();
  private ended = false;
  private resolveDone!: () => void;
  private readonly done = new Promise<void>((r) => (this.resolveDone = r));

  start(consumer: PipeConsumer): Promise<void> {
    this.consumer = consumer;
    for (const bytes of this.queued.splice(0)) this.hand(bytes);
    if (this.ended) this.finish();
    return this.done;
  }

  say(text: string | Uint8Array): void {
    const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
    if (this.consumer) this.hand(bytes);
    else this.queued.push(bytes);
  }

  end(): void {
    this.ended = true;
    if (this.consumer) this.finish();
  }

  cancel(): void {
    this.end();
  }

  private hand(bytes: Uint8Array): void {
    const consumer = this.consumer!;
    this.chain = this.chain.then(() => consumer.feed(bytes) ?? undefined);
  }

  private finish(): void {
    void this.chain.then(() => this.resolveDone());
  }
}

/** Output that holds `text` and then ends. */
export function outputOf(text: string): ScriptedOutput {
  const out = new ScriptedOutput();
  if (text) out.say(text);
  out.end();
  return out;
}

/** Runs `cmd` with its stdout on a pipe read as the daemon reads it. */
export function spawnPiped(cmd: string[]) {
  const out = outputPipe();
  const child = Bun.spawn(cmd, { stdout: out.writeFd, stderr: "inherit" });
  closeFd(out.writeFd);
  return { child, stdout: new PipeSource(out.readFd) };
}

/** Everything the output gives until it ends, as text. */
export async function textOf(output: ChildOutput | null): Promise<string> {
  const parts: Buffer[] = [];
  await output?.start({ feed: (view) => void parts.push(Buffer.from(view)) });
  return Buffer.concat(parts).toString();
}
