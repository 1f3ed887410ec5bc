// AUTO child log files: 4.2.5 names them like tempfile.mkstemp does, `<name>-<channel>---<identifier>-XXXXXXXX.log`
// in childlogdir, creating the file (mode 0600) when the process is created, and removes old ones at start-up
// unless nocleanup is set.
import { closeSync, constants, openSync, readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "./levels";
import { pyRepr } from "../core/pyrepr";

const RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
const ATTEMPTS = 10_000;

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let s = "";
  for (const b of bytes) s += RANDOM_CHARS[b % RANDOM_CHARS.length];
  return s;
}

/** Creates and returns a fresh AUTO log file for one channel of one process. */
export function autoLogPath(childlogdir: string, processName: string, channel: "stdout" | "stderr", identifier: string): string {
  const prefix = `${processName}-${channel}---${identifier}-`;
  for (let i = 0; i < ATTEMPTS; i++) {
    const path = join(childlogdir, `${prefix}${randomName()}.log`);
    try {
      closeSync(openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600));
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  throw Object.assign(new Error(`No usable temporary file name found in ${childlogdir}`), { code: "EEXIST" });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Removes AUTO logs (and their backups) left by an earlier supervisord with the same identifier. */
export function clearAutoChildLogs(childlogdir: string, identifier: string, logger: Logger): void {
  // 4.2.5's pattern, matched from the start of the name only.
  const pattern = new RegExp(`^.+?---${escapeRegExp(identifier)}-\\S+\\.log\\.?\\d{0,4}`);
  let names: string[];
  try {
    names = readdirSync(childlogdir);
  } catch {
    logger.warn("Could not clear childlog dir");
    return;
  }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const path = join(childlogdir, name);
    try {
      unlinkSync(path);
    } catch {
      logger.warn(`Failed to clean up ${pyRepr(path)}`);
    }
  }
}
