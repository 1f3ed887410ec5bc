// One converter per value type. Each takes the (already expanded) text and returns the typed value, or throws
// BadValue with the reason in a few words; the schema layer adds the key, value, section and file. What each
// accepts is what 4.2.5's datatypes.py accepts (Python int() rules included: " 10", "+10", "1_000").
import { BadValue } from "./errors";
import type { ConfigHost } from "./host";
import type { AutoRestart, LogLevel, LogTarget, SignalName } from "./types";
import { resolve } from "node:path";
import { pyInt, pyRepr, pyStrip } from "./python";

export type Converter<T> = (value: string) => T;

export function integer(v: string): number {
  const n = pyInt(v);
  if (n === null) throw new BadValue("not an integer");
  return n;
}

const TRUTHY = ["yes", "true", "on", "1"];
const FALSY = ["no", "false", "off", "0"];

export function boolean(v: string): boolean {
  const s = v.toLowerCase();
  if (TRUTHY.includes(s)) return true;
  if (FALSY.includes(s)) return false;
  throw new BadValue("not a boolean: use true/false, yes/no, on/off or 1/0");
}

export function autoRestart(v: string): AutoRestart {
  const s = v.toLowerCase();
  if (TRUTHY.includes(s)) return "true";
  if (FALSY.includes(s)) return "false";
  if (s === "unexpected") return "unexpected";
  throw new BadValue("use true, false or unexpected");
}

// Looked up by the last two characters: a search with a destructuring callback costs a cold interpreter more.
const SIZE_SUFFIXES = new Map([
  ["kb", 1024],
  ["mb", 1024 * 1024],
  ["gb", 1024 * 1024 * 1024],
]);

export function byteSize(v: string): number {
  const s = v.toLowerCase();
  const factor = SIZE_SUFFIXES.get(s.slice(-2));
  const n = pyInt(factor === undefined ? s : s.slice(0, -2));
  if (n === null) throw new BadValue("not a byte size such as 1024, 50KB, 10MB or 1GB");
  return factor === undefined ? n : n * factor;
}

/** Linux signal numbers under their canonical names (aliases IOT, CLD and POLL map to ABRT, CHLD and IO). */
const SIGNALS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12,
  PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23,
  XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, PWR: 30, SYS: 31, RTMIN: 34, RTMAX: 64,
};
// 4.2.5 looks a name up as an attribute SIG<NAME> of Python's signal module and accepts a number if any SIG*
// attribute has it. That module also holds the handler and mask constants SIG_DFL = SIG_BLOCK = 0, SIG_IGN =
// SIG_UNBLOCK = 1 and SIG_SETMASK = 2: so "0" and "_DFL" are accepted (signal 0: kill(2) only checks the process
// exists, and after stopwaitsecs the process is killed), while "_IGN" means HUP and "_SETMASK" INT.
const SIGNAL_ALIASES: Record<string, string> = {
  IOT: "ABRT", CLD: "CHLD", POLL: "IO", _IGN: "HUP", _UNBLOCK: "HUP", _SETMASK: "INT", _DFL: "0", _BLOCK: "0",
};
const SIGNAL_BY_NUMBER = new Map(Object.entries(SIGNALS).map(([name, n]) => [n, name]));
SIGNAL_BY_NUMBER.set(0, "0");

export function signalNumber(name: SignalName): number | undefined {
  return name === "0" ? 0 : SIGNALS[name];
}

export function signal(v: string): SignalName {
  const n = pyInt(v);
  if (n !== null) {
    const name = SIGNAL_BY_NUMBER.get(n);
    if (!name) throw new BadValue("not a valid signal number");
    return name;
  }
  let name = pyStrip(v).toUpperCase();
  if (name.startsWith("SIG")) name = name.slice(3);
  name = SIGNAL_ALIASES[name] ?? name;
  if (!(name in SIGNALS) && name !== "0") throw new BadValue("not a signal name such as TERM, HUP or KILL");
  return name;
}

export function octal(v: string): number {
  const n = pyInt(v, 8);
  if (n === null) throw new BadValue("not an octal number");
  return n;
}

export function exitCodes(v: string): number[] {
  if (v === "") return [];
  return v.split(",").map((part) => {
    const n = pyInt(part);
    if (n === null || n < 0 || n > 255) throw new BadValue("not a comma-separated list of exit codes 0-255");
    return n;
  });
}

export function listOfStrings(v: string): string[] {
  if (v === "") return [];
  return v.split(",").map((x) => pyStrip(x));
}

const LOG_LEVELS: LogLevel[] = ["critical", "error", "warn", "info", "debug", "trace", "blather"];

export function logLevel(v: string): LogLevel {
  const s = v.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(s)) throw new BadValue(`use one of ${LOG_LEVELS.join(", ")}`);
  return s;
}

