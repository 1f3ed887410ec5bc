// supervisor.*: supervisord's identity and state, its main log, its lifecycle and its configuration.
import { readLog } from "../../logs/read-tail";
import type { DaemonApi } from "../../daemon/api";
import { HELP } from "./help-texts";
import { asInt, asString } from "./params";
import type { Handler, MethodDef } from "./registry";

export const API_VERSION = "3.0";
/** What getSupervisorVersion reports: the 4.2.5 release whose wire contract we keep (clients branch on it). */
export const SUPERVISOR_VERSION = "4.2.5";

export function method(helpKey: string, params: readonly string[], run: Handler): MethodDef {
  const help = HELP[`supervisor.${helpKey}`];
  if (help === undefined) throw new Error(`no help text for supervisor.${helpKey}`);
  return { help, params, run };
}

export function stateMethods(d: DaemonApi): Record<string, MethodDef> {
  // 4.2.5 refuses every call but a few while shutting down; state() is the daemon's check (SHUTDOWN_STATE).
  const apiVersion = method("getAPIVersion", [], () => (d.state(), API_VERSION));
  const mainLog = method("readLog", ["offset", "length"], ([offset, length]) =>
    readLog(d.mainLogPath(), asInt(offset), asInt(length)),
  );
  return {
    getAPIVersion: apiVersion,
    getVersion: apiVersion, // 4.2.5's alias from before 3.0, with the same help text
    getSupervisorVersion: method("getSupervisorVersion", [], () => (d.state(), SUPERVISOR_VERSION)),
    getIdentification: method("getIdentification", [], () => d.identification()),
    getState: method("getState", [], () => d.state()),
    getPID: method("getPID", [], () => d.pid()),
    readLog: mainLog,
    readMainLog: mainLog,
    clearLog: method("clearLog", [], () => (d.clearMainLog(), true)),
    shutdown: method("shutdown", [], () => d.shutdown()),
    restart: method("restart", [], () => d.restart()),
    reloadConfig: method("reloadConfig", [], async () => {
      const diff = await d.reloadConfig();
      return [[diff.added, diff.changed, diff.removed]];
    }),
    addProcessGroup: method("addProcessGroup", ["name"], ([name]) => d.addProcessGroup(asString(name))),
    removeProcessGroup: method("removeProcessGroup", ["name"], ([name]) => d.removeProcessGroup(asString(name))),
  };
}
