// The process keys shared by [program:x], [fcgi-program:x] and [eventlistener:x], and how one such section becomes
// its ProcessConfigs (numprocs of them). Which names each key may expand, and in which order keys are checked,
// follow 4.2.5, so the same file fails at the same key.
import * as dt from "../datatypes";
import type { RawConfig, RawSection } from "../document";
import { BadValue } from "../errors";
import { Expansions, type ExpansionValue, layer, type NameLayer } from "../expand";
import type { ConfigHost } from "../host";
import { pyInt } from "../python";
import { keyValuePairs, splitCommand } from "../shlex";
import type { LogTarget, ProcessConfig, StreamConfig } from "../types";
import { dirname } from "node:path";
import { key, optional, SectionReader, text } from "./reader";

export const PROCESS_KEYS = {
  command: optional(text),
  process_name: key("%(program_name)s", text),
  numprocs: key("1", dt.integer),
  numprocs_start: key("0", dt.integer),
  priority: key("999", dt.integer),
  autostart: key("true", dt.boolean),
  autorestart: key("unexpected", dt.autoRestart),
  startsecs: key("1", dt.integer),
  startretries: key("3", dt.integer),
  exitcodes: key("0", dt.exitCodes),
  stopsignal: key("TERM", dt.signal),
  stopwaitsecs: key("10", dt.integer),
  stopasgroup: key("false", dt.boolean),
  killasgroup: optional(dt.boolean), // defaults to stopasgroup
  user: optional(dt.userToUid),
  redirect_stderr: key("false", dt.boolean),
  stdout_logfile: key("auto", dt.logfileName),
  stdout_logfile_maxbytes: key("50MB", dt.byteSize),
  stdout_logfile_backups: key("10", dt.integer),
  stdout_capture_maxbytes: key("0", dt.byteSize),
  stdout_events_enabled: key("false", dt.boolean),
  stdout_syslog: key("false", dt.boolean),
  stderr_logfile: key("auto", dt.logfileName),
  stderr_logfile_maxbytes: key("50MB", dt.byteSize),
  stderr_logfile_backups: key("10", dt.integer),
  stderr_capture_maxbytes: key("0", dt.byteSize),
  stderr_events_enabled: key("false", dt.boolean),
  stderr_syslog: key("false", dt.boolean),
  environment: key("", keyValuePairs),
  directory: optional(text),
  umask: optional(dt.octal),
  serverurl: optional(text),
};

type Reader = SectionReader<typeof PROCESS_KEYS>;

// The keys read before the processes, in 4.2.5's order (environment= and process_name= are read raw).
const FIRST_KEYS = [
  "priority", "autostart", "autorestart", "startsecs", "startretries", "stopsignal", "stopwaitsecs", "stopasgroup",
  "killasgroup", "exitcodes", "redirect_stderr", "numprocs", "numprocs_start", "stdout_capture_maxbytes",
  "stdout_events_enabled", "stderr_capture_maxbytes", "stderr_events_enabled", "serverurl", "user", "umask",
] as const;

export interface ProcessContext {
  raw: RawConfig;
  host: ConfigHost;
  /** ENV_X names: supervisord's environment plus [supervisord] environment=. */
  envNames: ReadonlyMap<string, ExpansionValue>;
  warnings: string[];
}

