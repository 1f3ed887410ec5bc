// What the HTTP layer calls: one XML-RPC body in, one response out, plus where /logtail and /mainlogtail read.
// Bodies that cannot be decoded are HTTP 400 and unexpected failures HTTP 500, each logged, as in 4.2.5; every
// domain error becomes its fault.
import { BadName, ShutdownState } from "../../core/errors";
import type { DaemonApi } from "../../daemon/api";
import { decodeRequest, encodeFault, type XmlRpcValue, XmlRpcDecodeError } from "../codec";
import { faultOf } from "./faults";
import { base64AsText } from "./params";
import { MethodTable } from "./registry";
import { type KeptBody, ResponseMemo } from "./response-memo";
import { StructListAnswer } from "./struct-list-answer";
import { logMethods } from "./supervisor-logs";
import { processMethods } from "./supervisor-processes";
import { stateMethods } from "./supervisor-state";
import { systemMethods } from "./system";

/** The response body: text, or a kept answer's UTF-8 bytes (response-memo.ts). */
export type RpcOutcome = { status: 200; xml: string | KeptBody } | { status: 400 | 500 };

export interface RpcLogger {
  error(msg: string): void;
  critical(msg: string): void;
  trace(msg: string): void;
}

export interface RpcEndpoint {
  handle(body: string): Promise<RpcOutcome>;
  /** The file behind /logtail/NAME/CHANNEL, or null (no such process or channel, or no log file): HTTP 404. */
  processLogFile(name: string, channel: string): string | null;
  mainLogFile(): string | null;
  /** The method table, for in-process callers and tests. */
  readonly methods: MethodTable;
}

export function buildMethodTable(daemon: DaemonApi): MethodTable {
  const table = new MethodTable();
  table.add("supervisor", { ...stateMethods(daemon), ...processMethods(daemon), ...logMethods(daemon) });
  table.add("system", systemMethods(table));
  return table;
}

/** Python's %r of the request body, as 4.2.5's log lines show it (bounded: a body can be megabytes). */
function bodyForLog(body: string): string {
  return JSON.stringify(body.length > 2000 ? `${body.slice(0, 2000)}...` : body);
}

/** A lookup that answers null where 4.2.5's logtail handler answers 404. */
function quietly(find: () => string | null): string | null {
  try {
    return find();
  } catch (err) {
    if (err instanceof BadName || err instanceof ShutdownState) return null;
    throw err;
  }
}

/** Large answers that clients poll for, without parameters: reused while unchanged (response-memo.ts). */
const COMPARED = new Set(["supervisor.getAllConfigInfo", "system.listMethods"]);
/** Their structs differ from one second to the next only in these members (struct-list-answer.ts). */
const VOLATILE = new Set(["now", "description"]);
/** The events after which getAllProcessInfo may answer differently. */
const INVALIDATING = ["PROCESS_STATE", "PROCESS_GROUP", "SUPERVISOR_STATE_CHANGE"];

/** `wallMs` is the clock whose seconds a kept answer lives for: the daemon's wall clock (tests pass a fake one). */
export function createRpcEndpoint(daemon: DaemonApi, logger: RpcLogger, wallMs: () => number = Date.now): RpcEndpoint {
  const methods = buildMethodTable(daemon);
  const processInfo = new StructListAnswer(VOLATILE);
  const memo = new ResponseMemo(COMPARED, new Map([["supervisor.getAllProcessInfo", (v) => processInfo.encode(v as XmlRpcValue[])]]), wallMs);
  for (const type of INVALIDATING) daemon.subscribe(type, () => memo.invalidate());
  return {
    methods,
    async handle(body) {
      let method: string;
      let params: XmlRpcValue[];
      try {
        ({ method, params } = decodeRequest(body));
        params = params.map(base64AsText);
      } catch (err) {
        if (!(err instanceof XmlRpcDecodeError || err instanceof TypeError)) throw err;
        logger.error(`XML-RPC request data ${bodyForLog(body)} is invalid: ${err.message}`);
        return { status: 400 };
      }
      try {
        logger.trace(`XML-RPC method called: ${method}()`);
        const reused = params.length === 0 ? memo.reuse(method) : null;
        if (reused) {
          daemon.state(); // still refused while shutting down (SHUTDOWN_STATE), as when computed
          return { status: 200, xml: reused };
        }
        const stamp = memo.stamp();
        const value = await methods.call(method, params);
        logger.trace(`XML-RPC method ${method}() returned successfully`);
        return { status: 200, xml: memo.encode(method, value, stamp) };
      } catch (err) {
        const fault = faultOf(err);
        if (fault) {
          logger.trace(`XML-RPC method ${method}() returned fault: [${fault.faultCode}] ${fault.faultString}`);
          return { status: 200, xml: encodeFault(fault.faultCode, fault.faultString) };
        }
        logger.critical(
          `Handling XML-RPC request with data ${bodyForLog(body)} raised an unexpected exception: ${(err as Error)?.stack ?? err}`,
        );
        return { status: 500 };
      }
    },
    processLogFile(name, channel) {
      if (channel !== "stdout" && channel !== "stderr") return null;
      return quietly(() => daemon.processLogPath(name, channel));
    },
    mainLogFile() {
      return quietly(() => daemon.mainLogPath());
    },
  };
}

