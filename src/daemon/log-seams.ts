// What the daemon needs from logging, as two small interfaces. src/logs provides the real main log and child-log
// capture; unit tests pass recorders. The daemon never formats a log line or opens a child log itself.
import type { LogLevel } from "../core/process-machine";
import type { ProcessConfig } from "../config/types";
import type { Child } from "../platform/spawner";

export interface MainLogger {
  log(level: LogLevel, message: string): void;
}

/** One process's stdout/stderr logs; outlives its children (a restart keeps writing to the same files). */
export interface ChildLogs {
  /** Opens the files for the next spawn, before it (4.2.5's make_dispatchers); throws the open error (with its errno
   * code), and then nothing is spawned. Logs without it open their files in attach(). */
  open?(): void;
  /** Starts draining a freshly spawned child's pipes. Must always drain, or a chatty child blocks on a full pipe. */
  attach(child: Child): void;
  /** Resolves once everything the child wrote before exiting has been handled. */
  drained(): Promise<void>;
  /** Resolves once what has been read so far is in the files (bounded in time, for a slow disk or a FIFO). */
  written?(): Promise<void>;
  /** The file of one stream, or null when it is not logged to a file (NONE, or stderr redirected). */
  path(stream: "stdout" | "stderr"): string | null;
  /** Empties the files (clearProcessLogs); resolves once they exist again, empty. Throws (or rejects) when one
   * cannot be opened again. */
  clear(): void | Promise<void>;
  /** Reopens the files after an external rotation (SIGUSR2). */
  reopen(): void;
  close(): Promise<void>;
}

export type ChildLogsFactory = (config: ProcessConfig, groupName: string) => ChildLogs;