/** The ProcessConfigs of one program-like section, sorted by priority then name. */
export function processesFromSection(
  ctx: ProcessContext,
  section: RawSection,
  groupName: string,
  programName = sectionName(section, ctx),
): ProcessConfig[] {
  const own = new ProcessNames(directoryOf(section.file), programName, ctx.host.hostname, groupName);
  const names = new Expansions([ctx.envNames, own]);
  const r: Reader = new SectionReader(ctx.raw, section, PROCESS_KEYS, ctx.host, names);
  const v = r.getAll(FIRST_KEYS);
  const { priority, autostart, autorestart, startsecs, startretries, stopsignal, stopwaitsecs, stopasgroup } = v;
  const { exitcodes, redirect_stderr: redirectStderr, numprocs, numprocs_start: numprocsStart, umask } = v;
  const killasgroup = v.killasgroup ?? stopasgroup;
  const environmentText = r.rawText("environment")!;
  const captured = {
    stdout: { captureMaxbytes: v.stdout_capture_maxbytes, eventsEnabled: v.stdout_events_enabled },
    stderr: { captureMaxbytes: v.stderr_capture_maxbytes, eventsEnabled: v.stderr_events_enabled },
  };
  const serverurl = v.serverurl && v.serverurl.trim().toUpperCase() === "AUTO" ? null : v.serverurl;
  const uid = v.user;
  const user = uid === null ? null : r.text("user");
  const gid = uid === null ? null : dt.primaryGid(uid, ctx.host);
  const processName = checkedName(r, r.rawText("process_name")!, "process_name");
  if (numprocs > 1 && !processName.includes("%(process_num)")) {
    throw r.error("%(process_num) must be present within process_name when numprocs > 1", "process_name");
  }
  if (stopasgroup && !killasgroup) {
    throw r.error("Cannot set stopasgroup=true and killasgroup=false", "killasgroup");
  }

  const out: ProcessConfig[] = [];
  for (let processNum = numprocsStart; processNum < numprocsStart + numprocs; processNum++) {
    // Keys read from here on may use every name.
    own.processNum = processNum;
    own.numprocs = numprocs;
    const environment = r.convert("environment", r.expand(environmentText, names, "environment", "environment"));
    for (const k in environment) (own.env ??= new Map()).set(`ENV_${k}`, environment[k]!);
    const directory = r.text("directory");
    const streams = {
      stdout: readStream(r, ctx, "stdout", names, captured.stdout),
      stderr: readStream(r, ctx, "stderr", names, captured.stderr),
    };
    if (redirectStderr) {
      if (streams.stderr.logfile.kind === "file") {
        ctx.warnings.push(
          `For [${section.name}], redirect_stderr=true but stderr_logfile has also been set to a filename, ` +
            "the filename has been ignored",
        );
      }
      streams.stderr.logfile = { kind: "none" };
    }
    const command = r.text("command");
    if (command === null) throw r.error(`program section ${section.name} does not specify a command`, "command");
    let argv: string[] | null;
    try {
      argv = splitCommand(command);
    } catch (e) {
      if (!(e instanceof BadValue)) throw e;
      argv = null;
    }
    out.push({
      name: r.expand(processName, names, "process_name", "process_name"),
      programName,
      processNum,
      command,
      argv,
      uid,
      gid,
      user,
      directory,
      umask,
      priority,
      autostart,
      autorestart,
      startsecs,
      startretries,
      stdout: streams.stdout,
      stderr: streams.stderr,
      stopsignal,
      stopwaitsecs,
      stopasgroup,
      killasgroup,
      exitcodes,
      redirectStderr,
      environment,
      serverurl,
      origin: { file: section.file, line: section.line },
    });
  }
  return out.sort(byPriorityThenName);
}

/**
 * The names a process's values may use besides supervisord's ENV_X: %(here)s, %(program_name)s,
 * %(host_node_name)s, %(group_name)s, then %(process_num)d and %(numprocs)d once its processes are read, and the
 * ENV_X of its environment=, which win over supervisord's and carry from one process to the next as in 4.2.5.
 * One object per section where a Map per layer would cost a thousand-program config thousands of Maps.
 */
class ProcessNames implements NameLayer {
  processNum: number | undefined = undefined;
  numprocs: number | undefined = undefined;
  env: Map<string, ExpansionValue> | null = null;

  constructor(
    readonly here: string,
    readonly programName: string,
    readonly hostNodeName: string,
    readonly groupName: string,
  ) {}

  get(name: string): ExpansionValue | undefined {
    switch (name) {
      case "here":
        return this.here;
      case "program_name":
        return this.programName;
      case "host_node_name":
        return this.hostNodeName;
      case "group_name":
        return this.groupName;
      case "process_num":
        return this.processNum;
      case "numprocs":
        return this.numprocs;
    }
    return this.env?.get(name);
  }

