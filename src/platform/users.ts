// Users and groups from /etc/passwd and /etc/group, the files getpwnam(3) and getgrall(3) read on a plain Linux
// system, and 4.2.5's drop_privileges on top of them.
import { readFileSync } from "node:fs";

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** The colon-separated records of a database file; none when it cannot be read. */
function records(file: string, fields: number): string[][] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text.split("\n").flatMap((line) => {
    const f = line.split(":");
    return f.length < fields || line.startsWith("#") ? [] : [f];
  });
}

function passwd(): PasswdEntry[] {
  return records("/etc/passwd", 7).map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] }));
}

/** A user by name or by number (as user= accepts both); null when unknown. */
export function lookupUser(user: string | number): PasswdEntry | null {
  const all = passwd();
  if (typeof user === "number" || /^\d+$/.test(user)) return all.find((e) => e.uid === Number(user)) ?? null;
  return all.find((e) => e.name === user) ?? null;
}

/** The groups `user` becomes a member of: its primary group first, then every group that lists it, as 4.2.5 does. */
export function groupsOf(user: PasswdEntry): number[] {
  const listing = records("/etc/group", 4).filter((f) => f[3].split(",").includes(user.name));
  return [user.gid, ...listing.map((f) => Number(f[2]))];
}

export function currentUid(): number {
  return process.getuid?.() ?? -1;
}

/**
 * Becomes `uid` with its primary group and supplementary groups, as 4.2.5's drop_privileges does, both for
 * supervisord's own user= and in a child before it execs. Returns 4.2.5's error message, or null on success (also
 * when already that user, which changes nothing).
 */
export function dropPrivileges(uid: number): string | null {
  const entry = lookupUser(uid);
  if (!entry) return `Can't find uid ${uid}`;
  if (currentUid() === uid) return null;
  if (currentUid() !== 0) return "Can't drop privilege as nonroot user";
  try {
    process.setgroups!(groupsOf(entry));
  } catch {
    return "Could not set groups of effective user";
  }
  try {
    process.setgid!(entry.gid);
  } catch {
    return "Could not set group id of effective user";
  }
  process.setuid!(uid);
  return null;
}
