// The two ways the RPC interface reads a log, with 4.2.5's offset rules (readFile and tailFile in its options.py):
//   readLog(offset, length): offset >= 0 reads `length` bytes from offset (0 = to the end); offset < 0 reads the
//     last |offset| bytes and then length must be 0. A negative length, or a length with a negative offset, is
//     BAD_ARGUMENTS; an unreadable file is FAILED.
//   tailLog(offset, length) → [text, newOffset, overflow]: returns at most `length` bytes ending at the end of the
//     log; overflow is true when the log grew past offset+length, and newOffset is always the log's size.
// Both work over a ByteSource: a regular file, or the in-memory tail ring for a target that is not a regular file.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { BadArguments, DomainError, NoFile } from "../core/errors";

export interface ByteSource {
  /** Total size: the end offset a reader sees. */
  size(): number;
  /** Up to len bytes from pos (fewer near the end, or where the source no longer holds them). */
  read(pos: number, len: number): Uint8Array;
}

const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

export function readSource(src: ByteSource, offset: number, length: number): string {
  if (offset < 0) {
    if (length !== 0) throw new BadArguments();
    const size = src.size();
    return lenient.decode(src.read(Math.max(0, size + offset), -offset));
  }
  if (length < 0) throw new BadArguments();
  const len = length === 0 ? Math.max(0, src.size() - offset) : length;
  return lenient.decode(src.read(offset, len));
}

export type TailResult = [text: string, offset: number, overflow: boolean];

export function tailSource(src: ByteSource, offset: number, length: number): TailResult {
  const size = src.size();
  let overflow = false;
  if (size > offset + length) {
    overflow = true;
    offset = size - 1;
  }
  if (offset + length > size) {
    if (offset > size - 1) length = 0;
    offset = size - length;
  }
  offset = Math.max(0, offset);
  length = Math.max(0, length);
  const data = length === 0 ? new Uint8Array(0) : src.read(offset, length);
  return [lenient.decode(data), size, overflow];
}

/** A regular file read with one open per call. Anything else (a FIFO, a tty) is refused rather than opened: opening
 * a FIFO for reading would wait for a writer, and a character device has no size. */
export class FileSource implements ByteSource {
  private readonly fd: number;
  private readonly bytes: number;

  constructor(path: string) {
    if (!statSync(path).isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: "ESPIPE" });
    this.fd = openSync(path, "r");
    this.bytes = fstatSync(this.fd).size;
  }

  size(): number {
    return this.bytes;
  }

  read(pos: number, len: number): Uint8Array {
    const n = Math.max(0, Math.min(len, this.bytes - pos));
    const buf = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const r = readSync(this.fd, buf, got, n - got, pos + got);
      if (r === 0) break;
      got += r;
    }
    return buf.subarray(0, got);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** readProcessStdoutLog / readLog on a path: NO_FILE when the log is unset or missing, FAILED when unreadable. */
export function readLog(path: string | null, offset: number, length: number): string {
  if (path === null || !existsSync(path)) throw path === null ? new DomainError("NO_FILE") : new NoFile(path);
  let src: FileSource;
  try {
    src = new FileSource(path);
  } catch {
    throw new DomainError("FAILED");
  }
  try {
    return readSource(src, offset, length);
  } finally {
    src.close();
  }
}

/** tailProcessStdoutLog on a path: ['', 0, false] when the log is unset or missing, ['', offset, false] when it
 * cannot be read. */
export function tailLog(path: string | null, offset: number, length: number): TailResult {
  if (path === null || !existsSync(path)) return ["", 0, false];
  let src: FileSource;
  try {
    src = new FileSource(path);
  } catch {
    return ["", offset, false];
  }
  try {
    return tailSource(src, offset, length);
  } finally {
    src.close();
  }
}
