// The INI front end. It reads a file the way 4.2.5's RawConfigParser (Python 3, inline_comment_prefixes=(';','#'),
// strict=False) does, so existing supervisord.conf files mean the same thing:
//   - a line whose stripped text starts with ; or # is a comment; elsewhere ; and # start a comment only at the
//     start of the line or after whitespace ("a;b" keeps its ;),
//   - "key = value" or "key: value", split at the first = or :; keys are lower-cased; a repeated key keeps the last,
//   - a line indented deeper than its key line continues the value (joined with "\n"); blank lines inside a value
//     are kept and trailing ones dropped,
//   - [DEFAULT] keys are inherited by every section; no interpolation happens here (see expand.ts).
// The npm `ini` package cannot express continuation lines, the whitespace rule for inline comments, ":" as a
// delimiter or [DEFAULT] inheritance, and gives no line numbers for errors; hence this reader.
import { ConfigError } from "./errors";
import type { RawDocument, RawEntry, RawSection } from "./document";
import { firstNonSpace, isPySpace, isPySpaceAt, pyRepr, pyRstrip } from "./python";

/** Where an inline comment starts in a line, following ConfigParser's round-by-round search (the quirk that it
 * stops at the first round finding any valid prefix is kept: it decides which of ; and # wins). */
function inlineCommentStart(line: string): number {
  let semi = line.indexOf(";");
  let hash = line.indexOf("#");
  while (semi !== -1 || hash !== -1) {
    const semiOk = semi !== -1 && (semi === 0 || isPySpace(line[semi - 1]!));
    const hashOk = hash !== -1 && (hash === 0 || isPySpace(line[hash - 1]!));
    if (semiOk && hashOk) return Math.min(semi, hash);
    if (semiOk) return semi;
    if (hashOk) return hash;
    if (semi !== -1) semi = line.indexOf(";", semi + 1);
    if (hash !== -1) hash = line.indexOf("#", hash + 1);
  }
  return -1;
}

/** Where a comment starts in a line holding a ; or #: 0 for a comment line, else as inlineCommentStart. */
function commentStart(line: string): number {
  const first = line[firstNonSpace(line)];
  return first === ";" || first === "#" ? 0 : inlineCommentStart(line);
}

/**
 * The next index of `ch` in `text` at or after `from`, given `known`, the answer for some earlier `from` (or -2
 * before the first search). Each line asks about the characters it may hold; searching again only once the last
 * answer is behind keeps the whole file one pass per character instead of one per line.
 */
function nextOf(text: string, ch: string, from: number, known: number): number {
  return known >= from || known === -1 ? known : text.indexOf(ch, from);
}

// Most lines are "key = value" from the first column, optionally with a comment: one match reads such a line
// whole, the newline included. It takes only what needs none of the rules above (a lower-case key, a value that
// starts and ends with printable ASCII other than ; and #, so that stripping and comments are settled); any other
// line fails it and is read by the rules.
const VALUE_END = "[!-\"$-:<-~]";
const SIMPLE_LINE = new RegExp(
  String.raw`([a-z0-9_.-]+)[ \t]*[=:][ \t]*((?:${VALUE_END}(?:[^;#\n]*${VALUE_END})?)?)(?:[ \t]+[;#][^\n]*)?[ \t]*(?:\n|$)`,
  "y",
);

