// The closed XML-RPC fault table of Supervisor 4.2.5 (supervisor/xmlrpc.py, class Faults). Clients such as the
// Python supervisorctl branch on these numbers, so each code is part of the wire contract and never changes.
import { nameOfCode } from "./code-table";

export const Faults = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;

export type FaultName = keyof typeof Faults;
export type FaultCode = (typeof Faults)[FaultName];

/** The name 4.2.5 puts in front of a fault string ("BAD_NAME: foo"); "UNKNOWN" for a code outside the table. */
export function faultName(code: number): FaultName | "UNKNOWN" {
  return nameOfCode(Faults, code) ?? "UNKNOWN";
}

/** The fault string as 4.2.5 builds it: the name, then ": extra" when there is extra text. */
export function faultText(code: number, extra?: string): string {
  const name = faultName(code);
  return extra === undefined ? name : `${name}: ${extra}`;
}
