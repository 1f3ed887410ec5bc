// Opening and writing a log target by descriptor: what kind of file it is (only a regular file is ever rotated), and
// supervisord's own stdout/stderr, which are borrowed rather than opened.
import { close as fsClose, closeSync, constants, fstat, fstatSync, open as fsOpen, openSync, statSync, writev } from "node:fs";

export const APPEND = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND;
export const TRUNCATE = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC;

export interface Opened {
  fd: number;
  regular: boolean;
  size: number;
}

function describe(fd: number, regular: boolean, size: number): Opened {
  return { fd, regular, size: regular ? size : 0 };
}

/** supervisord's own stdout/stderr are written through the inherited descriptor and never closed. Opening the path
 * instead fails (ENXIO) when the descriptor is a socket, as under systemd's journal or Bun's own spawn, and when it
 * is a file it must not be "rotated" by renaming /dev/stdout. */
const STD_STREAMS: Record<string, number> = { "/dev/stdout": 1, "/dev/stderr": 2 };
const STD_OPENED = (fd: number): Opened => ({ fd, regular: false, size: 0 });

export function openAsync(path: string, flags: number): Promise<Opened> {
  if (STD_STREAMS[path]) return Promise.resolve(STD_OPENED(STD_STREAMS[path]));
  return new Promise((resolve, reject) => {
    // Asynchronous so that opening a FIFO nobody reads yet waits on a worker thread, not on the daemon.
    fsOpen(path, flags, 0o666, (err, fd) => {
      if (err) return reject(err);
      fstat(fd, (err2, st) => {
        if (err2) {
          fsClose(fd, () => {});
          return reject(err2);
        }
        resolve(describe(fd, st.isFile(), st.size));
      });
    });
  });
}

/** True when path names an existing FIFO (which open() for writing waits on until someone reads it). */
export function isFifo(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFIFO() ?? false;
  } catch {
    return false; // ENOTDIR, EACCES…: the open that follows reports it
  }
}

export function openNow(path: string, flags: number): Opened {
  if (STD_STREAMS[path]) return STD_OPENED(STD_STREAMS[path]);
  const fd = openSync(path, flags, 0o666);
  try {
    const st = fstatSync(fd);
    return describe(fd, st.isFile(), st.size);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

export function writevAsync(fd: number, chunks: Uint8Array[]): Promise<number> {
  return new Promise((resolve, reject) => writev(fd, chunks, (err, n) => (err ? reject(err) : resolve(n))));
}

/** The chunks left after the first n bytes were written. */
export function dropWritten(chunks: Uint8Array[], n: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  for (const c of chunks) {
    if (n >= c.length) n -= c.length;
    else {
      rest.push(n ? c.subarray(n) : c);
      n = 0;
    }
  }
  return rest;
}
