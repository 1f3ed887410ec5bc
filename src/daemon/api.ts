// The daemon's public surface: what the RPC namespaces (supervisor.*), the web UI and the CLI may call. Everything
// else in src/daemon is private. Methods throw the typed errors of src/core/errors.ts (BadName, AlreadyStarted,
// NotRunning, SpawnError, ...); the RPC layer maps each error's `fault` to 4.2.5's fault code at the edge. While
// supervisord shuts down or restarts, every method but sendRemoteCommEvent and subscribe throws ShutdownState, as
// 4.2.5's _update() does for every RPC.
import type { EventListener } from "../core/events";
import type { ProcessStateCode, ProcessStateName, SupervisorStateCode, SupervisorStateName } from "../core/states";
import type { GroupConfig, ProcessConfig } from "../config/types";

/** getProcessInfo's struct, with 4.2.5's keys and value conventions (0 and "" rather than null). */
export interface ProcessInfo {
  name: string;
  group: string;
  /** What `supervisorctl status` prints: "pid 12, uptime 0:01:02", "Not started", a spawnerr, a stop date. */
  description: string;
  /** Wall-clock seconds (integers) of the last start and stop, 0 if never; `now` is the time of the call. */
  start: number;
  stop: number;
  now: number;
  state: ProcessStateCode;
  statename: ProcessStateName;
  spawnerr: string;
  exitstatus: number;
  /** Same as stdout_logfile, as in 4.2.5. "" when the stream is not logged to a file. */
  logfile: string;
  stdout_logfile: string;
  stderr_logfile: string;
  pid: number;
}

/** One line of a group/all start, stop or signal: `error` null means SUCCESS ("OK"). */
export interface ProcessOutcome {
  name: string;
  group: string;
  error: Error | null;
}

/** getAllConfigInfo's raw material: every program of the loaded config, and whether its group is active. */
export interface ConfigEntry {
  group: GroupConfig;
  process: ProcessConfig;
  inuse: boolean;
}

/** reloadConfig's answer: group names, each list sorted as 4.2.5 sorts them. Nothing is applied yet. */
export interface ConfigDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

export type Stream = "stdout" | "stderr";

export interface DaemonApi {
  // --- identity and state
  /** getState: { statecode, statename }. */
  state(): { statecode: SupervisorStateCode; statename: SupervisorStateName };
  /** getPID: supervisord's own pid. */
  pid(): number;
  /** getIdentification: the identifier= setting. */
  identification(): string;

  // --- processes
  /** getProcessInfo. `name` is "x" or "group:x". Throws BadName. */
  processInfo(name: string): ProcessInfo;
  /** getAllProcessInfo, groups in priority order, processes sorted as 4.2.5 sorts them. */
  allProcessInfo(): ProcessInfo[];
  /** getAllConfigInfo's material. */
  configInfo(): ConfigEntry[];

  /**
   * startProcess. "group:*" starts the group. Throws BadName, NoFile, NotExecutable, AlreadyStarted, Failed
   * (UNKNOWN state), SpawnError, ShutdownState; with wait, resolves once RUNNING or throws AbnormalTermination.
   */
  startProcess(name: string, wait: boolean): Promise<true>;
  /** startProcessGroup / startAllProcesses: only processes not already running, low priority first. */
  startGroup(group: string, wait: boolean): Promise<ProcessOutcome[]>;
  startAll(wait: boolean): Promise<ProcessOutcome[]>;

  /** stopProcess. Throws BadName, NotRunning, Failed, ShutdownState; with wait, resolves once stopped. */
  stopProcess(name: string, wait: boolean): Promise<true>;
  /** stopProcessGroup / stopAllProcesses: only running processes, high priority first. */
  stopGroup(group: string, wait: boolean): Promise<ProcessOutcome[]>;
  stopAll(wait: boolean): Promise<ProcessOutcome[]>;

  /** signalProcess: `signal` is a name ("HUP", "SIGHUP") or a number. Throws BadName, BadSignal, NotRunning, Failed. */
  signalProcess(name: string, signal: string | number): true;
  signalGroup(group: string, signal: string | number): ProcessOutcome[];
  signalAll(signal: string | number): ProcessOutcome[];

  /** sendProcessStdin. Throws BadName, NotRunning, NoFile (stdin closed), BadArguments. */
  sendProcessStdin(name: string, chars: string): true;
  /** sendRemoteCommEvent: emits REMOTE_COMMUNICATION on the bus. */
  sendRemoteCommEvent(type: string, data: string): true;

  // --- configuration
  /** reloadConfig: re-reads the config files and diffs them against the running groups. Throws CantReread. */
  reloadConfig(): Promise<ConfigDiff>;
  /** addProcessGroup from the last loaded config. Throws BadName, AlreadyAdded, ShutdownState. */
  addProcessGroup(name: string): true;
  /** removeProcessGroup. Throws BadName, StillRunning. */
  removeProcessGroup(name: string): true;

  // --- logs (the RPC reads files itself; these say where they are)
  /** The main log file, or null when it is not a readable file (syslog, /dev/stdout). */
  mainLogPath(): string | null;
  clearMainLog(): void;
  /** The child log file of one stream, or null when it has none. Throws BadName. */
  processLogPath(name: string, stream: Stream): string | null;
  /** clearProcessLogs. Throws BadName; Failed when a file cannot be truncated. */
  clearProcessLogs(name: string): Promise<true>;
  clearAllProcessLogs(): ProcessOutcome[];

  // --- lifecycle
  /** shutdown: stops every process (high priority first), then the daemon exits 0. Returns at once. */
  shutdown(): true;
  /** restart: stops every process, re-reads the config and starts again in the same process. */
  restart(): true;

  /** Hears events of `type` (or a descendant, e.g. "PROCESS_STATE"); returns the unsubscribe function. */
  subscribe(type: string, listener: EventListener): () => void;
}
