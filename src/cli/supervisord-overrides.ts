// Command-line flags override [supervisord] keys of the loaded config (4.2.5 gives the command line priority over
// the file). Re-applied after every reload, so a SIGHUP re-read keeps what the command line said.
import { resolve } from "node:path";
import type { Config, SupervisordConfig } from "../config/types";
import { pyInt } from "../config/python";
import { systemUsers } from "../config/load";
import { type SupervisordOverrides, UsageError } from "./supervisord-options";

/** 4.2.5's name_to_uid and gid_for_uid: a user name or a numeric uid that must exist. */
export function resolveUser(user: string): { uid: number; gid: number } {
  const n = pyInt(user);
  const users = systemUsers();
  const entry = n === null ? users.byName(user) : users.byUid(n);
  if (!entry) throw new UsageError(n === null ? `Invalid user name ${user}` : `Invalid user id ${user}`);
  return { uid: entry.uid, gid: entry.gid };
}

export function applyOverrides(config: Config, overrides: SupervisordOverrides): Config {
  const s: SupervisordConfig = { ...config.supervisord, ...overrides };
  // As 4.2.5's realize: the main log and the pid file become absolute paths, except the literal "syslog".
  if (overrides.logfile !== undefined && overrides.logfile !== "syslog") s.logfile = resolve(overrides.logfile);
  if (overrides.pidfile !== undefined) s.pidfile = resolve(overrides.pidfile);
  if (overrides.user !== undefined) Object.assign(s, resolveUser(overrides.user));
  return { ...config, supervisord: s };
}
