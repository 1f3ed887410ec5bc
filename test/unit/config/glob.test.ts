// [include] globbing as Python's glob.glob does it, over a fake file tree.
import { describe, expect, test } from "bun:test";
import { glob, type GlobFs, segmentRegExp } from "../../../src/config/glob";

const TREE: Record<string, string[]> = {
  "/etc": ["conf.d", "other.d", "a.conf"],
  "/etc/conf.d": ["a.conf", "b.conf", ".hidden.conf", "c.ini", "[x].conf"],
  "/etc/other.d": ["z.conf"],
};
const FILES = new Set(["/etc/a.conf", "/etc/conf.d/a.conf", "/etc/conf.d/b.conf", "/etc/conf.d/.hidden.conf", "/etc/conf.d/c.ini", "/etc/conf.d/[x].conf", "/etc/other.d/z.conf"]);
const fs: GlobFs = {
  exists: (p) => FILES.has(p) || p in TREE,
  isDir: (p) => p in TREE,
  list: (d) => TREE[d] ?? null,
};
const g = (p: string) => glob(p, fs).sort();

describe("glob", () => {
  test("* and ? within a segment; hidden names only when asked for", () => {
    expect(g("/etc/conf.d/*.conf")).toEqual(["/etc/conf.d/[x].conf", "/etc/conf.d/a.conf", "/etc/conf.d/b.conf"]);
    expect(g("/etc/conf.d/.*.conf")).toEqual(["/etc/conf.d/.hidden.conf"]);
    expect(g("/etc/conf.d/?.ini")).toEqual(["/etc/conf.d/c.ini"]);
  });

  test("[seq], [!seq], and an unclosed [ taken literally", () => {
    expect(g("/etc/conf.d/[ab].conf")).toEqual(["/etc/conf.d/a.conf", "/etc/conf.d/b.conf"]);
    expect(g("/etc/conf.d/[!a].conf")).toEqual(["/etc/conf.d/b.conf"]);
    expect(segmentRegExp("[x").test("[x")).toBe(true);
  });

  test("wildcards in folder segments", () => {
    expect(g("/etc/*.d/*.conf")).toEqual(["/etc/conf.d/[x].conf", "/etc/conf.d/a.conf", "/etc/conf.d/b.conf", "/etc/other.d/z.conf"]);
  });

  test("a pattern without wildcards matches the path if it exists", () => {
    expect(g("/etc/a.conf")).toEqual(["/etc/a.conf"]);
    expect(g("/etc/nope.conf")).toEqual([]);
    expect(g("/nowhere/*.conf")).toEqual([]);
  });
});
