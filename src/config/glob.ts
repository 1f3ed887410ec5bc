// [include] files= globs, matched as Python's glob.glob does: * ? [seq] [!seq] per path segment, no recursion
// for **, hidden names only when the segment itself starts with a dot, a pattern without wildcards returned if
// the path exists. File access goes through `GlobFs` (load.ts passes the real one).
export interface GlobFs {
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** The names in a directory, or null if it cannot be listed. */
  list(dir: string): string[] | null;
}

const MAGIC = /[*?[]/;

/** fnmatch's translation of one segment pattern into a regular expression. */
export function segmentRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "!") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j++;
      if (j >= pattern.length) {
        re += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, j).replace(/\\/g, "\\\\");
      if (body[0] === "!") body = "^" + body.slice(1);
      else if (body[0] === "^") body = "\\" + body;
      re += `[${body}]`;
      i = j;
    } else re += c.replace(/[.+^${}()|\\/\]]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "s");
}

function split(path: string): [string, string] {
  const slash = path.lastIndexOf("/");
  if (slash === -1) return ["", path];
  const dir = path.slice(0, slash + 1);
  return [/^\/+$/.test(dir) ? dir : dir.replace(/\/+$/, ""), path.slice(slash + 1)];
}

function join(dir: string, name: string): string {
  return dir === "" ? name : dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/** The paths matching `pattern`, unsorted (the caller sorts, as 4.2.5 does). */
export function glob(pattern: string, fs: GlobFs): string[] {
  if (!MAGIC.test(pattern)) return fs.exists(pattern) ? [pattern] : [];
  const [dir, base] = split(pattern);
  const dirs = MAGIC.test(dir) ? glob(dir, fs).filter((d) => fs.isDir(d)) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    if (!MAGIC.test(base)) {
      if (base === "" ? fs.isDir(d) : fs.exists(join(d, base))) out.push(join(d, base));
      continue;
    }
    const names = fs.list(d === "" ? "." : d);
    if (!names) continue;
    const re = segmentRegExp(base);
    for (const name of names) {
      if (name.startsWith(".") && !base.startsWith(".")) continue;
      if (re.test(name)) out.push(join(d, name));
    }
  }
  return out;
}
