// `tail -f` over HTTP, as 4.2.5's /logtail and /mainlogtail do it: first the last 1024 bytes of the file, then
// whatever is appended, checked every 100 ms. A file that shrinks prints "==> File truncated <==" and is read
// again from its start; a file replaced under the same name (log rotation) is reopened and read from its start.
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";

const HEAD_BYTES = 1024;
const POLL_MS = 100;
const CHUNK = 64 * 1024;
const TRUNCATED = new TextEncoder().encode("==> File truncated <==\n");

class Follower {
  private fd: number;
  private ino: number;
  /** Bytes of the file already sent (or skipped). */
  private sent = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, "r");
    const st = fstatSync(this.fd);
    this.ino = st.ino;
    this.sent = st.size >= HEAD_BYTES ? st.size - HEAD_BYTES : 0;
  }

  private reopenIfRotated(): void {
    let ino: number;
    try {
      ino = statSync(this.path).ino;
    } catch {
      return; // unlinked: keep reading the open file until a new one appears
    }
    if (ino === this.ino) return;
    closeSync(this.fd);
    this.fd = openSync(this.path, "r");
    this.ino = fstatSync(this.fd).ino;
    this.sent = 0;
  }

  /** The next piece to send, or null when nothing new has arrived. */
  next(): Uint8Array | null {
    this.reopenIfRotated();
    const size = fstatSync(this.fd).size;
    if (size < this.sent) {
      this.sent = 0;
      return TRUNCATED;
    }
    if (size === this.sent) return null;
    const buf = new Uint8Array(Math.min(CHUNK, size - this.sent));
    const n = readSync(this.fd, buf, 0, buf.length, this.sent);
    this.sent += n;
    return n ? buf.subarray(0, n) : null;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * A never-ending body that follows `path`. `closed` ends it from the server side (shutdown); the client ending
 * the connection cancels it. Either way the file is closed and the timer cleared.
 */
export function followFile(path: string, closed: AbortSignal): ReadableStream<Uint8Array> {
  const follower = new Follower(path);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    follower.close();
  };
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      return new Promise<void>((resolve) => {
        const poll = () => {
          if (done) return resolve();
          if (closed.aborted) {
            finish();
            controller.close();
            return resolve();
          }
          let piece: Uint8Array | null;
          try {
            piece = follower.next();
          } catch {
            finish(); // the descriptor went bad: end the stream as 4.2.5 does
            controller.close();
            return resolve();
          }
          if (piece) {
            controller.enqueue(piece);
            return resolve();
          }
          timer = setTimeout(poll, POLL_MS);
        };
        poll();
      });
    },
    cancel: finish,
  });
}
