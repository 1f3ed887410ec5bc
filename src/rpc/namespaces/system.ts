// system.*: introspection over the method table, and multicall with 4.2.5's semantics: calls run one after the
// other (a call that waits holds back the rest), each result is the bare value or a fault struct, and one call's
// fault never fails the whole multicall.
import { DomainError } from "../../core/errors";
import type { XmlRpcStruct, XmlRpcValue } from "../codec";
import { faultOrFailed, PythonError } from "./faults";
import { HELP } from "./help-texts";
import { incorrectParameters } from "./params";
import type { MethodDef, MethodTable } from "./registry";

function isStruct(v: XmlRpcValue): v is XmlRpcStruct {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

/** Python's type name, for the AttributeError text 4.2.5 puts in a FAILED result. */
function pyTypeName(v: XmlRpcValue): string {
  if (v === null) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (Array.isArray(v)) return "list";
  if (v instanceof Date) return "datetime.datetime";
  return "dict";
}

async function callOne(table: MethodTable, call: XmlRpcStruct): Promise<XmlRpcValue> {
  const name = call.methodName ?? null;
  const params = call.params ?? [];
  if (name === null) throw incorrectParameters("No methodName");
  if (name === "system.multicall") throw incorrectParameters("Recursive system.multicall forbidden");
  if (typeof name !== "string") {
    throw new PythonError("AttributeError", `'${pyTypeName(name)}' object has no attribute 'split'`);
  }
  if (!Array.isArray(params)) {
    if (!table.has(name)) throw new DomainError("UNKNOWN_METHOD");
    throw incorrectParameters();
  }
  return table.call(name, params);
}

async function multicall(table: MethodTable, calls: XmlRpcValue): Promise<XmlRpcValue[]> {
  if (!Array.isArray(calls) || !calls.every(isStruct)) throw incorrectParameters();
  const results: XmlRpcValue[] = [];
  for (const call of calls) {
    try {
      results.push(await callOne(table, call));
    } catch (err) {
      results.push(faultOrFailed(err));
    }
  }
  return results;
}

export function systemMethods(table: MethodTable): Record<string, MethodDef> {
  return {
    listMethods: { help: HELP["system.listMethods"], params: [], run: () => table.names() },
    methodHelp: { help: HELP["system.methodHelp"], params: ["name"], run: ([name]) => table.help(name) },
    methodSignature: { help: HELP["system.methodSignature"], params: ["name"], run: ([name]) => table.signature(name) },
    multicall: { help: HELP["system.multicall"], params: ["calls"], run: ([calls]) => multicall(table, calls) },
  };
}
