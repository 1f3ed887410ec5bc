// supervisor.*: reading, tailing and clearing the child logs, with 4.2.5's offset rules (src/logs/read-tail.ts).
import { readLog, tailLog } from "../../logs/read-tail";
import type { DaemonApi, Stream } from "../../daemon/api";
import { asInt, asString } from "./params";
import type { MethodDef } from "./registry";
import { outcomeStructs } from "./results";
import { method } from "./supervisor-state";

export function logMethods(d: DaemonApi): Record<string, MethodDef> {
  const read = (helpKey: string, stream: Stream) =>
    method(helpKey, ["name", "offset", "length"], ([name, offset, length]) =>
      readLog(d.processLogPath(asString(name), stream), asInt(offset), asInt(length)),
    );
  const tail = (helpKey: string, stream: Stream) =>
    method(helpKey, ["name", "offset", "length"], ([name, offset, length]) =>
      tailLog(d.processLogPath(asString(name), stream), asInt(offset), asInt(length)),
    );
  const clear = method("clearProcessLogs", ["name"], ([name]) => d.clearProcessLogs(asString(name)));
  const readStdout = read("readProcessStdoutLog", "stdout");
  const tailStdout = tail("tailProcessStdoutLog", "stdout");
  return {
    readProcessStdoutLog: readStdout,
    readProcessLog: readStdout,
    readProcessStderrLog: read("readProcessStderrLog", "stderr"),
    tailProcessStdoutLog: tailStdout,
    tailProcessLog: tailStdout,
    tailProcessStderrLog: tail("tailProcessStderrLog", "stderr"),
    clearProcessLogs: clear,
    clearProcessLog: clear,
    clearAllProcessLogs: method("clearAllProcessLogs", [], () => outcomeStructs(d.clearAllProcessLogs())),
  };
}
