// Event types of 4.2.5 (events.html) as plain data, their payload text, and an EventBus. The bus is an instance owned
// by one supervisor, never a module global, so two daemons in one test never hear each other.
import type { ProcessStateName } from "./states";

/** Every event type name 4.2.5 knows, with its parent, so a listener subscribed to a parent hears the children. */
export const EVENT_PARENTS: Record<string, string | null> = {
  EVENT: null,
  PROCESS_STATE: "EVENT",
  PROCESS_STATE_STOPPED: "PROCESS_STATE",
  PROCESS_STATE_STARTING: "PROCESS_STATE",
  PROCESS_STATE_RUNNING: "PROCESS_STATE",
  PROCESS_STATE_BACKOFF: "PROCESS_STATE",
  PROCESS_STATE_STOPPING: "PROCESS_STATE",
  PROCESS_STATE_EXITED: "PROCESS_STATE",
  PROCESS_STATE_FATAL: "PROCESS_STATE",
  PROCESS_STATE_UNKNOWN: "PROCESS_STATE",
  REMOTE_COMMUNICATION: "EVENT",
  PROCESS_LOG: "EVENT",
  PROCESS_LOG_STDOUT: "PROCESS_LOG",
  PROCESS_LOG_STDERR: "PROCESS_LOG",
  PROCESS_COMMUNICATION: "EVENT",
  PROCESS_COMMUNICATION_STDOUT: "PROCESS_COMMUNICATION",
  PROCESS_COMMUNICATION_STDERR: "PROCESS_COMMUNICATION",
  SUPERVISOR_STATE_CHANGE: "EVENT",
  SUPERVISOR_STATE_CHANGE_RUNNING: "SUPERVISOR_STATE_CHANGE",
  SUPERVISOR_STATE_CHANGE_STOPPING: "SUPERVISOR_STATE_CHANGE",
  TICK: "EVENT",
  TICK_5: "TICK",
  TICK_60: "TICK",
  TICK_3600: "TICK",
  PROCESS_GROUP: "EVENT",
  PROCESS_GROUP_ADDED: "PROCESS_GROUP",
  PROCESS_GROUP_REMOVED: "PROCESS_GROUP",
};

export type EventTypeName = keyof typeof EVENT_PARENTS;

/** True when `type` is `ancestor` or descends from it (a PROCESS_STATE listener hears PROCESS_STATE_RUNNING). */
export function isEventA(type: string, ancestor: string): boolean {
  for (let t: string | null | undefined = type; t; t = EVENT_PARENTS[t]) if (t === ancestor) return true;
  return false;
}

export interface ProcessStateEvent {
  type: `PROCESS_STATE_${ProcessStateName}`;
  processName: string;
  groupName: string;
  from: ProcessStateName;
  to: ProcessStateName;
  /** Rendered when the event is made, as 4.2.5 does, so later pid changes do not leak in. */
  tries: number;
  pid: number;
  expected: boolean;
}
export interface ProcessLogEvent {
  type: "PROCESS_LOG_STDOUT" | "PROCESS_LOG_STDERR" | "PROCESS_COMMUNICATION_STDOUT" | "PROCESS_COMMUNICATION_STDERR";
  processName: string;
  groupName: string;
  pid: number;
  data: string;
}
export interface RemoteCommunicationEvent {
  type: "REMOTE_COMMUNICATION";
  commType: string;
  data: string;
}
export interface SupervisorStateEvent {
  type: "SUPERVISOR_STATE_CHANGE_RUNNING" | "SUPERVISOR_STATE_CHANGE_STOPPING";
}
export interface GroupEvent {
  type: "PROCESS_GROUP_ADDED" | "PROCESS_GROUP_REMOVED";
  groupName: string;
}
export interface TickEvent {
  type: "TICK_5" | "TICK_60" | "TICK_3600";
  /** Wall-clock seconds, as 4.2.5's `when:`. */
  when: number;
}

export type SupervisorEvent =
  | ProcessStateEvent
  | ProcessLogEvent
  | RemoteCommunicationEvent
  | SupervisorStateEvent
  | GroupEvent
  | TickEvent;

/** The event body text 4.2.5 sends to listeners (after the header line). */
export function eventPayload(e: SupervisorEvent): string {
  switch (e.type) {
    case "REMOTE_COMMUNICATION":
      return `type:${e.commType}\n${e.data}`;
    case "SUPERVISOR_STATE_CHANGE_RUNNING":
    case "SUPERVISOR_STATE_CHANGE_STOPPING":
      return "";
    case "PROCESS_GROUP_ADDED":
    case "PROCESS_GROUP_REMOVED":
      return `groupname:${e.groupName}\n`;
    case "TICK_5":
    case "TICK_60":
    case "TICK_3600":
      return `when:${e.when}`;
    case "PROCESS_LOG_STDOUT":
    case "PROCESS_LOG_STDERR":
      return `processname:${e.processName} groupname:${e.groupName} pid:${e.pid} channel:${e.type.endsWith("STDOUT") ? "stdout" : "stderr"}\n${e.data}`;
    case "PROCESS_COMMUNICATION_STDOUT":
    case "PROCESS_COMMUNICATION_STDERR":
      return `processname:${e.processName} groupname:${e.groupName} pid:${e.pid}\n${e.data}`;
    default:
      return processStatePayload(e);
  }
}

function processStatePayload(e: ProcessStateEvent): string {
  const base = `processname:${e.processName} groupname:${e.groupName} from_state:${e.from}`;
  switch (e.to) {
    case "STARTING":
    case "BACKOFF":
      return `${base} tries:${e.tries}`;
    case "EXITED":
      return `${base} expected:${e.expected ? 1 : 0} pid:${e.pid}`;
    case "RUNNING":
    case "STOPPING":
    case "STOPPED":
      return `${base} pid:${e.pid}`;
    default:
      return base;
  }
}

export type EventListener = (e: SupervisorEvent) => void;

/** Synchronous fan-out, in subscription order. A throwing listener does not stop the others. */
export class EventBus {
  private listeners: { type: string; fn: EventListener }[] = [];
  private readonly onListenerError: (err: unknown) => void;

  constructor(onListenerError: (err: unknown) => void = () => {}) {
    this.onListenerError = onListenerError;
  }

  /** Hear every event of `type` or a descendant type; returns the unsubscribe function. */
  subscribe(type: string, fn: EventListener): () => void {
    const entry = { type, fn };
    this.listeners.push(entry);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== entry);
    };
  }

  emit(e: SupervisorEvent): void {
    for (const l of this.listeners) {
      if (!isEventA(e.type, l.type)) continue;
      try {
        l.fn(e);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
