// What a config's meaning depends on besides its text: the environment, the working directory, the host name,
// the user database and whether directories exist. load.ts supplies the real one; tests supply their own, so
// results never depend on the machine's users beyond root and nobody.
export interface UserRecord {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface UserDb {
  byName(name: string): UserRecord | undefined;
  byUid(uid: number): UserRecord | undefined;
  groupByName(name: string): number | undefined;
  groupExists(gid: number): boolean;
}

export interface ConfigHost {
  /** For relative paths, as 4.2.5's os.path.abspath resolves them. */
  cwd: string;
  /** supervisord's environment: the ENV_X expansions, HOME for ~, TMPDIR for the childlogdir default. */
  env: Record<string, string>;
  /** platform.node(), for %(host_node_name)s. */
  hostname: string;
  /** os.getuid(): an fcgi unix socket is chowned to the program's user only when that differs from ours. */
  uid: number;
  isDir(path: string): boolean;
  users: UserDb;
}

/** A user database from the text of /etc/passwd and /etc/group. */
export function userDbFromText(passwd: string, group: string): UserDb {
  const byName = new Map<string, UserRecord>();
  const byUid = new Map<number, UserRecord>();
  for (const line of passwd.split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || line.startsWith("#")) continue;
    const rec = { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! };
    if (!byName.has(rec.name)) byName.set(rec.name, rec);
    if (!byUid.has(rec.uid)) byUid.set(rec.uid, rec);
  }
  const groups = new Map<string, number>();
  const gids = new Set<number>();
  for (const line of group.split("\n")) {
    const f = line.split(":");
    if (f.length < 3 || line.startsWith("#")) continue;
    if (!groups.has(f[0]!)) groups.set(f[0]!, Number(f[2]));
    gids.add(Number(f[2]));
  }
  return {
    byName: (n) => byName.get(n),
    byUid: (u) => byUid.get(u),
    groupByName: (n) => groups.get(n),
    groupExists: (g) => gids.has(g),
  };
}
