// The structs supervisor.* returns, built with 4.2.5's keys in 4.2.5's order (the encoder writes members in
// insertion order, and clients that print raw responses see that order).
import { Faults } from "../../core/faults";
import type { ProcessInfo, ProcessOutcome } from "../../daemon/api";
import type { XmlRpcStruct } from "../codec";
import { faultOrFailed } from "./faults";

export function infoStruct(p: ProcessInfo): XmlRpcStruct {
  return {
    name: p.name,
    group: p.group,
    start: p.start,
    stop: p.stop,
    now: p.now,
    state: p.state,
    statename: p.statename,
    spawnerr: p.spawnerr,
    exitstatus: p.exitstatus,
    logfile: p.logfile,
    stdout_logfile: p.stdout_logfile,
    stderr_logfile: p.stderr_logfile,
    pid: p.pid,
    description: p.description,
  };
}

/** One line of a group or all-processes result: SUCCESS "OK", or the fault that process met. */
export function outcomeStruct(o: ProcessOutcome): XmlRpcStruct {
  if (o.error === null) return { name: o.name, group: o.group, status: Faults.SUCCESS, description: "OK" };
  const fault = faultOrFailed(o.error);
  return { name: o.name, group: o.group, status: fault.faultCode, description: fault.faultString };
}

export function outcomeStructs(list: readonly ProcessOutcome[]): XmlRpcStruct[] {
  return list.map(outcomeStruct);
}

