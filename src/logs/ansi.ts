// strip_ansi: drops ANSI escape sequences (ESC '[' up to and including the first of 4.2.5's terminator letters).
// 4.2.5 strips each read separately, so a sequence split across two reads leaks; this stripper carries its state
// from one chunk to the next, which gives the same bytes as stripping the whole stream at once.

const ESC = 0x1b;
const BRACKET = 0x5b;
const TERMINATORS = new Set([..."HfABCDRsuJKhlpm"].map((c) => c.charCodeAt(0)));

export class AnsiStripper {
  /** 0: showing text; 1: saw ESC at the end of the last chunk; 2: inside a sequence. */
  private state: 0 | 1 | 2 = 0;

  strip(data: Uint8Array): Uint8Array {
    if (this.state === 0 && !data.includes(ESC)) return data;
    const out = new Uint8Array(data.length + 1);
    let n = 0;
    for (let i = 0; i < data.length; i++) {
      const b = data[i]!;
      if (this.state === 2) {
        if (TERMINATORS.has(b)) this.state = 0;
      } else if (this.state === 1) {
        if (b === BRACKET) this.state = 2;
        else {
          out[n++] = ESC; // a lone ESC is text
          this.state = 0;
          i--; // look at this byte again as text
        }
      } else if (b === ESC) {
        if (i + 1 === data.length) this.state = 1;
        else if (data[i + 1] === BRACKET) {
          this.state = 2;
          i++;
        } else out[n++] = b;
      } else out[n++] = b;
    }
    return out.subarray(0, n);
  }

  /** At end of stream: an ESC still waiting for its '[' is plain text, as 4.2.5 keeps it. */
  end(): Uint8Array {
    const pending = this.state === 1 ? Uint8Array.of(ESC) : new Uint8Array(0);
    this.state = 0;
    return pending;
  }
}

/** Strips one complete buffer. */
export function stripAnsi(data: Uint8Array): Uint8Array {
  const s = new AnsiStripper();
  const body = s.strip(data);
  const tail = s.end();
  return tail.length ? concat([body, tail]) : body;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
