// A small strict XML reader for the subset XML-RPC uses. It is hand-written rather than built on fast-xml-parser
// because XML-RPC needs only elements, text, comments and CDATA: refusing every `<!` declaration in the lexer is
// simpler to prove safe than switching off a general parser's DTD and entity handling, depth is bounded without
// recursion, and supervisorctl's start-up does not pay for a general parser's import.
import { XmlRpcDecodeError } from "./errors";

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Character data directly inside this element (all pieces joined). */
  text: string;
}

export interface ReadLimits {
  /** Longest body accepted, in UTF-16 code units of the decoded text. */
  maxBytes: number;
  /** Deepest element nesting accepted. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 64 * 1024 * 1024, maxDepth: 256 };

const NAME_RE = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function fail(msg: string, at: number): never {
  throw new XmlRpcDecodeError(`${msg} at offset ${at}`);
}

/** Replaces the five predefined entities and character references; any other entity is an error. */
function unescape(raw: string, at: number): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&<]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) fail("unterminated entity reference", at);
    if (ref in PREDEFINED) return PREDEFINED[ref];
    const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (!m) fail(`unknown entity &${ref};`, at);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail(`invalid character reference &${ref};`, at);
    return String.fromCodePoint(cp);
  });
}

function readName(src: string, pos: number): string {
  NAME_RE.lastIndex = pos;
  const m = NAME_RE.exec(src);
  if (!m) fail("expected a name", pos);
  return m[0];
}

/** Skips attributes up to the end of a start tag; returns the index after '>' and whether the tag was empty. */
function skipAttributes(src: string, pos: number): { end: number; empty: boolean } {
  for (;;) {
    while (pos < src.length && /\s/.test(src[pos])) pos++;
    const c = src[pos];
    if (c === ">") return { end: pos + 1, empty: false };
    if (c === "/" && src[pos + 1] === ">") return { end: pos + 2, empty: true };
    if (c === undefined) fail("unterminated start tag", pos);
    pos += readName(src, pos).length;
    while (/\s/.test(src[pos] ?? "")) pos++;
    if (src[pos] !== "=") fail("expected '=' in attribute", pos);
    pos++;
    while (/\s/.test(src[pos] ?? "")) pos++;
    const quote = src[pos];
    if (quote !== '"' && quote !== "'") fail("expected a quoted attribute value", pos);
    const close = src.indexOf(quote, pos + 1);
    if (close < 0 || src.slice(pos + 1, close).includes("<")) fail("bad attribute value", pos);
    pos = close + 1;
  }
}

/** Parses a whole document into its root element. Throws XmlRpcDecodeError, and nothing else, on bad input. */
export function readXml(src: string, limits: ReadLimits = DEFAULT_LIMITS): XmlElement {
  if (src.length > limits.maxBytes) throw new XmlRpcDecodeError(`body too large (${src.length} > ${limits.maxBytes})`);
  let pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (src.startsWith("<?xml", pos)) {
    const end = src.indexOf("?>", pos);
    if (end < 0) fail("unterminated XML declaration", pos);
    pos = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const addText = (text: string, at: number) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (/\S/.test(text)) fail("text outside the root element", at);
  };
  while (pos < src.length) {
    const lt = src.indexOf("<", pos);
    if (lt < 0) {
      addText(src.slice(pos), pos);
      break;
    }
    if (lt > pos) addText(unescape(src.slice(pos, lt), pos), pos);
    pos = lt;
    if (src.startsWith("<!--", pos)) {
      const end = src.indexOf("-->", pos + 4);
      if (end < 0) fail("unterminated comment", pos);
      pos = end + 3;
    } else if (src.startsWith("<![CDATA[", pos)) {
      const end = src.indexOf("]]>", pos + 9);
      if (end < 0) fail("unterminated CDATA section", pos);
      if (!stack.length) fail("CDATA outside the root element", pos);
      addText(src.slice(pos + 9, end), pos);
      pos = end + 3;
    } else if (src[pos + 1] === "!") {
      fail("DTD and entity declarations are not allowed", pos);
    } else if (src[pos + 1] === "?") {
      fail("processing instructions are not allowed", pos);
    } else if (src[pos + 1] === "/") {
      const name = readName(src, pos + 2);
      let end = pos + 2 + name.length;
      while (/\s/.test(src[end] ?? "")) end++;
      if (src[end] !== ">") fail(`bad end tag </${name}`, pos);
      const open = stack.pop();
      if (!open || open.name !== name) fail(`end tag </${name}> does not match <${open?.name ?? ""}>`, pos);
      pos = end + 1;
    } else {
      const name = readName(src, pos + 1);
      if (root && !stack.length) fail("more than one root element", pos);
      const el: XmlElement = { name, children: [], text: "" };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else root = el;
      const { end, empty } = skipAttributes(src, pos + 1 + name.length);
      if (!empty) {
        if (stack.length >= limits.maxDepth) fail(`nesting deeper than ${limits.maxDepth}`, pos);
        stack.push(el);
      }
      pos = end;
    }
  }
  if (stack.length) fail(`unclosed element <${stack[stack.length - 1].name}>`, src.length);
  if (!root) fail("no root element", src.length);
  return root;
}
