// The few Python built-ins whose exact behaviour 4.2.5's config reading leans on: str.strip()/isspace(), int()
// (with its whitespace, sign, underscore and base-prefix rules) and repr() of a str (used in its error messages).

// Python's str.isspace() set (differs from JS \s: adds \x1c-\x1f and \x85, lacks \ufeff).
const PY_SPACE = new Set(
  "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
);

export function isPySpace(ch: string): boolean {
  return PY_SPACE.has(ch);
}

/** isPySpace(s[i]), answering printable ASCII without the set lookup. */
export function isPySpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 32) return true;
  if (c > 32 && c < 127) return false;
  return PY_SPACE.has(s[i]!);
}

export function pyStrip(s: string): string {
  if (s.length === 0) return s;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // Most values have no surrounding space at all.
  if (first > 32 && first < 127 && last > 32 && last < 127) return s;
  let a = 0;
  let b = s.length;
  while (a < b && PY_SPACE.has(s[a]!)) a++;
  while (b > a && PY_SPACE.has(s[b - 1]!)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && PY_SPACE.has(s[b - 1]!)) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** Index of the first non-whitespace character (Python's re \S), or -1. */
export function firstNonSpace(s: string): number {
  for (let i = 0; i < s.length; i++) if (!PY_SPACE.has(s[i]!)) return i;
  return -1;
}

const DIGITS: Record<number, RegExp> = {
  8: /^[0-7](?:_?[0-7])*$/,
  10: /^[0-9](?:_?[0-9])*$/,
  16: /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/,
};
const PREFIX: Record<number, string> = { 8: "0o", 16: "0x" };

/** Python's int(text, base) for base 8, 10 or 16; null where Python raises ValueError. */
export function pyInt(text: string, base: 8 | 10 | 16 = 10): number | null {
  if (base === 10 && text.length > 0 && text.length < 16 && isAsciiDigits(text)) return Number(text);
  let s = pyStrip(text);
  let sign = 1;
  if (s[0] === "+" || s[0] === "-") {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  const prefix = PREFIX[base];
  if (prefix && s.slice(0, 2).toLowerCase() === prefix) s = s.slice(2).replace(/^_/, "");
  if (!DIGITS[base]!.test(s)) return null;
  const n = parseInt(s.replaceAll("_", ""), base);
  return sign * n;
}

function isAsciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The message Python's int() gives for a bad decimal literal. */
export function intLiteralError(text: string, base = 10): string {
  return `invalid literal for int() with base ${base}: ${pyRepr(text)}`;
}

/** repr() of a Python str. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}
