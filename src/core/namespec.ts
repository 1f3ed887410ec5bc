// Process names as users and RPC callers write them: "web" (group and process both "web"), "grp:web", and "grp:*"
// or "grp:" for the whole group — 4.2.5's split_namespec / make_namespec.

export interface NameSpec {
  group: string;
  /** null means every process of the group. */
  process: string | null;
}

export function splitNamespec(spec: string): NameSpec {
  const colon = spec.indexOf(":");
  if (colon === -1) return { group: spec, process: spec };
  const process = spec.slice(colon + 1);
  return { group: spec.slice(0, colon), process: process === "" || process === "*" ? null : process };
}

/** "web" when the group is named after its only program, else "grp:web". */
export function makeNamespec(group: string, process: string): string {
  return group === process ? process : `${group}:${process}`;
}
