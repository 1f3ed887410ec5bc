// Process and supervisor states with 4.2.5's numeric codes (supervisor/states.py). The codes travel over XML-RPC
// (getProcessInfo.state, getState.statecode), so they are part of the wire contract.
import { nameOfCode } from "./code-table";

export const ProcessState = {
  STOPPED: 0,
  STARTING: 10,
  RUNNING: 20,
  BACKOFF: 30,
  STOPPING: 40,
  EXITED: 100,
  FATAL: 200,
  UNKNOWN: 1000,
} as const;
export type ProcessStateName = keyof typeof ProcessState;
export type ProcessStateCode = (typeof ProcessState)[ProcessStateName];

export const SupervisorState = {
  FATAL: 2,
  RUNNING: 1,
  RESTARTING: 0,
  SHUTDOWN: -1,
} as const;
export type SupervisorStateName = keyof typeof SupervisorState;
export type SupervisorStateCode = (typeof SupervisorState)[SupervisorStateName];

/** States in which a start request is refused with ALREADY_STARTED (4.2.5's RUNNING_STATES). */
export const RUNNING_STATES: readonly ProcessStateName[] = ["RUNNING", "BACKOFF", "STARTING"];
/** States a waited-for stop ends in (4.2.5's STOPPED_STATES). */
export const STOPPED_STATES: readonly ProcessStateName[] = ["STOPPED", "EXITED", "FATAL", "UNKNOWN"];
/** States with a live child that a signal can reach (4.2.5's SIGNALLABLE_STATES). */
export const SIGNALLABLE_STATES: readonly ProcessStateName[] = ["RUNNING", "STARTING", "STOPPING"];

export function processStateName(code: number): ProcessStateName | undefined {
  return nameOfCode(ProcessState, code);
}

export function supervisorStateName(code: number): SupervisorStateName | undefined {
  return nameOfCode(SupervisorState, code);
}

export function isRunningState(s: ProcessStateName): boolean {
  return RUNNING_STATES.includes(s);
}
export function isStoppedState(s: ProcessStateName): boolean {
  return STOPPED_STATES.includes(s);
}
