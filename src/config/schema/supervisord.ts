// [supervisord]: the daemon's own settings. Its environment= also adds ENV_X names for every later section.
import * as dt from "../datatypes";
import type { RawConfig, RawSection } from "../document";
import { Expansions, type ExpansionValue, layer } from "../expand";
import type { ConfigHost } from "../host";
import type { SupervisordConfig } from "../types";
import { dirname, resolve } from "node:path";
import { keyValuePairs } from "../shlex";
import { key, optional, SectionReader, text } from "./reader";

export const SUPERVISORD_KEYS = {
  minfds: key("1024", dt.integer),
  minprocs: key("200", dt.integer),
  directory: optional(dt.existingDirectory),
  user: optional(text),
  umask: key("022", dt.octal),
  logfile: key("supervisord.log", dt.existingDirpath),
  logfile_maxbytes: key("50MB", dt.byteSize),
  logfile_backups: key("10", dt.integer),
  loglevel: key("info", dt.logLevel),
  pidfile: key("supervisord.pid", dt.existingDirpath),
  identifier: key("supervisor", text),
  nodaemon: key("false", dt.boolean),
  silent: key("false", dt.boolean),
  childlogdir: optional(dt.existingDirectory), // defaults to the temp directory
  nocleanup: key("false", dt.boolean),
  strip_ansi: key("false", dt.boolean),
  environment: key("", keyValuePairs),
};

/** Python's tempfile.gettempdir(): $TMPDIR, $TEMP, $TMP, then the usual places. */
export function tempDir(host: ConfigHost): string {
  const candidates = [host.env.TMPDIR, host.env.TEMP, host.env.TMP, "/tmp", "/var/tmp", "/usr/tmp"];
  for (const c of candidates) if (c && host.isDir(resolve(host.cwd, c))) return resolve(host.cwd, c);
  return host.cwd;
}

export interface SupervisordResult {
  config: Omit<SupervisordConfig, "serverurl">;
  /** ENV_X names for the rest of the file: supervisord's environment overlaid with [supervisord] environment=. */
  envNames: Map<string, ExpansionValue>;
}

export function readSupervisord(
  raw: RawConfig,
  section: RawSection,
  host: ConfigHost,
  envNames: ReadonlyMap<string, ExpansionValue>,
): SupervisordResult {
  const here = layer({ here: dirname(section.file) });
  const r = new SectionReader(raw, section, SUPERVISORD_KEYS, host, new Expansions([envNames, here]));
  const v = r.getAll([
    "minfds", "minprocs", "directory", "user", "umask", "logfile", "logfile_maxbytes", "logfile_backups",
    "loglevel", "pidfile", "identifier", "nodaemon", "silent",
  ]);
  const childlogdir = r.check("childlogdir", r.text("childlogdir") ?? tempDir(host), dt.existingDirectory);
  const { nocleanup, strip_ansi: stripAnsi } = r.getAll(["nocleanup", "strip_ansi"]);
  // 4.2.5 expands environment= twice, the second time with %(host_node_name)s available too.
  const envText = r.text("environment")!;
  const names2 = new Expansions([envNames, here, layer({ host_node_name: host.hostname })]);
  const environment = r.convert("environment", r.expand(envText, names2, "environment", "environment"));
  const extended = new Map(envNames);
  for (const [k, val] of Object.entries(environment)) extended.set(`ENV_${k}`, val);

  const user = v.user;
  const uid = user === null ? null : r.check("user", user, dt.userToUid);
  const gid = uid === null ? null : dt.primaryGid(uid, host);
  const config = {
    logfile: v.logfile === "syslog" ? v.logfile : dt.normalizePath(v.logfile, host),
    logfileMaxbytes: v.logfile_maxbytes,
    logfileBackups: v.logfile_backups,
    loglevel: v.loglevel,
    pidfile: dt.normalizePath(v.pidfile, host),
    umask: v.umask,
    nodaemon: v.nodaemon,
    silent: v.silent,
    minfds: v.minfds,
    minprocs: v.minprocs,
    nocleanup,
    childlogdir,
    user,
    uid,
    gid,
    directory: v.directory,
    stripAnsi,
    environment,
    identifier: v.identifier,
  };
  return { config, envNames: extended };
}
