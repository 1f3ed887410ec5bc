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
import { firstNonSpace, isPySpace, pyRepr, pyRstrip, pyStrip } from "./python";

/** Where an inline comment starts in a line, following ConfigParser's round-by-round search (the quirk that it
 * stops at the first round finding any valid prefix is kept: it decides which of ; and # wins). */
function inlineCommentStart(line: string): number {
  let semi = line.indexOf(";");
  let hash = line.indexOf("#");
  while (semi !== -1 || hash !== -1) {
    let found = Infinity;
    for (const i of [semi, hash]) {
      if (i !== -1 && (i === 0 || isPySpace(line[i - 1]!))) found = Math.min(found, i);
    }
    if (found !== Infinity) return found;
    if (semi !== -1) semi = line.indexOf(";", semi + 1);
    if (hash !== -1) hash = line.indexOf("#", hash + 1);
  }
  return -1;
}

/** The first option delimiter (= or :), as OPTCRE's lazy match finds it. */
function delimiterAt(text: string): number {
  const eq = text.indexOf("=");
  const colon = text.indexOf(":");
  if (eq === -1) return colon;
  if (colon === -1) return eq;
  return Math.min(eq, colon);
}

// "key = value" in the first column, optionally followed by an inline comment. With no ; or # inside the value,
// the first ; or # is the comment, and it counts only after a space or tab (else the slow path decides).
const SIMPLE_LINE = /^([A-Za-z0-9_.-]+)[ \t]*[=:][ \t]*([^;#]*)(?:(?<=[ \t])[;#].*)?$/;

export function parseIni(text: string, file: string): RawDocument {
  const sections: RawSection[] = [];
  const defaults = new Map<string, RawEntry>();
  const multiline: { entry: RawEntry; chunks: string[] }[] = [];
  let entries: Map<string, RawEntry> | null = null;
  let current: RawEntry | null = null; // the option that continuation lines extend
  let chunks: string[] | null = null; // its lines, once it has more than one
  let blanks = 0; // blank lines since its last line: kept only if a continuation line follows
  let indentLevel = 0;
  const bad: { line: number; text: string }[] = [];

  const continueWith = (entry: RawEntry, value: string): void => {
    if (chunks === null) {
      chunks = [entry.value];
      multiline.push({ entry, chunks });
    }
    for (; blanks > 0; blanks--) chunks.push("");
    chunks.push(value);
  };
  const lines = text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineno = i + 1;
    if (line === "") {
      if (current) blanks++;
      continue;
    }
    // Most lines are "key = value" from the first column, without comment characters: one match reads them (a
    // line in the first column never continues a value, and a plain key needs none of the rules below).
    const simple = entries !== null ? SIMPLE_LINE.exec(line) : null;
    if (simple !== null) {
      indentLevel = 0;
      current = { value: pyStrip(simple[2]!), file, line: lineno };
      chunks = null;
      blanks = 0;
      entries!.set(simple[1]!.toLowerCase(), current);
      continue;
    }
    let commentStart = -1;
    if (line.includes(";") || line.includes("#")) {
      const stripped = pyStrip(line);
      commentStart = stripped[0] === ";" || stripped[0] === "#" ? 0 : inlineCommentStart(line);
    }
    const value = pyStrip(commentStart === -1 ? line : line.slice(0, commentStart));
    if (value === "") {
      // A blank line belongs to the value being written; a comment-only line does not.
      if (commentStart === -1 && current) blanks++;
      continue;
    }
    const indent = firstNonSpace(line);
    if (current && indent > indentLevel) {
      continueWith(current, value);
      continue;
    }
    indentLevel = indent;
    const close = value[0] === "[" ? value.lastIndexOf("]") : -1;
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
    if (!entries) {
      throw new ConfigError(`no [section] header before line ${lineno}: ${pyRepr(line)}`, { file, line: lineno });
    }
    const at = delimiterAt(value);
    const key = at > 0 ? pyRstrip(value.slice(0, at)).toLowerCase() : "";
    if (key === "") {
      bad.push({ line: lineno, text: line });
      continue;
    }
    current = { value: pyStrip(value.slice(at + 1)), file, line: lineno };
    chunks = null;
    blanks = 0;
    entries.set(key, current);
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
