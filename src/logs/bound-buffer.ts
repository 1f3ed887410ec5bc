// The capture-mode buffer (stdout_capture_maxbytes), with 4.2.5's BoundIO rule: a write that would overflow first
// drops as many bytes from the front as it adds, so the PROCESS_COMMUNICATION payload matches the reference's.
import { concat } from "./ansi";

export class BoundBuffer {
  private parts: Uint8Array[] = [];
  private length = 0;

  constructor(readonly maxbytes: number) {}

  write(data: Uint8Array): void {
    if (this.length + data.length > this.maxbytes) {
      const kept = concat(this.parts).subarray(Math.min(data.length, this.length));
      this.parts = kept.length ? [kept] : [];
      this.length = kept.length;
    }
    this.parts.push(data);
    this.length += data.length;
  }

  value(): Uint8Array {
    const v = concat(this.parts);
    this.parts = v.length ? [v] : [];
    return v;
  }

  clear(): void {
    this.parts = [];
    this.length = 0;
  }
}
