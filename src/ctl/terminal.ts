// The console supervisorctl talks through: synchronous writes (so output order and the last line before exit are
// never lost), prompts and lines read through node:readline (loaded only when a line is first needed), and Ctrl-C.
import { fstatSync, statSync, writeSync } from "node:fs";
import type { Interface as ReadlineInterface } from "node:readline";

export interface Interruptible {
  /** Aborted when the user presses Ctrl-C while this is held. */
  signal: AbortSignal;
  dispose(): void;
}

export interface LineEditing {
  /** Most recent first, as node:readline keeps it. */
  history: string[];
  completer: (line: string) => Promise<[string[], string]>;
}

export interface Terminal {
  readonly colour: boolean;
  write(text: string): void;
  writeBytes(bytes: Uint8Array): void;
  writeErr(text: string): void;
  /** Shows the prompt and reads one line; null at end of input or on Ctrl-C. */
  ask(prompt: string): Promise<string | null>;
  /** Like ask, without echoing what is typed. */
  askSecret(prompt: string): Promise<string | null>;
  interrupt(): Interruptible;
}

function writeAll(fd: number, data: Uint8Array): void {
  for (let off = 0; off < data.length; ) {
    try {
      off += writeSync(fd, data, off);
    } catch (e) {
      if ((e as { code?: string }).code !== "EAGAIN") throw e;
    }
  }
}

const encoder = new TextEncoder();

/**
 * Whether fd is a terminal, told without loading node:tty or touching process.stdout (together about a fifth of a
 * one-shot call's start-up): a character device other than /dev/null.
 */
export function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    return st.isCharacterDevice() && st.rdev !== statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}

export class StdTerminal implements Terminal {
  private colourChoice: boolean | null = null;
  private rl: ReadlineInterface | null = null;
  private readonly queued: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private ended = false;
  /** While a password is typed: the prompt, which is all that may be drawn besides the final newline. */
  private secretPrompt: string | null = null;
  private readonly interrupts = new Set<AbortController>();
  private readonly onSigint = () => this.interrupted();

  constructor(
    private readonly editing: LineEditing | null = null,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {}

  /** Colour only on a terminal, and never with NO_COLOR set. */
  get colour(): boolean {
    this.colourChoice ??= this.env.NO_COLOR === undefined && isTerminal(1);
    return this.colourChoice;
  }

  write(text: string): void {
    writeAll(1, encoder.encode(text));
  }

  writeBytes(bytes: Uint8Array): void {
    writeAll(1, bytes);
  }

  writeErr(text: string): void {
    writeAll(2, encoder.encode(text));
  }

  /** The history as it stands (most recent first), for saving on the way out. */
  get history(): string[] {
    return (this.rl as unknown as { history?: string[] })?.history ?? [];
  }

  private async readline(): Promise<ReadlineInterface> {
    if (this.rl) return this.rl;
    const { createInterface } = await import("node:readline");
    const tty = isTerminal(0);
    const rl = createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: tty,
      history: this.editing?.history ?? [],
      historySize: 1000,
      removeHistoryDuplicates: false,
      completer: this.editing
        ? (line: string, done: (err: Error | null, result: [string[], string]) => void) => {
            this.editing!.completer(line).then((r) => done(null, r), () => done(null, [[], line]));
          }
        : undefined,
    });
    const out = rl as unknown as { _writeToOutput(s: string): void };
    const plain = out._writeToOutput.bind(rl);
    out._writeToOutput = (s: string) => {
      const secret = this.secretPrompt;
      if (secret === null) plain(s);
      else if (s.includes("\n")) plain("\n");
      else if (s.startsWith(secret)) plain(secret);
    };
    rl.on("line", (line) => this.deliver(line));
    rl.on("close", () => {
      this.ended = true;
      this.deliver(null);
    });
    rl.on("SIGINT", () => this.interrupted());
    this.rl = rl;
    return rl;
  }

  private deliver(line: string | null): void {
    const waiter = this.waiting;
    this.waiting = null;
    if (waiter) waiter(line);
    else if (line !== null) this.queued.push(line);
  }

  private interrupted(): void {
    for (const c of this.interrupts) c.abort();
    if (this.waiting) this.deliver(null);
  }

  async ask(prompt: string): Promise<string | null> {
    const rl = await this.readline();
    if (this.queued.length) {
      this.write(prompt);
      return this.queued.shift()!;
    }
    if (this.ended) {
      this.write(prompt);
      return null;
    }
    rl.setPrompt(prompt);
    rl.prompt();
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async askSecret(prompt: string): Promise<string | null> {
    if (!isTerminal(0)) {
      // Python's getpass without a terminal: a warning and the prompt on stderr, then a plain line from stdin.
      this.writeErr(`Warning: Password input may be echoed.\n${prompt}`);
      return this.ask("");
    }
    const rl = await this.readline();
    this.secretPrompt = prompt;
    try {
      const line = await this.ask(prompt);
      // A password has no place in the saved history.
      const history = (rl as unknown as { history: string[] }).history;
      if (line && history[0] === line) history.shift();
      return line;
    } finally {
      this.secretPrompt = null;
    }
  }

  interrupt(): Interruptible {
    const controller = new AbortController();
    if (!this.interrupts.size) process.on("SIGINT", this.onSigint);
    this.interrupts.add(controller);
    return {
      signal: controller.signal,
      dispose: () => {
        this.interrupts.delete(controller);
        if (!this.interrupts.size) process.off("SIGINT", this.onSigint);
      },
    };
  }

  close(): void {
    this.rl?.close();
  }
}
