// Where one request ends and the next begins on a connection, so that the front can drop the empty lines a client
// sends where a request line is expected (RFC 7230 §3.5: a server SHOULD ignore them). 4.2.5's supervisorctl ends
// its tail -f request with one; Bun.serve would read it as a malformed second request and answer 400 inside the
// open stream. Only what frames a request is read: a head up to its blank line, then its body is counted (by
// Content-Length) or followed chunk by chunk (chunked); body bytes themselves are never looked at. A head the
// framer cannot frame (malformed, an unknown transfer coding, CONNECT) switches it to passing every later byte
// through untouched, so Bun.serve answers that request exactly as it would have without the front.

const CR = 13;
const LF = 10;
/** Longer heads are refused by Bun.serve anyway (431); the framer stops framing rather than hold more. */
const MAX_HEAD_BYTES = 64 * 1024;
/** A chunk-size line (with its extensions) or a trailer line longer than this is not followed. */
const MAX_LINE_BYTES = 4 * 1024;

type State =
  | "line" // expecting a request line: CR and LF bytes are dropped
  | "head" // inside a request head, up to its blank line
  | "body" // a Content-Length body: `left` bytes to go
  | "size" // a chunk-size line of a chunked body
  | "data" // chunk data plus its CRLF: `left` bytes to go
  | "trailer" // trailer lines after the last chunk, up to a blank line
  | "pass"; // framing lost: everything goes through as is

/** How the body of a request with this head is delimited; "pass" when it cannot be told. */
export function bodyFraming(head: string): { kind: "length"; length: number } | { kind: "chunked" } | { kind: "pass" } {
  const lines = head.split("\r\n");
  if (/^CONNECT /i.test(lines[0]!)) return { kind: "pass" };
  let length: string | null = null;
  let coding: string | null = null;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-length") {
      if (length !== null && length !== value) return { kind: "pass" };
      length = value;
    } else if (name === "transfer-encoding") {
      if (coding !== null) return { kind: "pass" };
      coding = value;
    }
  }
  if (coding !== null) {
    const last = coding.split(",").pop()!.trim().toLowerCase();
    return length === null && last === "chunked" ? { kind: "chunked" } : { kind: "pass" };
  }
  if (length === null) return { kind: "length", length: 0 };
  return /^\d{1,15}$/.test(length) ? { kind: "length", length: Number(length) } : { kind: "pass" };
}

export class RequestFramer {
  private state: State = "line";
  private left = 0;
  /** The head (or chunk-size / trailer line) read so far, as latin1 text. */
  private text = "";

  /** The parts of `chunk` to pass on, in order: all of it but the empty lines found where a request line belongs. */
  feed(chunk: Uint8Array): Uint8Array[] {
    if (this.state === "pass") return [chunk];
    const kept: Uint8Array[] = [];
    let keptFrom = 0;
    let i = 0;
    while (i < chunk.length && !this.framingLost()) {
      if (this.state === "line") {
        if (chunk[i] === CR || chunk[i] === LF) {
          if (i > keptFrom) kept.push(chunk.subarray(keptFrom, i));
          keptFrom = ++i;
          continue;
        }
        this.state = "head";
        this.text = "";
      }
      i = this.step(chunk, i);
    }
    if (keptFrom === 0) return [chunk];
    if (keptFrom < chunk.length) kept.push(chunk.subarray(keptFrom));
    return kept;
  }

  /** A method, not an inline test: step() can lose the framing, which the type checker cannot see across the call. */
  private framingLost(): boolean {
    return this.state === "pass";
  }

  /** Advances through `chunk` from `i` in the current state (not "line"); returns where it stopped. */
  private step(chunk: Uint8Array, i: number): number {
    switch (this.state) {
      case "head": {
        const end = findHeadEnd(chunk, i, this.text);
        const stop = end < 0 ? chunk.length : end;
        this.text += latin1(chunk, i, stop);
        if (end < 0) {
          if (this.text.length > MAX_HEAD_BYTES) this.state = "pass";
          return stop;
        }
        this.startBody(bodyFraming(this.text.slice(0, -4)));
        return stop;
      }
      case "body":
      case "data": {
        const n = Math.min(this.left, chunk.length - i);
        this.left -= n;
        if (this.left === 0) this.state = this.state === "body" ? "line" : "size";
        if (this.state === "size") this.text = "";
        return i + n;
      }
      case "size":
      case "trailer": {
        const lf = chunk.indexOf(LF, i);
        const stop = lf < 0 ? chunk.length : lf + 1;
        this.text += latin1(chunk, i, stop);
        if (lf < 0) {
          if (this.text.length > MAX_LINE_BYTES) this.state = "pass";
          return stop;
        }
        const line = this.text.replace(/\r?\n$/, "");
        this.text = "";
        if (this.state === "trailer") {
          if (line === "") this.state = "line";
          return stop;
        }
        const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line);
        if (!size) this.state = "pass";
        else if (Number.parseInt(size[1]!, 16) === 0) this.state = "trailer";
        else {
          this.state = "data";
          this.left = Number.parseInt(size[1]!, 16) + 2; // the data and the CRLF after it
        }
        return stop;
      }
      default:
        return chunk.length;
    }
  }

  private startBody(framing: ReturnType<typeof bodyFraming>): void {
    this.text = "";
    if (framing.kind === "pass") this.state = "pass";
    else if (framing.kind === "chunked") this.state = "size";
    else if (framing.length === 0) this.state = "line";
    else {
      this.state = "body";
      this.left = framing.length;
    }
  }
}

/** Index just past the head's blank line (CRLF CRLF) in `chunk` from `from`, counting `before` (the head so far). */
function findHeadEnd(chunk: Uint8Array, from: number, before: string): number {
  // A blank line split across reads: up to three of its bytes may already be in `before`.
  let matched = 0;
  for (let k = Math.max(0, before.length - 3); k < before.length; k++) matched = advance(matched, before.charCodeAt(k));
  let i = from;
  while (matched > 0 && i < chunk.length) {
    matched = advance(matched, chunk[i++]!);
    if (matched === 4) return i;
  }
  // The native search visits only the CRs: a head has one per line, not one per byte.
  for (let cr = chunk.indexOf(CR, i); cr >= 0 && cr + 3 < chunk.length; cr = chunk.indexOf(CR, cr + 1)) {
    if (chunk[cr + 1] === LF && chunk[cr + 2] === CR && chunk[cr + 3] === LF) return cr + 4;
  }
  return -1;
}

/** One byte through a matcher of CR LF CR LF: how many of its bytes now match. */
function advance(matched: number, byte: number): number {
  if (byte === CR) return matched === 2 ? 3 : 1;
  if (byte === LF && (matched === 1 || matched === 3)) return matched + 1;
  return 0;
}

function latin1(chunk: Uint8Array, start: number, end: number): string {
  return Buffer.from(chunk.buffer, chunk.byteOffset + start, end - start).toString("latin1");
}
