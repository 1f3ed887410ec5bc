// The bytes a log file has queued but not yet written, copied into reused 256 KB slabs. The pipe readers hand over
// bytes in a buffer they overwrite on the next read, so a file must copy what it queues; copying into memory that
// was used before costs little, where a fresh allocation for every read (as Bun's own pipe reader makes) costs a
// page fault per 4 KB touched, which on the measured machine was most of the CPU spent per MB logged.
// A file gives its slabs back once they are written, and its last one once it has nothing queued, so a quiet
// program holds none; up to POOL_MAX spare slabs (2 MB) are kept for whichever file is busy next: a busy file holds
// about five (its queue's high-water mark), and slabs that come and go would each be fresh memory again.

const SLAB_BYTES = 256 * 1024;
/** A write this small to a file that holds no slab is copied on its own: a program that prints a line now and then
 * should not take (let alone allocate and zero) 256 KB for it. */
const SMALL_WRITE = 16 * 1024;
const POOL_MAX = 8;
const pool: Uint8Array[] = [];

export class SlabQueue {
  private slab: Uint8Array | null = null;
  private used = 0;
  /** Bytes handed out and not yet released, per slab. */
  private readonly unreleased = new Map<ArrayBufferLike, number>();

  /** Where the next bytes will be copied, at least `min` long: bytes read straight into it are not copied again. */
  spare(min: number): Uint8Array {
    if (!this.slab || this.slab.length - this.used < min) this.next();
    return this.slab!.subarray(this.used);
  }

  /** Copies data into slabs (unless it is already where spare() said); `put` receives the views that now hold it,
   * in order. */
  copy(data: Uint8Array, put: (view: Uint8Array) => void): void {
    if (!this.slab && data.length < SMALL_WRITE) return put(data.slice());
    for (let at = 0; at < data.length; ) {
      if (!this.slab || this.used === this.slab.length) this.next();
      const slab = this.slab!;
      const n = Math.min(data.length - at, slab.length - this.used);
      const inPlace = data.buffer === slab.buffer && data.byteOffset === this.used;
      if (!inPlace) slab.set(n === data.length ? data : data.subarray(at, at + n), this.used);
      put(slab.subarray(this.used, this.used + n));
      this.unreleased.set(slab.buffer, (this.unreleased.get(slab.buffer) ?? 0) + n);
      this.used += n;
      at += n;
    }
  }

  /** The views are written (or dropped): a slab none of whose bytes are still queued goes back to the pool. */
  release(views: Uint8Array[]): void {
    for (const v of views) {
      const held = this.unreleased.get(v.buffer);
      if (held === undefined) continue; // a small write's own copy
      const left = held - v.length;
      if (left > 0) {
        this.unreleased.set(v.buffer, left);
        continue;
      }
      this.unreleased.delete(v.buffer);
      if (v.buffer !== this.slab?.buffer) giveBack(new Uint8Array(v.buffer));
    }
  }

  /** Nothing is queued: the slab being filled goes back too. */
  idle(): void {
    if (!this.slab || this.unreleased.has(this.slab.buffer)) return;
    giveBack(this.slab);
    this.slab = null;
  }

  private next(): void {
    const old = this.slab;
    this.slab = pool.pop() ?? new Uint8Array(SLAB_BYTES);
    this.used = 0;
    if (old && !this.unreleased.has(old.buffer)) giveBack(old);
  }
}

function giveBack(slab: Uint8Array): void {
  if (pool.length < POOL_MAX) pool.push(slab);
}
