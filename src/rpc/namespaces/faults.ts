// The edge where typed domain errors become 4.2.5's fault structs. Anything that is not a DomainError is a bug or
// an OS failure: top-level calls answer it with HTTP 500 (as 4.2.5 does), multicall and group results with FAILED.
import { DomainError } from "../../core/errors";
import { Faults, faultText } from "../../core/faults";

export interface FaultStruct {
  faultCode: number;
  faultString: string;
  [key: string]: number | string;
}

/** The fault a domain error stands for, or null when `err` is not one. */
export function faultOf(err: unknown): FaultStruct | null {
  if (!(err instanceof DomainError)) return null;
  const code = Faults[err.fault];
  return { faultCode: code, faultString: faultText(code, err.extra) };
}

/** As faultOf, but an unexpected error becomes FAILED with its message (4.2.5: "FAILED: <class ...>:message"). */
export function faultOrFailed(err: unknown): FaultStruct {
  return faultOf(err) ?? { faultCode: Faults.FAILED, faultString: `FAILED: ${describeError(err)}` };
}

/** A failure 4.2.5 would hit as a Python exception of class `pyClass`; multicall reports it in 4.2.5's words. */
export class PythonError extends Error {
  constructor(
    readonly pyClass: string,
    message: string,
  ) {
    super(message);
  }
}

function describeError(err: unknown): string {
  if (err instanceof PythonError) return `<class '${err.pyClass}'>:${err.message}`;
  return err instanceof Error ? `${err.name}:${err.message}` : String(err);
}
