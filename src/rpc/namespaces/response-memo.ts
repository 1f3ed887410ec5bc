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

export class ResponseMemo {
  private readonly last = new Map<string, { value: XmlRpcValue; body: Uint8Array }>();

  constructor(private readonly methods: ReadonlySet<string>) {}

  /** The encoded response body for `value`, reusing the previous one for `method` when the value is the same. */
  encode(method: string, value: XmlRpcValue): Uint8Array | string {
    if (!this.methods.has(method)) return encodeResponse(value);
    const hit = this.last.get(method);
    if (hit && sameValue(hit.value, value)) return hit.body;
    const body = new TextEncoder().encode(encodeResponse(value));
    this.last.set(method, { value, body });
    return body;
  }
}
