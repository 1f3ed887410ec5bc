// @ts-check
// Follows a log through supervisor.tailProcessStdoutLog / tailProcessStderrLog (name, offset, length), which
// answer [text, offset, overflow]. 4.2.5 answers with the LAST `length` bytes of the file whenever anything is new,
// not only the bytes after `offset`, so the cursor keeps just the part past the offset it already showed. Offsets
// count bytes, the text is decoded UTF-8, so the cut is made on the encoded bytes.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** @typedef {{ text: string, skipped: boolean, restart: boolean }} Step
 *  text: new output to append; skipped: output was lost between two reads (it grew faster than `length`);
 *  restart: the log shrank (cleared or rotated), so read again from offset 0 at once. */

export class LogCursor {
  constructor() {
    /** The byte offset up to which the log has been shown. */
    this.offset = 0;
    this.started = false;
  }

  /** @param {unknown} result one answer of a tail method @returns {Step} */
  take(result) {
    const [data, offset, overflow] = /** @type {[string, number, boolean]} */ (result);
    if (!this.started) {
      this.started = true;
      this.offset = offset;
      return { text: data, skipped: false, restart: false };
    }
    if (offset < this.offset) {
      this.offset = 0;
      return { text: "", skipped: false, restart: true };
    }
    const fresh = offset - this.offset;
    this.offset = offset;
    if (fresh === 0) return { text: "", skipped: false, restart: false };
    const bytes = encoder.encode(data);
    if (overflow || bytes.length <= fresh) return { text: data, skipped: overflow, restart: false };
    return { text: decoder.decode(bytes.subarray(bytes.length - fresh)), skipped: false, restart: false };
  }
}
