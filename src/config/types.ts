// The typed, validated configuration. Everything downstream of src/config reads these objects and never a raw
// string. Field names follow Supervisor 4.2.5's option names so that diffs, getAllConfigInfo and the differential
// tests line up with the reference.

/** Where a value came from, for error messages and for %(here)s. */
export interface Origin {
  file: string;
  line: number;
}

/** stdout_logfile / stderr_logfile after conversion. */
export type LogTarget =
  | { kind: "auto" } // a file in childlogdir, named when the process is created
  | { kind: "none" }
  | { kind: "syslog" }
  | { kind: "file"; path: string }; // includes /dev/stdout, /dev/stderr

export type AutoRestart = "true" | "false" | "unexpected";

export type LogLevel = "critical" | "error" | "warn" | "info" | "debug" | "trace" | "blather";

export type SignalName = "TERM" | "HUP" | "INT" | "QUIT" | "KILL" | "USR1" | "USR2" | "STOP" | "CONT" | "ALRM" | string;

export interface StreamConfig {
  logfile: LogTarget;
  logfileMaxbytes: number;
  logfileBackups: number;
  captureMaxbytes: number;
  eventsEnabled: boolean;
  syslog: boolean;
}

export interface ProcessConfig {
  /** process_name after expansion, e.g. "cat_00". */
  name: string;
  /** The program section's name ("cat" for [program:cat]). */
  programName: string;
  processNum: number;
  /** The raw command after %(...)s expansion; argv is its shlex split. */
  command: string;
  argv: string[];
  /** Numeric uid/gid resolved from user=, or null when user= is not set. */
  uid: number | null;
  gid: number | null;
  user: string | null;
  directory: string | null;
  umask: number | null;
  priority: number;
  autostart: boolean;
  autorestart: AutoRestart;
  startsecs: number;
  startretries: number;
  stdout: StreamConfig;
  stderr: StreamConfig;
  stopsignal: SignalName;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
  exitcodes: number[];
  redirectStderr: boolean;
  /** environment= merged keys (not supervisord's own environment). */
  environment: Record<string, string> | null;
  serverurl: string | null; // null means AUTO
  origin: Origin;
}

export interface ProcessGroupConfig {
  kind: "program" | "group";
  name: string;
  priority: number;
  processes: ProcessConfig[];
}

export interface EventListenerPoolConfig {
  kind: "eventlistener";
  name: string;
  priority: number;
  processes: ProcessConfig[];
  bufferSize: number;
  events: string[];
  resultHandler: string;
}

export type FcgiSocket =
  | { kind: "tcp"; host: string; port: number; backlog: number | null }
  | { kind: "unix"; path: string; owner: { uid: number; gid: number } | null; mode: number | null; backlog: number | null };

export interface FcgiGroupConfig {
  kind: "fcgi-program";
  name: string;
  priority: number;
  processes: ProcessConfig[];
  socket: FcgiSocket;
}

export type GroupConfig = ProcessGroupConfig | EventListenerPoolConfig | FcgiGroupConfig;

export interface UnixHttpServerConfig {
  file: string;
  chmod: number;
  chown: { uid: number; gid: number } | null;
  username: string | null;
  password: string | null;
}

export interface InetHttpServerConfig {
  host: string; // "" means all interfaces, as 4.2.5 reads ":9001"
  port: number;
  username: string | null;
  password: string | null;
}

export interface SupervisordConfig {
  logfile: string; // may be /dev/stdout, or "syslog"
  logfileMaxbytes: number;
  logfileBackups: number;
  loglevel: LogLevel;
  pidfile: string;
  umask: number;
  nodaemon: boolean;
  silent: boolean;
  minfds: number;
  minprocs: number;
  nocleanup: boolean;
  childlogdir: string;
  user: string | null;
  directory: string | null;
  stripAnsi: boolean;
  environment: Record<string, string>;
  identifier: string;
}

export interface SupervisorctlConfig {
  serverurl: string;
  username: string | null;
  password: string | null;
  prompt: string;
  historyFile: string | null;
}

export interface RpcInterfaceConfig {
  name: string;
  factory: string;
  options: Record<string, string>;
}

export interface Config {
  /** The main file that was loaded, absolute. */
  file: string;
  /** Every file read, main first, then includes in the order read. */
  files: string[];
  supervisord: SupervisordConfig;
  supervisorctl: SupervisorctlConfig;
  unixHttpServer: UnixHttpServerConfig | null;
  inetHttpServer: InetHttpServerConfig | null;
  rpcinterfaces: RpcInterfaceConfig[];
  /** Sorted by priority then name, as 4.2.5 sorts process_group_configs. */
  groups: GroupConfig[];
  /** Non-fatal notes 4.2.5 logs at start-up (e.g. an include glob matching nothing). */
  warnings: string[];
}
