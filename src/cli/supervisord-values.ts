// Converters for supervisord's flag values. src/config/datatypes decides what is accepted; these wrappers give the
// message 4.2.5 prints after "invalid value for -x 'VALUE': ", which differs from the config file's wording.
import { existsSync, statSync } from "node:fs";
import * as datatypes from "../config/datatypes";
import type { ConfigHost } from "../config/host";
import { systemUsers } from "../config/load";
import { intLiteralError, pyInt, pyRepr } from "../config/python";
import type { LogLevel } from "../config/types";

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

// The config's own converters decide; the flags are read against this machine as the config file is.
const host: ConfigHost = {
  cwd: process.cwd(),
  env: process.env as Record<string, string>,
  hostname: "",
  uid: process.getuid?.() ?? 0,
  isDir: (p) => existsSync(p) && statSync(p).isDirectory(),
  users: systemUsers(),
};

export function existingDirectory(s: string): string {
  return orFail(() => datatypes.existingDirectory(s, host), () => `${s} is not an existing directory`);
}

/** A file path whose folder must already exist (a bare file name is relative to the working folder). */
export function existingDirpath(s: string): string {
  return orFail(
    () => datatypes.existingDirpath(s, host),
    () => `The directory named as part of the path ${s} does not exist`,
  );
}

/** --profile_options: a comma-separated list of sort keys, where "callers" is a switch rather than a key. */
export function profileOptions(s: string): { sortOrder: string[]; callers: boolean } {
  const items = datatypes.listOfStrings(s).map((x) => x.toLowerCase());
  return { sortOrder: items.filter((x) => x !== "callers"), callers: items.includes("callers") };
}