/** process_or_group_name: names that would break the event protocol or the web UI's URLs are refused. */
export function processOrGroupName(v: string): string {
  const s = pyStrip(v);
  const bad = s.includes(" ") ? " " : s.includes(":") ? ":" : s.includes("/") ? "/" : null;
  if (bad !== null) throw new BadValue(`Invalid name: ${pyRepr(v)} because of character: ${pyRepr(bad)}`);
  return s;
}

export function portNumber(v: string): number {
  const n = pyInt(v);
  if (n === null) throw new BadValue("not a port number");
  if (n < 1 || n > 0xffff) throw new BadValue("port must be between 1 and 65535");
  return n;
}

/** "host:port", ":port", "*:port" or "port"; an empty or * host means every interface (""). */
export function inetAddress(v: string): { host: string; port: number } {
  const colon = v.lastIndexOf(":");
  let host = "";
  let port: number;
  if (colon !== -1) {
    if (colon === v.length - 1) throw new BadValue("no port number after the colon");
    port = portNumber(v.slice(colon + 1));
    host = v.slice(0, colon).toLowerCase();
  } else {
    port = portNumber(v);
  }
  return { host: host === "*" ? "" : host, port };
}

/** ~ and ~user expansion as Python's os.path.expanduser. */
export function expandUser(v: string, host: ConfigHost): string {
  if (!v.startsWith("~")) return v;
  const slash = v.indexOf("/");
  const user = v.slice(1, slash === -1 ? undefined : slash);
  const home = user === "" ? (host.env.HOME ?? host.users.byUid(host.uid)?.home) : host.users.byName(user)?.home;
  if (home === undefined) return v;
  const rest = slash === -1 ? "" : v.slice(slash);
  return home.replace(/\/+$/, "") + rest || "/";
}

/** normalize_path: ~ expanded, made absolute against the working directory, normalised. */
export function normalizePath(v: string, host: ConfigHost): string {
  return resolve(host.cwd, expandUser(v, host));
}

/** A path as the OS sees it from the working directory, NOT normalised: "run/.." needs "run" to exist. */
function onHost(p: string, host: ConfigHost): string {
  return p.startsWith("/") ? p : `${host.cwd}/${p}`;
}

export function existingDirectory(v: string, host: ConfigHost): string {
  const p = expandUser(v, host);
  if (!host.isDir(onHost(p, host))) throw new BadValue("not an existing directory");
  return p;
}

/** A file path whose directory must exist (the file itself need not). Kept relative if given relative. */
export function existingDirpath(v: string, host: ConfigHost): string {
  const p = expandUser(v, host);
  const slash = p.lastIndexOf("/");
  if (slash === -1) return p;
  let end = slash;
  while (end > 0 && p.charCodeAt(end - 1) === 47) end--; // "a//b" is in "a"
  const dir = end === 0 ? "/" : p.slice(0, end);
  if (!host.isDir(onHost(dir, host))) {
    throw new BadValue(`the directory ${dir} does not exist`);
  }
  return p;
}

/** stdout_logfile / stderr_logfile: NONE/OFF, AUTO, the deprecated SYSLOG, or a path. */
export function logfileName(v: string, host: ConfigHost): LogTarget | "syslog" {
  const s = v.toLowerCase();
  if (s === "none" || s === "off") return { kind: "none" };
  if (s === "auto") return { kind: "auto" };
  if (s === "syslog") return "syslog";
  return { kind: "file", path: existingDirpath(v, host) };
}

/** name_to_uid: a user name or a numeric uid that exists. */
export function userToUid(v: string, host: ConfigHost): number {
  const n = pyInt(v);
  if (n !== null) {
    if (!host.users.byUid(n)) throw new BadValue("no such user id");
    return n;
  }
  const rec = host.users.byName(v);
  if (!rec) throw new BadValue("no such user");
  return rec.uid;
}

export function groupToGid(v: string, host: ConfigHost): number {
  const n = pyInt(v);
  if (n !== null) {
    if (!host.users.groupExists(n)) throw new BadValue("no such group id");
    return n;
  }
  const gid = host.users.groupByName(v);
  if (gid === undefined) throw new BadValue("no such group");
  return gid;
}

export function primaryGid(uid: number, host: ConfigHost): number {
  const rec = host.users.byUid(uid);
  if (!rec) throw new BadValue("no such user id");
  return rec.gid;
}

/** "user" or "user:group" → { uid, gid } with gid -1 when no group is given. */
export function userAndGroup(v: string, host: ConfigHost): { uid: number; gid: number } {
  const colon = v.indexOf(":");
  if (colon === -1) return { uid: userToUid(v, host), gid: -1 };
  return { uid: userToUid(v.slice(0, colon), host), gid: groupToGid(v.slice(colon + 1), host) };
}
