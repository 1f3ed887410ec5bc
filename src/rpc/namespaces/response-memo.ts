// The last encoded answer of each large read-only method, reused while the value it encodes is unchanged. Polling
// dashboards and supervisorctl call getAllProcessInfo back to back; between two calls usually nothing but nothing
// changed (`now` moves once a second), and comparing the new value with the last one field by field costs a small
// fraction of encoding it again. The answer is always exactly what encoding the new value would give.
import { encodeResponse, type XmlRpcValue } from "../codec";

/** Structural equality of two decoded-shape values (Dates and bytes by content). */
export function sameValue(a: XmlRpcValue, b: XmlRpcValue): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    // Same keys in the same order: the encoder writes members in order, so order is part of the answer.
    if (ka[i] !== kb[i] || !sameValue(a[ka[i]], b[kb[i]])) return false;
  }
  return true;
}

export interface Stamp {
  epoch: number;
  second: number;
}

/** A kept answer's UTF-8 bytes, in the form Bun writes for less CPU. */
export type KeptBody = Uint8Array | Blob;

/**
 * Bun wrote a 1 MB Blob body for about half the CPU of the same bytes as a Uint8Array, and a 110 KB one for a
 * quarter more; the two cost the same near 250 KB (measured with 8 clients calling back to back).
 */
const BLOB_FROM = 256 * 1024;

function kept(text: string): KeptBody {
  // text.length counts UTF-16 units, at most the byte count: near enough to pick the form.
  return text.length >= BLOB_FROM ? new Blob([text]) : new TextEncoder().encode(text);
}

/** Encodes one method's value as the whole response text (encodeResponse, or an equivalent that keeps pieces). */
export type AnswerEncoder = (value: XmlRpcValue) => string;

/**
 * Two kinds of reuse. A "compared" method's answer is reused when the new value equals the last one. A "stable"
 * method's answer is reused without computing the value at all, for the rest of the wall-clock second in which it
 * was computed, until invalidate() says something it depends on changed (the endpoint calls it on every process
 * state change, group change and supervisor state change, which is when getAllProcessInfo's fields move; its
 * `now` and uptimes move with the second); each stable method has its own encoder.
 */
export class ResponseMemo {
  private readonly last = new Map<string, { value: XmlRpcValue; body: KeptBody; epoch: number; second: number }>();
  private epoch = 0;

  constructor(
    private readonly compared: ReadonlySet<string>,
    private readonly stable: ReadonlyMap<string, AnswerEncoder>,
    private readonly wallMs: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.epoch++;
  }

  private second(): number {
    return Math.floor(this.wallMs() / 1000);
  }

  /** Taken before a value is computed: an answer is kept only for the epoch and second it was computed in. */
  stamp(): Stamp {
    return { epoch: this.epoch, second: this.second() };
  }

  /** The stored answer of a stable method, if nothing it depends on can have changed since. */
  reuse(method: string): KeptBody | null {
    if (!this.stable.has(method)) return null;
    const hit = this.last.get(method);
    return hit && hit.epoch === this.epoch && hit.second === this.second() ? hit.body : null;
  }

  /** The response body for `value` (computed after `stamp`): kept for the methods above, reused while equal. */
  encode(method: string, value: XmlRpcValue, stamp: Stamp): KeptBody | string {
    const encoder = this.stable.get(method);
    if (!encoder && !this.compared.has(method)) return encodeResponse(value);
    const hit = this.last.get(method);
    const body = hit && sameValue(hit.value, value) ? hit.body : kept((encoder ?? encodeResponse)(value));
    this.last.set(method, { value, body, ...stamp });
    return body;
  }
}
