// getAllProcessInfo's answer assembled from pieces kept per struct. From one second to the next a process's struct
// usually differs only in `now` and in its description (the uptime); encoding 1,000 structs anew each second made
// every client wait tens of milliseconds. The rest of a struct's text is reused while its other members are equal,
// and every piece comes from the codec's own encoder (the struct encoded with a mark in place of each volatile
// value, split at the marks), so the answer is byte for byte what encodeResponse(list) gives.
import { encodeResponse, encodeValueXml, type XmlRpcStruct, type XmlRpcValue } from "../codec";
import { sameValue } from "./response-memo";

/** Stands in for a volatile value while a struct is encoded. NUL never occurs in a name, path or description. */
const MARK = "\u0000volatile\u0000";
const MARK_XML = encodeValueXml(MARK);

interface Piece {
  /** The struct the piece was cut from; reused for a struct equal to it but for the volatile members. */
  struct: XmlRpcStruct;
  /** The volatile members present, in the struct's order. */
  keys: string[];
  /** The struct's text split around those members' values: keys.length + 1 parts. */
  text: string[];
}

function isStruct(v: XmlRpcValue): v is XmlRpcStruct {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

export class StructListAnswer {
  private pieces: (Piece | null)[] = [];
  /** The response's text before and after the list's items. */
  private readonly frame: string[];

  constructor(private readonly volatile: ReadonlySet<string>) {
    this.frame = encodeResponse([MARK]).split(MARK_XML);
  }

  /** encodeResponse(list), reusing what the last call cut from equal structs at the same positions. */
  encode(list: readonly XmlRpcValue[]): string {
    const out = [this.frame[0]!];
    const pieces: (Piece | null)[] = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const struct = isStruct(item);
      const piece = struct ? this.pieceFor(item, this.pieces[i] ?? null) : null;
      pieces.push(piece);
      if (!piece || !struct) {
        out.push(encodeValueXml(item));
        continue;
      }
      out.push(piece.text[0]!);
      for (let k = 0; k < piece.keys.length; k++) out.push(encodeValueXml(item[piece.keys[k]!]), piece.text[k + 1]!);
    }
    out.push(this.frame[1]!);
    this.pieces = pieces;
    return out.join("");
  }

  private pieceFor(struct: XmlRpcStruct, last: Piece | null): Piece | null {
    if (last && this.sameBut(last.struct, struct)) return last;
    const keys = Object.keys(struct).filter((k) => this.volatile.has(k));
    const marked: XmlRpcStruct = { ...struct };
    for (const k of keys) marked[k] = MARK;
    const text = encodeValueXml(marked).split(MARK_XML);
    // A value holding the mark itself would cut the text elsewhere: such a struct is encoded whole, each time.
    return text.length === keys.length + 1 ? { struct, keys, text } : null;
  }

  /** Equal member for member, in the same order, except the volatile members' values. */
  private sameBut(a: XmlRpcStruct, b: XmlRpcStruct): boolean {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (let i = 0; i < ka.length; i++) {
      const k = ka[i]!;
      if (k !== kb[i] || (!this.volatile.has(k) && !sameValue(a[k], b[k]))) return false;
    }
    return true;
  }
}
