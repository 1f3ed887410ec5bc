// %(name)s expansion, which 4.2.5 does with Python's `str % mapping`: %(here)s, %(ENV_X)s, %(program_name)s,
// %(process_num)02d, %(group_name)s, %(host_node_name)s, %(numprocs)d, and %% for a literal %. Flags, width and
// precision follow printf as Python applies them; the error texts are Python's, wrapped as 4.2.5 wraps them.
import { pyRepr } from "./python";

export type ExpansionValue = string | number;

/** One layer of names: a Map, or an object answering get() and keys() as a Map would. */
export interface NameLayer {
  get(name: string): ExpansionValue | undefined;
  keys(): Iterable<string>;
}

/** The names a value may use, as stacked layers (later layers win). */
export class Expansions {
  constructor(private readonly layers: ReadonlyArray<NameLayer>) {}

  with(layer: NameLayer): Expansions {
    return new Expansions([...this.layers, layer]);
  }

  get(name: string): ExpansionValue | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  names(): string[] {
    const all = new Set<string>();
    for (const layer of this.layers) for (const k of layer.keys()) all.add(k);
    return [...all].sort();
  }
}

/** One layer of names, from a plain record. */
export function layer(names: Record<string, ExpansionValue>): Map<string, ExpansionValue> {
  const m = new Map<string, ExpansionValue>();
  for (const k in names) m.set(k, names[k]!);
  return m;
}

/** A failed expansion; its message is the whole detail 4.2.5 gives. */
export class ExpandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpandError";
  }
}

class FormatProblem extends Error {}

/** Expands `s` with `names`; `label` names the value in errors ("program:x.command"). */
export function expand(s: string, names: Expansions, label: string): string {
  if (!s.includes("%")) return s;
  try {
    return format(s, names);
  } catch (e) {
    if (e instanceof MissingName) {
      throw new ExpandError(
        `Format string ${pyRepr(s)} for ${pyRepr(label)} contains names (${pyRepr(e.name)}) which cannot be ` +
          `expanded. Available names: ${names.names().join(", ")}`,
      );
    }
    if (e instanceof FormatProblem) {
      throw new ExpandError(`Format string ${pyRepr(s)} for ${pyRepr(label)} is badly formatted: ${e.message}`);
    }
    throw e;
  }
}

class MissingName extends Error {
  constructor(readonly name: string) {
    super(name);
  }
}

interface Spec {
  flags: string;
  width: number;
  precision: number | null;
  conv: string;
}

/** A format string cut into literal text and conversions. A format error is kept as the last part, so that it is
 * raised only when evaluation gets there (Python reports whichever problem comes first, left to right). */
type Part = string | { key: string; spec: Spec | null; index: number } | FormatProblem;

// A config repeats the same few format strings over and over (one per program, the same in each): each is cut
// up once.
const compiled = new Map<string, Part[]>();
const MAX_COMPILED = 10_000;

function format(s: string, names: Expansions): string {
  let parts = compiled.get(s);
  if (!parts) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(s, (parts = compile(s)));
  }
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    if (part instanceof FormatProblem) throw part;
    const value = names.get(part.key);
    if (value === undefined) throw new MissingName(part.key);
    if (part.spec === null) out += typeof value === "string" ? value : String(value);
    else out += convert(value, part.spec, part.index);
  }
  return out;
}

function compile(s: string): Part[] {
  const parts: Part[] = [];
  let text = "";
  let i = 0;
  const flush = () => {
    if (text !== "") parts.push(text);
    text = "";
  };
  for (;;) {
    const pct = s.indexOf("%", i);
    if (pct === -1) {
      text += s.slice(i);
      flush();
      return parts;
    }
    text += s.slice(i, pct);
    i = pct + 1;
    let key: string | null = null;
    if (s[i] === "(") {
      let depth = 1;
      let j = i + 1;
      for (; j < s.length && depth > 0; j++) {
        if (s[j] === "(") depth++;
        else if (s[j] === ")") depth--;
      }
      if (depth > 0) return fail(parts, flush, "incomplete format key");
      key = s.slice(i + 1, j - 1);
      i = j;
    }
    const spec: Spec = { flags: "", width: 0, precision: null, conv: "" };
    while (i < s.length && "-+ #0".includes(s[i]!)) spec.flags += s[i++];
    if (s[i] === "*") return fail(parts, flush, "* wants int");
    const width = digitsAt(s, i);
    if (width > i) (spec.width = Number(s.slice(i, width))), (i = width);
    if (s[i] === ".") {
      i++;
      if (s[i] === "*") return fail(parts, flush, "* wants int");
      const end = digitsAt(s, i);
      spec.precision = end > i ? Number(s.slice(i, end)) : 0;
      i = end;
    }
    while (i < s.length && "hlL".includes(s[i]!)) i++;
    if (i >= s.length) return fail(parts, flush, "incomplete format");
    spec.conv = s[i]!;
    const index = i++;
    if (spec.conv === "%") {
      text += "%";
      continue;
    }
    // Python would format the whole mapping for a bare %s; that is never what a config means.
    if (key === null) return fail(parts, flush, `'%${spec.conv}' has no (name); write %% for a literal %`);
    flush();
    const plain = spec.conv === "s" && spec.flags === "" && spec.width === 0 && spec.precision === null;
    parts.push({ key, spec: plain ? null : spec, index });
  }
}

