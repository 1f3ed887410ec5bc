// What the faces print, written straight to fd 1 and 2. Touching process.stdout or process.stderr builds Node's
// stream objects: about 40 M instructions and 10 MB of memory, several times what a one-shot command such as
// `supervisord -v` or `--check-config` otherwise costs to start. A write is whole before it returns, so nothing is
// lost when the process exits right after.
import { writeSync } from "node:fs";

const encoder = new TextEncoder();

function writeAll(fd: number, text: string): void {
  const data = encoder.encode(text);
  for (let off = 0; off < data.length; ) {
    try {
      off += writeSync(fd, data, off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      // The reader has gone (`| head -1`): the rest is not wanted, and saying so is not an error.
      if (code === "EPIPE") return;
      // A non-blocking descriptor inherited from the caller (a pipe a parent set O_NONBLOCK on): try again.
      if (code !== "EAGAIN") throw e;
    }
  }
}

export const writeOut = (text: string): void => writeAll(1, text);
export const writeErr = (text: string): void => writeAll(2, text);
