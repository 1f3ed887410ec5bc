// The two ways 4.2.5 tokenises config values with Python's shlex:
//  - command= is split at spawn with shlex.split (POSIX rules: quotes group and vanish, backslash escapes),
//  - environment= KEY="val",K2=val is read with a non-POSIX shlex (quotes stay in the token, # starts a comment,
//    every other punctuation character is a token of its own) and then taken three tokens at a time.
import { BadValue } from "./errors";

const WHITESPACE = " \t\r\n";

/** shlex.split(s): throws BadValue("No closing quotation" | "No escaped character") as Python raises ValueError. */
export function splitCommand(s: string): string[] {
  // Without quotes or backslashes, POSIX splitting is splitting at whitespace.
  if (!/['"\\]/.test(s)) {
    // Empty words come only from whitespace at either end.
    const words = s.split(/[ \t\r\n]+/);
    if (words[words.length - 1] === "") words.pop();
    if (words[0] === "") words.shift();
    return words;
  }
  const out: string[] = [];
  let token = "";
  let inToken = false; // a word has started (possibly an empty quoted one)
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote === "'") {
      if (ch === "'") quote = "";
      else token += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = "";
      else if (ch === "\\") {
        if (i + 1 >= s.length) throw new BadValue("No escaped character");
        const next = s[++i]!;
        // Inside double quotes a backslash only escapes " and \ itself.
        token += next === '"' || next === "\\" ? next : "\\" + next;
      } else token += ch;
      continue;
    }
    if (WHITESPACE.includes(ch)) {
      if (inToken) out.push(token);
      token = "";
      inToken = false;
    } else if (ch === "\\") {
      if (i + 1 >= s.length) throw new BadValue("No escaped character");
      token += s[++i];
      inToken = true;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inToken = true;
    } else {
      token += ch;
      inToken = true;
    }
  }
  if (quote) throw new BadValue("No closing quotation");
  if (inToken) out.push(token);
  return out;
}

// Word characters of the environment tokenizer, as a lookup by char code (this runs for every process).
const WORD = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():") WORD[c.charCodeAt(0)] = 1;
const isWord = (c: string): boolean => WORD[c.charCodeAt(0)] === 1;

// Without a # (a comment can resume a word mid-way), one regular expression finds the same tokens, in one call:
// whitespace separates tokens and is skipped by the search; a lone quote (one never closed) is a token of its own.
const TOKENS = /"[^"]*"|'[^']*'|[A-Za-z0-9_/.+\-():][A-Za-z0-9_/.+\-():'"]*|[^ \t\r\n]/g;

/** The tokens of Python's non-POSIX shlex.shlex(s) with '/.+-():' added to its word characters. */
export function envTokens(s: string): string[] {
  if (!s.includes("#")) {
    const found: string[] = s.match(TOKENS) ?? [];
    if (found.includes('"') || found.includes("'")) throw new BadValue("No closing quotation");
    return found;
  }
  const out: string[] = [];
  let i = 0;
  const skipComment = () => {
    const nl = s.indexOf("\n", i);
    i = nl === -1 ? s.length : nl + 1;
  };
  while (i < s.length) {
    const ch = s[i++]!;
    if (WHITESPACE.includes(ch)) continue;
    if (ch === "#") {
      skipComment();
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = s.indexOf(ch, i);
      if (end === -1) throw new BadValue("No closing quotation");
      out.push(s.slice(i - 1, end + 1));
      i = end + 1;
      continue;
    }
    if (!isWord(ch)) {
      out.push(ch);
      continue;
    }
    // A word runs over word characters and quotes (kept literally); a # inside it skips the rest of the line
    // and the word carries on after it, as non-POSIX shlex does.
    let word = ch;
    while (i < s.length) {
      const c = s[i]!;
      if (c === "#") {
        skipComment();
      } else if (isWord(c) || c === "'" || c === '"') {
        word += c;
        i++;
      } else break;
    }
    out.push(word);
  }
  return out;
}

/** 4.2.5's dict_of_key_value_pairs: KEY=val,K2="v, with comma" → { KEY: "val", K2: "v, with comma" }. */
export function keyValuePairs(s: string): Record<string, string> {
  const tokens = envTokens(s);
  const out: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 4) {
    if (i + 2 >= tokens.length || tokens[i + 1] !== "=") {
      throw new BadValue(`Unexpected end of key/value pairs in value '${s}'`);
    }
    out[tokens[i]!] = stripQuotes(tokens[i + 2]!);
  }
  return out;
}

/** Python's str.strip('\'"'). */
function stripQuotes(t: string): string {
  let a = 0;
  let b = t.length;
  while (a < b && (t[a] === '"' || t[a] === "'")) a++;
  while (b > a && (t[b - 1] === '"' || t[b - 1] === "'")) b--;
  return a === 0 && b === t.length ? t : t.slice(a, b);
}
