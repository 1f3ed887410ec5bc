// User look-ups for -u/--user and "~user" paths. Bun has no getpwnam, so read the passwd database the way
// libc's files backend does.
import { readFileSync } from "node:fs";

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

function entries(): PasswdEntry[] {
  let text: string;
  try {
    text = readFileSync("/etc/passwd", "utf8");
  } catch {
    return [];
  }
  const out: PasswdEntry[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || line.startsWith("#")) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! });
  }
  return out;
}

export function lookupUser(name: string): PasswdEntry | undefined {
  return entries().find((e) => e.name === name);
}

export function lookupUid(uid: number): PasswdEntry | undefined {
  return entries().find((e) => e.uid === uid);
}
