// Converters for supervisord's flag values. src/config/datatypes decides what is accepted; these wrappers give the
// message 4.2.5 prints after "invalid value for -x 'VALUE': ", which differs from the config file's wording.
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import * as datatypes from "../config/datatypes";
import { intLiteralError, pyInt, pyRepr } from "../config/python";
import type { LogLevel } from "../config/types";
import { lookupUser } from "./passwd";

function orFail<T>(convert: () => T, message: () => string): T {
  try {
    return convert();
  } catch {
    throw new Error(message());
  }
}

export function integer(s: string): number {
  return orFail(() => datatypes.integer(s), () => intLiteralError(s));
}

export function octal(s: string): number {
  return orFail(() => datatypes.octal(s), () => `${s} can not be converted to an octal type`);
}

/** 4.2.5 reports the lowercased number part that Python's int() refused. */
export function byteSize(s: string): number {
  return orFail(
    () => datatypes.byteSize(s),
    () => {
      const v = s.toLowerCase();
      return intLiteralError(pyInt(v) === null && /(kb|mb|gb)$/.test(v) ? v.slice(0, -2) : v);
    },
  );
}

export function logLevel(s: string): LogLevel {
  return orFail(() => datatypes.logLevel(s), () => `bad logging level name ${pyRepr(s)}`);
}

/** Python's os.path.expanduser: "~" and "~user" at the start of a path. */
function expandUser(path: string): string {
  if (!path.startsWith("~")) return path;
  const slash = path.indexOf("/");
  const name = slash === -1 ? path.slice(1) : path.slice(1, slash);
  const rest = slash === -1 ? "" : path.slice(slash);
  const home = name === "" ? process.env.HOME || homedir() : lookupUser(name)?.home;
  return home === undefined ? path : home.replace(/\/+$/, "") + rest || "/";
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function existingDirectory(s: string): string {
  const path = expandUser(s);
  if (isDirectory(path)) return path;
  throw new Error(`${s} is not an existing directory`);
}

/** Python's os.path.dirname: "" for a bare name, and "x" (not ".") for "x/". */
function pyDirname(path: string): string {
  const head = path.slice(0, path.lastIndexOf("/") + 1);
  return /^\/+$/.test(head) ? head : head.replace(/\/+$/, "");
}

/** A file path whose folder must already exist (a bare file name is relative to the working folder). */
export function existingDirpath(s: string): string {
  const path = expandUser(s);
  const dir = pyDirname(path);
  if (dir === "" || isDirectory(dir)) return path;
  throw new Error(`The directory named as part of the path ${s} does not exist`);
}

/** --profile_options: a comma-separated list of sort keys, where "callers" is a switch rather than a key. */
export function profileOptions(s: string): { sortOrder: string[]; callers: boolean } {
  const items = datatypes.listOfStrings(s).map((x) => x.toLowerCase());
  return { sortOrder: items.filter((x) => x !== "callers"), callers: items.includes("callers") };
}
