// Domain errors thrown by the engine and the daemon. Each names the 4.2.5 fault it stands for, so the RPC layer
// translates it at the edge (faultText(Faults[err.fault], err.extra)) and nothing in the domain knows fault codes.
import type { FaultName } from "./faults";

export class DomainError extends Error {
  constructor(
    readonly fault: FaultName,
    /** The text 4.2.5 puts after "FAULT_NAME: ", e.g. the process name; undefined when it puts none. */
    readonly extra?: string,
  ) {
    super(extra === undefined ? fault : `${fault}: ${extra}`);
    this.name = new.target.name;
  }
}

/** No such process or group ("foo", "foo:bar", "foo:*"). */
export class BadName extends DomainError {
  constructor(name: string) {
    super("BAD_NAME", name);
  }
}
export class BadSignal extends DomainError {
  constructor(signal: string) {
    super("BAD_SIGNAL", signal);
  }
}
export class BadArguments extends DomainError {
  constructor(what?: string) {
    super("BAD_ARGUMENTS", what);
  }
}
/** supervisord is shutting down or restarting and refuses to change anything. */
export class ShutdownState extends DomainError {
  constructor() {
    super("SHUTDOWN_STATE");
  }
}
/** The command does not exist (4.2.5: "can't find command '/x'"). */
export class NoFile extends DomainError {
  constructor(message: string) {
    super("NO_FILE", message);
  }
}
/** The command is a directory, not executable, or not permitted. */
export class NotExecutable extends DomainError {
  constructor(message: string) {
    super("NOT_EXECUTABLE", message);
  }
}
export class Failed extends DomainError {
  constructor(message: string) {
    super("FAILED", message);
  }
}
/** A waited-for start ended in a state other than RUNNING. */
export class AbnormalTermination extends DomainError {
  constructor(name: string) {
    super("ABNORMAL_TERMINATION", name);
  }
}
export class SpawnError extends DomainError {
  constructor(name: string) {
    super("SPAWN_ERROR", name);
  }
}
export class AlreadyStarted extends DomainError {
  constructor(name: string) {
    super("ALREADY_STARTED", name);
  }
}
export class NotRunning extends DomainError {
  constructor(name: string) {
    super("NOT_RUNNING", name);
  }
}
export class AlreadyAdded extends DomainError {
  constructor(name: string) {
    super("ALREADY_ADDED", name);
  }
}
export class StillRunning extends DomainError {
  constructor(name: string) {
    super("STILL_RUNNING", name);
  }
}
export class CantReread extends DomainError {
  constructor(message: string) {
    super("CANT_REREAD", message);
  }
}
