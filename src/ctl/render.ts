// What supervisorctl prints: the status table, the phrase for each result code, and the catch-all error line,
// all in 4.2.5's exact wording.
import { Faults } from "../core/faults";
import { makeNamespec, splitNamespec } from "../core/namespec";
import { XmlRpcDecodeError, XmlRpcFault } from "../rpc/codec";
import { BadServerUrl, ConnectError, ProtocolError } from "./transport";

/** A result struct of the start/stop/signal/clear family, or a fault turned into one. */
export interface ResultInfo {
  name: string;
  group: string;
  status: number;
  description: string;
}

/** 4.2.5's "Unknown result code" assertion, raised when the daemon answers with a code the command does not know. */
export class UnknownResultCode extends Error {
  override name = "UnknownResultCode";
}

function phrase(result: ResultInfo, phrases: Record<number, string>, success: string, failedSaysWhy = false): string {
  const name = makeNamespec(result.group, result.name);
  if (result.status === Faults.SUCCESS) return `${name}: ${success}`;
  if (failedSaysWhy && result.status === Faults.FAILED) return result.description;
  const why = phrases[result.status];
  if (why === undefined) throw new UnknownResultCode(`Unknown result code ${result.status} for ${name}`);
  return `${name}: ERROR (${why})`;
}

export function startResult(r: ResultInfo): string {
  return phrase(
    r,
    {
      [Faults.BAD_NAME]: "no such process",
      [Faults.NO_FILE]: "no such file",
      [Faults.NOT_EXECUTABLE]: "file is not executable",
      [Faults.ALREADY_STARTED]: "already started",
      [Faults.SPAWN_ERROR]: "spawn error",
      [Faults.ABNORMAL_TERMINATION]: "abnormal termination",
    },
    "started",
  );
}

/** stop and signal share one table; a FAILED result prints the daemon's own description. */
export function signalResult(r: ResultInfo, success: "signalled" | "stopped" = "signalled"): string {
  return phrase(
    r,
    { [Faults.BAD_NAME]: "no such process", [Faults.BAD_SIGNAL]: "bad signal name", [Faults.NOT_RUNNING]: "not running" },
    success,
    true,
  );
}

export function clearResult(r: ResultInfo): string {
  return phrase(r, { [Faults.BAD_NAME]: "no such process", [Faults.FAILED]: "failed" }, "cleared");
}

/** A fault from a single-process call, shaped like the result structs of the group calls. */
export function faultAsResult(e: XmlRpcFault, namespec: string): ResultInfo {
  const { group, process } = splitNamespec(namespec);
  return { group, name: process ?? "None", status: e.faultCode, description: e.faultString };
}

export interface StatusRow {
  name: string;
  group: string;
  statename: string;
  description: string;
}

const COLOURS: Record<string, string> = {
  RUNNING: "32",
  STARTING: "33",
  BACKOFF: "33",
  STOPPING: "33",
  STOPPED: "90",
  EXITED: "31",
  FATAL: "31",
  UNKNOWN: "31",
};

/** The status table: names padded to at least 33 columns, the state to 10, then the description. */
export function statusLines(rows: StatusRow[], colour: boolean): string[] {
  const names = rows.map((r) => makeNamespec(r.group, r.name));
  const width = Math.max(30, ...names.map((n) => n.length)) + 3;
  return rows.map((r, i) => {
    const padding = " ".repeat(Math.max(0, 10 - r.statename.length));
    const state = colour && COLOURS[r.statename] ? `\x1b[${COLOURS[r.statename]}m${r.statename}\x1b[0m` : r.statename;
    return `${names[i].padEnd(width)}${state}${padding}${r.description}`;
  });
}

const ERRNO: Record<string, [string, number, string]> = {
  ENOENT: ["FileNotFoundError", 2, "No such file or directory"],
  ECONNREFUSED: ["ConnectionRefusedError", 111, "Connection refused"],
  EACCES: ["PermissionError", 13, "Permission denied"],
  ECONNRESET: ["ConnectionResetError", 104, "Connection reset by peer"],
  ENOTDIR: ["NotADirectoryError", 20, "Not a directory"],
  ETIMEDOUT: ["TimeoutError", 110, "Connection timed out"],
};

/**
 * 4.2.5 prints an unexpected exception as "error: <class 'X'>, message: file: F line: N", naming Python's own
 * classes. We name the same classes so scripts matching on them keep working; file and line name our binary.
 */
export function unexpectedError(e: unknown): string {
  let cls: string;
  let msg: string;
  if (e instanceof ConnectError) {
    const [pyClass, errno, text] = ERRNO[e.code] ?? ["OSError", 0, e.code];
    cls = pyClass;
    msg = `[Errno ${errno}] ${text}`;
  } else if (e instanceof XmlRpcFault) {
    cls = "xmlrpc.client.Fault";
    msg = `<Fault ${e.faultCode}: '${e.faultString}'>`;
  } else if (e instanceof ProtocolError) {
    cls = "xmlrpc.client.ProtocolError";
    msg = e.message;
  } else if (e instanceof XmlRpcDecodeError) {
    cls = "xml.parsers.expat.ExpatError";
    msg = e.message;
  } else if (e instanceof BadServerUrl || e instanceof UnknownResultCode) {
    cls = "ValueError";
    msg = e.message;
  } else {
    cls = (e as Error)?.name ?? "Exception";
    msg = (e as Error)?.message ?? String(e);
  }
  return `error: <class '${cls}'>, ${msg}: file: supervisorctl line: 0`;
}
