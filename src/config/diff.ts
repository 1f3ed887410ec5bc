// reread/update: which groups a new Config adds, changes or removes relative to the running one, with 4.2.5's
// notion of equality (diff_to_active and the Config classes' __eq__).
import type { FcgiSocket, GroupConfig, ProcessConfig, StreamConfig } from "./types";

export interface ConfigDiff {
  /** In the new config's order. */
  added: string[];
  /** In the new config's order. */
  changed: string[];
  /** In the running config's order. */
  removed: string[];
}

export function diffGroups(current: readonly GroupConfig[], next: readonly GroupConfig[]): ConfigDiff {
  const cur = new Map(current.map((g) => [g.name, g]));
  const nxt = new Map(next.map((g) => [g.name, g]));
  return {
    added: next.filter((g) => !cur.has(g.name)).map((g) => g.name),
    changed: next.filter((g) => cur.has(g.name) && !groupEquals(g, cur.get(g.name)!)).map((g) => g.name),
    removed: current.filter((g) => !nxt.has(g.name)).map((g) => g.name),
  };
}

/** `candidate == running` as 4.2.5 evaluates it (the new config's class decides what is compared). */
export function groupEquals(candidate: GroupConfig, running: GroupConfig): boolean {
  if (candidate.name !== running.name || candidate.priority !== running.priority) return false;
  switch (candidate.kind) {
    case "program":
    case "group":
      // An fcgi group counts as a process group here: 4.2.5's FastCGIGroupConfig subclasses ProcessGroupConfig.
      if (running.kind === "eventlistener") return false;
      break;
    case "fcgi-program":
      if (running.kind !== "fcgi-program" || socketUrl(candidate.socket) !== socketUrl(running.socket)) return false;
      break;
    case "eventlistener":
      if (
        running.kind !== "eventlistener" ||
        candidate.bufferSize !== running.bufferSize ||
        candidate.resultHandler !== running.resultHandler ||
        !sameList(candidate.events, running.events)
      ) {
        return false;
      }
      break;
  }
  const a = candidate.processes;
  const b = running.processes;
  return a.length === b.length && a.every((p, i) => processEquals(p, b[i]!));
}

export function socketUrl(s: FcgiSocket): string {
  return s.kind === "unix" ? `unix://${s.path}` : `tcp://${s.host}:${s.port}`;
}

const SCALARS = [
  "name", "uid", "command", "directory", "umask", "priority", "autostart", "autorestart", "startsecs",
  "startretries", "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "redirectStderr", "serverurl",
] as const;

/** 4.2.5's ProcessConfig.__eq__: every option, where an AUTO log file matches anything (the running one has
 * been given its real name by then). */
export function processEquals(a: ProcessConfig, b: ProcessConfig): boolean {
  return (
    SCALARS.every((k) => a[k] === b[k]) &&
    sameList(a.exitcodes, b.exitcodes) &&
    sameRecord(a.environment, b.environment) &&
    streamEquals(a.stdout, b.stdout) &&
    streamEquals(a.stderr, b.stderr)
  );
}

function streamEquals(a: StreamConfig, b: StreamConfig): boolean {
  const logfileSame =
    a.logfile.kind === "auto" ||
    b.logfile.kind === "auto" ||
    (a.logfile.kind === b.logfile.kind && (a.logfile.kind !== "file" || a.logfile.path === (b.logfile as { path: string }).path));
  return (
    logfileSame &&
    a.logfileMaxbytes === b.logfileMaxbytes &&
    a.logfileBackups === b.logfileBackups &&
    a.captureMaxbytes === b.captureMaxbytes &&
    a.eventsEnabled === b.eventsEnabled &&
    a.syslog === b.syslog
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
