// supervisor.*: starting, stopping and signalling processes, and what is known about them. A name may be "x",
// "group:x" or "group:*"; for "group:*", startProcess, stopProcess and signalProcess answer as their group
// counterparts do (an array of per-process results), as 4.2.5 does.
import { BadName } from "../../core/errors";
import { splitNamespec } from "../../core/namespec";
import type { DaemonApi, ProcessOutcome } from "../../daemon/api";
import type { XmlRpcValue } from "../codec";
import { configInfoStruct } from "./config-info";
import { asString, incorrectParameters, pyStr, truthy } from "./params";
import type { MethodDef } from "./registry";
import { infoStruct, outcomeStructs } from "./results";
import { method } from "./supervisor-state";

function asSignal(v: XmlRpcValue): string | number {
  if (typeof v === "string" || typeof v === "number") return v;
  throw incorrectParameters();
}

/**
 * Runs `single` for a process name, or `group` for "group:*". A missing group is reported under the name the
 * caller gave ("BAD_NAME: web:*"), as 4.2.5 looks the name up before delegating.
 */
async function byName(
  name: XmlRpcValue,
  single: (n: string) => true | Promise<true>,
  group: (g: string) => ProcessOutcome[] | Promise<ProcessOutcome[]>,
): Promise<XmlRpcValue> {
  const n = asString(name);
  const spec = splitNamespec(n);
  if (spec.process !== null) return single(n);
  try {
    return outcomeStructs(await group(spec.group));
  } catch (err) {
    throw err instanceof BadName ? new BadName(n) : err;
  }
}

export function processMethods(d: DaemonApi): Record<string, MethodDef> {
  return {
    startProcess: method("startProcess", ["name", "wait?"], ([name, wait]) =>
      byName(name, (n) => d.startProcess(n, truthy(wait)), (g) => d.startGroup(g, truthy(wait))),
    ),
    startProcessGroup: method("startProcessGroup", ["name", "wait?"], async ([name, wait]) =>
      outcomeStructs(await d.startGroup(asString(name), truthy(wait))),
    ),
    startAllProcesses: method("startAllProcesses", ["wait?"], async ([wait]) =>
      outcomeStructs(await d.startAll(truthy(wait))),
    ),
    stopProcess: method("stopProcess", ["name", "wait?"], ([name, wait]) =>
      byName(name, (n) => d.stopProcess(n, truthy(wait)), (g) => d.stopGroup(g, truthy(wait))),
    ),
    stopProcessGroup: method("stopProcessGroup", ["name", "wait?"], async ([name, wait]) =>
      outcomeStructs(await d.stopGroup(asString(name), truthy(wait))),
    ),
    stopAllProcesses: method("stopAllProcesses", ["wait?"], async ([wait]) =>
      outcomeStructs(await d.stopAll(truthy(wait))),
    ),
    signalProcess: method("signalProcess", ["name", "signal"], ([name, signal]) =>
      byName(name, (n) => d.signalProcess(n, asSignal(signal)), (g) => d.signalGroup(g, asSignal(signal))),
    ),
    signalProcessGroup: method("signalProcessGroup", ["name", "signal"], ([name, signal]) =>
      outcomeStructs(d.signalGroup(asString(name), asSignal(signal))),
    ),
    signalAllProcesses: method("signalAllProcesses", ["signal"], ([signal]) =>
      outcomeStructs(d.signalAll(asSignal(signal))),
    ),
    getProcessInfo: method("getProcessInfo", ["name"], ([name]) => infoStruct(d.processInfo(asString(name)))),
    getAllProcessInfo: method("getAllProcessInfo", [], () => d.allProcessInfo().map(infoStruct)),
    getAllConfigInfo: method("getAllConfigInfo", [], () => d.configInfo().map((e) => configInfoStruct(e, d))),
    sendProcessStdin: method("sendProcessStdin", ["name", "chars"], ([name, chars]) => {
      d.state(); // SHUTDOWN_STATE comes before the type check in 4.2.5
      if (typeof chars !== "string") throw incorrectParameters(pyStr(chars));
      return d.sendProcessStdin(asString(name), chars);
    }),
    // 4.2.5 accepts any values here and never refuses, not even while shutting down.
    sendRemoteCommEvent: method("sendRemoteCommEvent", ["type", "data"], ([type, data]) =>
      d.sendRemoteCommEvent(pyStr(type), pyStr(data)),
    ),
  };
}