function fail(parts: Part[], flush: () => void, message: string): Part[] {
  flush();
  parts.push(new FormatProblem(message));
  return parts;
}

/** The index just past the decimal digits starting at `i`. */
function digitsAt(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i;
}

function convert(v: ExpansionValue, spec: Spec, index: number): string {
  const c = spec.conv;
  switch (c) {
    case "s":
    case "r":
    case "a": {
      let text = typeof v === "number" ? String(v) : c === "s" ? v : pyRepr(v);
      if (spec.precision !== null) text = text.slice(0, spec.precision);
      return pad(text, spec);
    }
    case "d":
    case "i":
    case "u":
      if (typeof v !== "number") throw new FormatProblem(`%${c} format: a real number is required, not str`);
      return formatInt(Math.trunc(v), 10, spec);
    case "x":
    case "X":
    case "o":
      if (typeof v !== "number") throw new FormatProblem(`%${c} format: an integer is required, not str`);
      return formatInt(v, c === "o" ? 8 : 16, spec);
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      if (typeof v !== "number") throw new FormatProblem("must be real number, not str");
      return formatFloat(v, spec);
    case "c":
      if (typeof v === "number") return pad(String.fromCodePoint(v), spec);
      if ([...v].length === 1) return pad(v, spec);
      throw new FormatProblem("%c requires int or char");
    default: {
      const code = c.codePointAt(0)!;
      throw new FormatProblem(`unsupported format character ${pyRepr(c)} (0x${code.toString(16)}) at index ${index}`);
    }
  }
}

function signOf(negative: boolean, flags: string): string {
  if (negative) return "-";
  if (flags.includes("+")) return "+";
  return flags.includes(" ") ? " " : "";
}

function formatInt(n: number, radix: number, spec: Spec): string {
  let digits = Math.abs(n).toString(radix);
  if (spec.conv === "X") digits = digits.toUpperCase();
  if (spec.precision !== null && digits.length < spec.precision) digits = digits.padStart(spec.precision, "0");
  let prefix = "";
  if (spec.flags.includes("#") && radix !== 10) prefix = spec.conv === "o" ? "0o" : spec.conv === "X" ? "0X" : "0x";
  return padNumber(signOf(n < 0, spec.flags) + prefix, digits, spec);
}

function formatFloat(x: number, spec: Spec): string {
  const p = spec.precision ?? 6;
  const upper = spec.conv === spec.conv.toUpperCase();
  const abs = Math.abs(x);
  let body: string;
  const lower = spec.conv.toLowerCase();
  if (lower === "f") body = abs.toFixed(p);
  else if (lower === "e") body = expForm(abs, p);
  else {
    const prec = p === 0 ? 1 : p;
    const exp = abs === 0 ? 0 : Number(abs.toExponential(prec - 1).split("e")[1]);
    body = exp >= -4 && exp < prec ? abs.toFixed(prec - 1 - exp) : expForm(abs, prec - 1);
    if (!spec.flags.includes("#")) body = stripZeros(body);
  }
  if (upper) body = body.toUpperCase();
  return padNumber(signOf(x < 0 || Object.is(x, -0), spec.flags), body, spec);
}

/** %g drops trailing zeros of the mantissa (and a bare point). */
function stripZeros(body: string): string {
  const [mant, exp] = body.split("e") as [string, string | undefined];
  const m = mant.includes(".") ? mant.replace(/0+$/, "").replace(/\.$/, "") : mant;
  return exp === undefined ? m : `${m}e${exp}`;
}

/** 1.5e+00, the exponent with at least two digits as C prints it. */
function expForm(x: number, p: number): string {
  const [mant, exp] = x.toExponential(p).split("e") as [string, string];
  const sign = exp[0] === "-" ? "-" : "+";
  return `${mant}e${sign}${exp.replace(/^[+-]/, "").padStart(2, "0")}`;
}

function padNumber(sign: string, body: string, spec: Spec): string {
  const len = sign.length + body.length;
  if (len >= spec.width) return sign + body;
  if (spec.flags.includes("-")) return sign + body + " ".repeat(spec.width - len);
  if (spec.flags.includes("0")) return sign + "0".repeat(spec.width - len) + body;
  return " ".repeat(spec.width - len) + sign + body;
}

function pad(text: string, spec: Spec): string {
  const len = [...text].length;
  if (len >= spec.width) return text;
  const fill = " ".repeat(spec.width - len);
  return spec.flags.includes("-") ? text + fill : fill + text;
}
