// A process group at run time: its config and its processes, kept in 4.2.5's priority order (a stable sort by
// priority, so equal priorities keep their config order).
import { STOPPED_STATES } from "../core/states";
import type { GroupConfig, ProcessConfig } from "../config/types";
import type { Process } from "./process";

export class Group {
  /** Ascending priority. */
  readonly processes: Process[];
  /** Config order ([group:x] programs= order), in which 4.2.5's loop passes over a group (autostart among it). */
  readonly declared: Process[];

  constructor(
    readonly config: GroupConfig,
    make: (p: ProcessConfig) => Process,
  ) {
    this.declared = config.processes.map(make);
    this.processes = [...this.declared].sort((a, b) => a.config.priority - b.config.priority);
  }

  get name(): string {
    return this.config.name;
  }

  get(processName: string): Process | undefined {
    return this.processes.find((p) => p.config.name === processName);
  }

  /** Processes not yet in a stopped state (4.2.5's get_unstopped_processes). */
  unstopped(): Process[] {
    return this.processes.filter((p) => !STOPPED_STATES.includes(p.state));
  }

  /** Processes in lexical order of name, as getAllProcessInfo lists them. */
  lexical(): Process[] {
    return [...this.processes].sort((a, b) => (a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0));
  }
}

/** Groups in ascending priority, stable. */
export function byPriority(groups: Iterable<Group>): Group[] {
  return [...groups].sort((a, b) => a.config.priority - b.config.priority);
}