  keys(): string[] {
    const keys = ["here", "program_name", "host_node_name", "group_name"];
    if (this.processNum !== undefined) keys.push("process_num", "numprocs");
    if (this.env) keys.push(...this.env.keys());
    return keys;
  }
}

// The sections of one included file share its directory: worked out once per file, not once per section.
let lastFile = "";
let lastDirectory = "";
function directoryOf(file: string): string {
  if (file !== lastFile) {
    lastDirectory = dirname(file);
    lastFile = file;
  }
  return lastDirectory;
}

/** A [program:x]'s priority as its group's priority (read before its processes, with only %(here)s and ENV_X). */
export function groupPriority(ctx: ProcessContext, section: RawSection): number {
  const e = ctx.raw.entry(section, "priority");
  if (!e) return Number(PROCESS_KEYS.priority.default);
  const plain = e.value.includes("%") ? null : pyInt(e.value);
  if (plain !== null) return plain; // nothing to expand, and a valid integer: no reader needed
  const names = new Expansions([ctx.envNames, layer({ here: directoryOf(section.file) })]);
  return new SectionReader(ctx.raw, section, PROCESS_KEYS, ctx.host, names).get("priority");
}

/** The part of a section name after the colon, checked as 4.2.5's process_or_group_name. */
export function sectionName(section: RawSection, ctx: { raw: RawConfig; host: ConfigHost }): string {
  const name = section.name.slice(section.name.indexOf(":") + 1);
  try {
    return dt.processOrGroupName(name);
  } catch (e) {
    if (!(e instanceof BadValue)) throw e;
    throw new SectionReader(ctx.raw, section, {}, ctx.host, new Expansions([])).error(e.message, null, name);
  }
}

function checkedName(r: Reader, name: string, key: string): string {
  try {
    return dt.processOrGroupName(name);
  } catch (e) {
    if (e instanceof BadValue) throw r.error(e.message, key, name);
    throw e;
  }
}

type Captured = Pick<StreamConfig, "captureMaxbytes" | "eventsEnabled">;

// Key names spelled out, not built per call: the per-program path stays free of string building.
const STREAM_KEYS = {
  stdout: ["stdout_logfile_backups", "stdout_logfile_maxbytes", "stdout_syslog"],
  stderr: ["stderr_logfile_backups", "stderr_logfile_maxbytes", "stderr_syslog"],
} as const;
const LOGFILE_KEY = { stdout: "stdout_logfile", stderr: "stderr_logfile" } as const;

function readStream(
  r: Reader,
  ctx: ProcessContext,
  which: "stdout" | "stderr",
  names: Expansions,
  captured: Captured,
): StreamConfig {
  const keys = STREAM_KEYS[which];
  const lfKey = LOGFILE_KEY[which];
  // 4.2.5 expands the log file name twice: once on reading, once more by name.
  let lfText = r.text(lfKey);
  lfText = r.expand(lfText!, names, lfKey, lfKey);
  const target = r.convert(lfKey, lfText);
  const v = r.getAll(keys, names);
  const logfileBackups = v[keys[0]];
  const logfileMaxbytes = v[keys[1]];
  let syslog = v[keys[2]];
  let logfile: LogTarget;
  if (target === "syslog") {
    ctx.warnings.push(
      `For [${r.name}], ${lfKey}=syslog but this is deprecated and will be removed.  ` +
        `Use ${which}_syslog=true to enable syslog instead.`,
    );
    logfile = { kind: "none" };
    syslog = true;
  } else logfile = target;
  if (logfile.kind === "auto" && !logfileMaxbytes) {
    ctx.warnings.push(
      `For [${r.name}], AUTO logging used for ${lfKey} without rollover, set maxbytes > 0 to avoid filling up ` +
        "filesystem unintentionally",
    );
  }
  const { captureMaxbytes, eventsEnabled } = captured;
  return { logfile, logfileMaxbytes, logfileBackups, syslog, captureMaxbytes, eventsEnabled };
}

export function byPriorityThenName<T extends { priority: number; name: string }>(a: T, b: T): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