export function parseIni(source: string, file: string): RawDocument {
  // Python reads with universal newlines: \r\n and \r end a line as \n does.
  const text = source.includes("\r") ? source.replace(/\r\n?/g, "\n") : source;
  const sections: RawSection[] = [];
  const defaults = new Map<string, RawEntry>();
  const multiline: { entry: RawEntry; chunks: string[] }[] = [];
  let entries: Map<string, RawEntry> | null = null;
  let current: RawEntry | null = null; // the option that continuation lines extend
  let chunks: string[] | null = null; // its lines, once it has more than one
  let blanks = 0; // blank lines since its last line: kept only if a continuation line follows
  let indentLevel = 0;
  const bad: { line: number; text: string }[] = [];
  let semi = -2;
  let hash = -2;
  let eq = -2;
  let colon = -2;

  const continueWith = (entry: RawEntry, value: string): void => {
    if (chunks === null) {
      chunks = [entry.value];
      multiline.push({ entry, chunks });
    }
    for (; blanks > 0; blanks--) chunks.push("");
    chunks.push(value);
  };
  // Each line is [start, end) of the text, read by index: only the key and value are cut out of it.
  let lineno = 0;
  for (let start = 0; start < text.length; ) {
    lineno++;
    if (entries !== null) {
      SIMPLE_LINE.lastIndex = start;
      const simple = SIMPLE_LINE.exec(text);
      if (simple !== null) {
        start = SIMPLE_LINE.lastIndex;
        indentLevel = 0;
        current = { value: simple[2]!, file, line: lineno };
        chunks = null;
        blanks = 0;
        entries.set(simple[1]!, current);
        continue;
      }
    }
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const lineStart = start;
    start = end + 1;
    semi = nextOf(text, ";", lineStart, semi);
    hash = nextOf(text, "#", lineStart, hash);
    let valueEnd = end;
    let comment = -1;
    if ((semi !== -1 && semi < end) || (hash !== -1 && hash < end)) {
      comment = commentStart(text.slice(lineStart, end));
      if (comment !== -1) valueEnd = lineStart + comment;
    }
    // The value is the line up to its comment, stripped; the first character kept is also the line's indent.
    let from = lineStart;
    let to = valueEnd;
    while (from < to && isPySpaceAt(text, from)) from++;
    while (to > from && isPySpaceAt(text, to - 1)) to--;
    if (from === to) {
      // A blank line belongs to the value being written; a comment-only line does not.
      if (comment === -1 && current) blanks++;
      continue;
    }
    const indent = from - lineStart;
    if (current && indent > indentLevel) {
      continueWith(current, text.slice(from, to));
      continue;
    }
    indentLevel = indent;
    if (text.charCodeAt(from) === 91 /* [ */) {
      const value = text.slice(from, to);
      const close = value.lastIndexOf("]");
      if (close >= 2) {
        const name = value.slice(1, close);
        current = chunks = null;
        blanks = 0;
        if (name === "DEFAULT") {
          entries = defaults;
        } else {
          entries = new Map();
          sections.push({ name, file, line: lineno, entries });
        }
        continue;
      }
    }
    if (!entries) {
      const line = text.slice(lineStart, end);
      throw new ConfigError(`no [section] header before line ${lineno}: ${pyRepr(line)}`, { file, line: lineno });
    }
    // The key ends at the first = or : (the value starts with neither: it was stripped and is not empty).
    eq = nextOf(text, "=", from, eq);
    colon = nextOf(text, ":", from, colon);
    const at = eq !== -1 && eq < to && (colon === -1 || eq < colon) ? eq : colon !== -1 && colon < to ? colon : -1;
    if (at <= from) {
      bad.push({ line: lineno, text: text.slice(lineStart, end) });
      continue;
    }
    let keyEnd = at;
    while (isPySpaceAt(text, keyEnd - 1)) keyEnd--;
    let valueStart = at + 1;
    while (valueStart < to && isPySpaceAt(text, valueStart)) valueStart++;
    current = { value: text.slice(valueStart, to), file, line: lineno };
    chunks = null;
    blanks = 0;
    entries.set(text.slice(from, keyEnd).toLowerCase(), current);
  }
  for (const m of multiline) m.entry.value = pyRstrip(m.chunks.join("\n"));
  if (bad.length > 0) {
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more bad line${bad.length > 2 ? "s" : ""})` : "";
    throw new ConfigError(
      `line ${bad[0]!.line} is neither [section], key = value nor an indented continuation: ${pyRepr(bad[0]!.text)}${more}`,
      { file, line: bad[0]!.line },
    );
  }
  return { file, sections, defaults };
}
