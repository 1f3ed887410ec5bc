// The typed, validated configuration. Everything downstream of src/config reads these objects and never a raw
// string. Field names follow Supervisor 4.2.5's option names so that diffs, getAllConfigInfo and the differential
// tests line up with the reference.

/** Where a value came from, for error messages and for %(here)s. */
export interface Origin {
  file: string;
  line: number;
}

/** stdout_logfile / stderr_logfile after conversion. */
// 4.2.5 rewrites the deprecated `stdout_logfile=syslog` into { kind: "none" } plus syslog=true (with a warning), so
// there is no syslog target here: StreamConfig.syslog carries it.
export type LogTarget =
  | { kind: "auto" } // a file in childlogdir, named when the process is created
  | { kind: "none" }
  | { kind: "file"; path: string }; // ~ expanded, NOT made absolute (as 4.2.5); includes /dev/stdout, /dev/stderr

export type AutoRestart = "true" | "false" | "unexpected";

export type LogLevel = "critical" | "error" | "warn" | "info" | "debug" | "trace" | "blather";

/** Canonical name without "SIG" ("TERM"); a numeric stopsignal= is mapped to its Linux name, and 0 (which 4.2.5
 * accepts) is "0". */
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
  /** The raw command after %(...)s expansion. */
  command: string;
  /** Its POSIX shlex split, or null when it cannot be split (an unclosed quote): 4.2.5 accepts that config and
   * fails at spawn with "can't parse command ...", so the spawner reports splitCommand()'s error then. */
  argv: string[] | null;
  /** Numeric uid from user=, and that user's primary gid; null when user= is not set. */
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
  /** [supervisord] environment= overlaid with this program's environment= (the program wins), as 4.2.5 merges
   * them. supervisord's own process environment is NOT included: the spawner adds it underneath. */
  environment: Record<string, string>;
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
  /** Upper-case event type names, each checked against 4.2.5's EventTypes; sorted, without repeats. */
  events: string[];
  /** "module:attr" spec; only the handlers 4.2.5 ships are accepted. */
  resultHandler: string;
}

export type FcgiSocket =
  | { kind: "tcp"; host: string; port: number; backlog: number | null }
  | { kind: "unix"; path: string; owner: { uid: number; gid: number } | null; mode: number; backlog: number | null };

export interface FcgiGroupConfig {
  kind: "fcgi-program";
  name: string;
  priority: number;
  processes: ProcessConfig[];
  socket: FcgiSocket;
}

export type GroupConfig = ProcessGroupConfig | EventListenerPoolConfig | FcgiGroupConfig;

/** What every [inet_http_server*] and [unix_http_server*] section has. 4.2.5 takes any section whose name starts
 * with one of those two words as a server: [inet_http_server], [inet_http_server:web], even [inet_http_server2]. */
interface HttpServerSection {
  /** The section's name as written, e.g. "inet_http_server:web" (4.2.5 names the server by it in its log). */
  section: string;
  /** What follows the first ":" ("web"), or null when the name has no ":". */
  name: string | null;
  username: string | null;
  password: string | null;
}

export interface UnixHttpServerConfig extends HttpServerSection {
  kind: "unix";
  /** Absolute and normalised. */
  file: string;
  chmod: number; // default 0o700
  /** null when chown= is unset; gid is -1 when only a user is given (4.2.5's (uid, -1)). */
  chown: { uid: number; gid: number } | null;
}

export interface InetHttpServerConfig extends HttpServerSection {
  kind: "inet";
  host: string; // "" means all interfaces, as 4.2.5 reads ":9001"
  port: number;
}

export type HttpServerConfig = InetHttpServerConfig | UnixHttpServerConfig;

export interface SupervisordConfig {
  /** Absolute and normalised, or the literal "syslog" (as 4.2.5's realize leaves it). pidfile likewise. */
  logfile: string;
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
  /** Resolved from user= (name or number) and that user's primary group; null when user= is not set. */
  uid: number | null;
  gid: number | null;
  directory: string | null;
  stripAnsi: boolean;
  environment: Record<string, string>;
  identifier: string;
  /** What children get as SUPERVISOR_SERVER_URL when serverurl=AUTO: unix://<file> of the first unix server, else
   * http://<host or localhost>:<port> of the LAST inet server (4.2.5's loop over them does not stop at the first),
   * else null (4.2.5's ServerOptions.serverurl). */
  serverurl: string | null;
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
  /** Every server section, in 4.2.5's order: the inet ones as read (main file, then includes), then the unix ones.
   * supervisord serves each of them. */
  httpServers: HttpServerConfig[];
  rpcinterfaces: RpcInterfaceConfig[];
  /** Sorted by priority then name, as 4.2.5 sorts process_group_configs. */
  groups: GroupConfig[];
  /** Non-fatal notes 4.2.5 logs at start-up (e.g. an include glob matching nothing). */
  warnings: string[];
}
