// The listener side of 4.2.5's event protocol, as read from a listener's stdout. A fresh listener is ACKNOWLEDGED
// (busy until it says READY); READY\n makes it READY; an event sent makes it BUSY; "RESULT <len>\n" and <len> bytes
// end the event and bring it back to ACKNOWLEDGED. Anything else puts it in UNKNOWN, where it gets no more events.
export type ListenerState = "ACKNOWLEDGED" | "READY" | "BUSY" | "UNKNOWN";

export interface ProtocolEvents {
  /** Debug and warning lines, in 4.2.5's words. */
  log(level: "debug" | "warn", message: string): void;
  /** The listener became READY: the pool may send it the next event. */
  ready(): void;
  /** The result body of the event in flight (b"OK" accepts it under the default handler). */
  result(body: Uint8Array): void;
  /** The event in flight cannot be finished (a bad RESULT line): the pool takes it back. */
  rejected(): void;
}

const READY = new TextEncoder().encode("READY\n");
const RESULT_PREFIX_LENGTH = "RESULT ".length;
const LF = 10;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function startsWith(data: Uint8Array, token: Uint8Array): boolean {
  for (let i = 0; i < token.length; i++) if (data[i] !== token[i]) return false;
  return true;
}

export class ListenerProtocol {
  private state_: ListenerState = "ACKNOWLEDGED";
  private buffer: Uint8Array = new Uint8Array(0);
  private resultLength: number | null = null;
  private result: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly name: string,
    private readonly on: ProtocolEvents,
  ) {}

  get state(): ListenerState {
    return this.state_;
  }

  /** An event was written to the listener. */
  sent(): void {
    this.state_ = "BUSY";
  }

  /** The result handler's verdict: accepted or rejected, the listener goes back to ACKNOWLEDGED. */
  change(to: ListenerState): void {
    this.on.log("debug", `${this.name}: ${this.state_} -> ${to}`);
    this.state_ = to;
    if (to === "UNKNOWN") {
      this.on.log(
        "warn",
        `${this.name}: has entered the UNKNOWN state and will no longer receive events, this usually indicates ` +
          "the process violated the eventlistener protocol",
      );
    }
  }

  feed(chunk: Uint8Array): void {
    this.buffer = concat(this.buffer, chunk);
    while (this.buffer.length > 0 && this.step());
  }

  /** Handles what the buffer holds for the current state; false when more bytes are needed. */
  private step(): boolean {
    switch (this.state_) {
      case "UNKNOWN":
        this.buffer = new Uint8Array(0);
        return false;
      case "ACKNOWLEDGED":
        if (this.buffer.length < READY.length) return false;
        if (startsWith(this.buffer, READY)) {
          this.buffer = this.buffer.subarray(READY.length);
          this.change("READY");
          this.on.ready();
        } else {
          this.buffer = new Uint8Array(0);
          this.change("UNKNOWN");
        }
        return true;
      case "READY":
        // Output while nothing was asked of it: 4.2.5 is strict about spurious data.
        this.buffer = new Uint8Array(0);
        this.change("UNKNOWN");
        return false;
      case "BUSY":
        return this.resultLength === null ? this.resultLine() : this.resultBody();
    }
  }

  private resultLine(): boolean {
    const lf = this.buffer.indexOf(LF);
    if (lf === -1) return false;
    const line = new TextDecoder().decode(this.buffer.subarray(0, lf));
    this.buffer = this.buffer.subarray(lf + 1);
    // 4.2.5 skips the first 7 characters without checking they say "RESULT ".
    const length = pyInt(line.slice(RESULT_PREFIX_LENGTH));
    if (length === null) {
      this.on.log("warn", `${this.name}: bad result line: '${line}'`);
      this.buffer = new Uint8Array(0);
      this.change("UNKNOWN");
      this.on.rejected();
      return false;
    }
    this.resultLength = length;
    return true;
  }

  private resultBody(): boolean {
    const needed = this.resultLength! - this.result.length;
    this.result = concat(this.result, this.buffer.subarray(0, needed));
    this.buffer = this.buffer.subarray(Math.max(0, needed));
    if (this.result.length < this.resultLength!) return false;
    const body = this.result;
    this.result = new Uint8Array(0);
    this.resultLength = null;
    this.on.result(body);
    return true;
  }
}

/** Python's int() on the length text: surrounding blanks allowed, a sign allowed, nothing else. */
function pyInt(text: string): number | null {
  const t = text.trim();
  return /^[+-]?\d+$/.test(t) ? Number(t) : null;
}
