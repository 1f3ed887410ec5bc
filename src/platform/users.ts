// Users and groups from /etc/passwd and /etc/group, the files getpwnam(3) reads on a plain Linux system.
import { readFileSync } from "node:fs";

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

function passwd(): PasswdEntry[] {
  let text = "";
  try {
    text = readFileSync("/etc/passwd", "utf8");
  } catch {
    return [];
  }
  return text.split("\n").flatMap((line) => {
    const f = line.split(":");
    if (f.length < 7 || line.startsWith("#")) return [];
    return [{ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] }];
  });
}

/** A user by name or by number (as user= accepts both); null when unknown. */
export function lookupUser(user: string | number): PasswdEntry | null {
  const all = passwd();
  if (typeof user === "number" || /^\d+$/.test(user)) return all.find((e) => e.uid === Number(user)) ?? null;
  return all.find((e) => e.name === user) ?? null;
}

export function currentUid(): number {
  return process.getuid?.() ?? -1;
}

/**
 * Becomes `uid` (with its primary group and supplementary groups), as 4.2.5's drop_privileges does. Returns
 * 4.2.5's error message, or null on success (also when already that user).
 */
export function dropPrivileges(uid: number, gid: number | null): string | null {
  if (currentUid() === uid) return null;
  if (currentUid() !== 0) return "Can't drop privilege as nonroot user";
  const entry = lookupUser(uid);
  const group = gid ?? entry?.gid ?? uid;
  try {
    if (entry) (process as unknown as { initgroups?(user: string, gid: number): void }).initgroups?.(entry.name, group);
    process.setgid?.(group);
    process.setuid?.(uid);
  } catch (err) {
    return `Could not set user id of process: ${(err as Error).message}`;
  }
  return null;
}
