// The last bytes written to a child log whose target is not a regular file (/dev/stdout, a FIFO, syslog), so the
// RPC log-reading methods still have something to read where 4.2.5 can only answer FAILED. Offsets count every
// byte since the log was opened or cleared, like a file's; bytes older than the capacity are gone.
import type { ByteSource } from "./read-tail";

export const TAIL_RING_BYTES = 64 * 1024;

export class TailRing implements ByteSource {
  /** Grows on demand up to the capacity, so a quiet program costs almost nothing. */
  private buf = new Uint8Array(0);
  private total = 0;

  constructor(readonly capacity = TAIL_RING_BYTES) {}

  push(data: Uint8Array): void {
    if (data.length >= this.capacity) {
      this.ensure(this.capacity);
      this.buf.set(data.subarray(data.length - this.capacity));
      this.total += data.length;
      // The ring is now exactly the last `capacity` bytes, starting at index total % capacity.
      this.rotateTo((this.total - this.capacity) % this.capacity);
      return;
    }
    this.ensure(Math.min(this.capacity, this.held() + data.length));
    for (let i = 0; i < data.length; ) {
      const at = (this.total + i) % this.capacity;
      const n = Math.min(data.length - i, this.capacity - at);
      this.buf.set(data.subarray(i, i + n), at);
      i += n;
    }
    this.total += data.length;
  }

  clear(): void {
    this.buf = new Uint8Array(0);
    this.total = 0;
  }

  size(): number {
    return this.total;
  }

  read(pos: number, len: number): Uint8Array {
    const start = Math.max(pos, this.total - this.held());
    const end = Math.min(pos + len, this.total);
    if (end <= start) return new Uint8Array(0);
    const out = new Uint8Array(end - start);
    for (let p = start; p < end; ) {
      const at = p % this.capacity;
      const n = Math.min(end - p, this.capacity - at);
      out.set(this.buf.subarray(at, at + n), p - start);
      p += n;
    }
    return out;
  }

  private held(): number {
    return Math.min(this.total, this.capacity);
  }

  /** Grows the backing store; bytes keep their ring index (total % capacity), which growth does not change while
   * nothing has wrapped yet (held < capacity means every index is below total). */
  private ensure(bytes: number): void {
    if (this.buf.length >= bytes) return;
    let size = Math.max(256, this.buf.length);
    while (size < bytes) size *= 2;
    const next = new Uint8Array(Math.min(size, this.capacity));
    next.set(this.buf);
    this.buf = next;
  }

  /** Places the buffer's first byte at ring index `at` (after a push that replaced everything). */
  private rotateTo(at: number): void {
    if (at === 0) return;
    const copy = new Uint8Array(this.capacity);
    copy.set(this.buf.subarray(0, this.capacity - at), at);
    copy.set(this.buf.subarray(this.capacity - at), 0);
    this.buf = copy;
  }
}
