// Which groups a re-read config adds, changes or removes relative to the running ones (4.2.5's diff_to_active).
// Two groups are the same when every setting is equal; where a setting was written (its origin) does not count,
// so moving a section within the file does not restart it.
import type { GroupConfig } from "../config/types";

function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v) => {
    if (key === "origin") return undefined;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export function sameGroup(a: GroupConfig, b: GroupConfig): boolean {
  return canonical(a) === canonical(b);
}

/** Names: added and changed in the new config's order, removed in the running order. */
export function diffGroups(running: GroupConfig[], loaded: GroupConfig[]) {
  const cur = new Map(running.map((g) => [g.name, g]));
  const next = new Map(loaded.map((g) => [g.name, g]));
  return {
    added: loaded.filter((g) => !cur.has(g.name)).map((g) => g.name),
    changed: loaded.filter((g) => cur.has(g.name) && !sameGroup(g, cur.get(g.name)!)).map((g) => g.name),
    removed: running.filter((g) => !next.has(g.name)).map((g) => g.name),
  };
}
