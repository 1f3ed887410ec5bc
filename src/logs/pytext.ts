// Text as 4.2.5 renders child output in the main log and in event payloads: UTF-8 when the bytes are valid,
// otherwise "Undecodable: b'...'" with Python's bytes repr.

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes as text, or 4.2.5's `Undecodable: b'...'` when they are not valid UTF-8. */
export function pyText(data: Uint8Array): string {
  try {
    return strict.decode(data);
  } catch {
    return `Undecodable: ${pyBytesRepr(data)}`;
  }
}

const ESCAPES: Record<number, string> = { 0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r", 0x5c: "\\\\" };

/** Python's quote choice: single quotes unless the text holds a ' and no ". */
function quoteFor(hasSingle: boolean, hasDouble: boolean): string {
  return hasSingle && !hasDouble ? '"' : "'";
}

export function pyBytesRepr(data: Uint8Array): string {
  const q = quoteFor(data.includes(0x27), data.includes(0x22));
  let out = "";
  for (const b of data) {
    if (ESCAPES[b]) out += ESCAPES[b];
    else if (b === q.charCodeAt(0)) out += `\\${q}`;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `b${q}${out}${q}`;
}
