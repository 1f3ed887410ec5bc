// getAllConfigInfo: one struct per configured process (groups flattened), with 4.2.5's keys in its order. XML-RPC
// has no null, so 4.2.5 sends unset values as the string "none" and not-yet-named AUTO log files as "auto".
import { makeNamespec } from "../../core/namespec";
import { signalNumber } from "../../core/signals";
import type { LogTarget } from "../../config/types";
import type { ConfigEntry, DaemonApi, Stream } from "../../daemon/api";
import type { XmlRpcStruct, XmlRpcValue } from "../codec";

function orNone(v: string | number | null): XmlRpcValue {
  return v === null ? "none" : v;
}

/** The log file as 4.2.5's config holds it: an active process's AUTO file has been named by then. */
function logfileOf(target: LogTarget, entry: ConfigEntry, stream: Stream, daemon: DaemonApi): string {
  if (target.kind === "none") return "none";
  if (target.kind === "file") return target.path;
  if (!entry.inuse) return "auto";
  const namespec = makeNamespec(entry.group.name, entry.process.name);
  return daemon.processLogPath(namespec, stream) ?? "auto";
}

export function configInfoStruct(entry: ConfigEntry, daemon: DaemonApi): XmlRpcStruct {
  const { group, process: p } = entry;
  return {
    autostart: p.autostart,
    directory: orNone(p.directory),
    uid: orNone(p.uid),
    command: p.command,
    exitcodes: p.exitcodes,
    group: group.name,
    group_prio: group.priority,
    inuse: entry.inuse,
    killasgroup: p.killasgroup,
    name: p.name,
    process_prio: p.priority,
    redirect_stderr: p.redirectStderr,
    startretries: p.startretries,
    startsecs: p.startsecs,
    stdout_capture_maxbytes: p.stdout.captureMaxbytes,
    stdout_events_enabled: p.stdout.eventsEnabled,
    stdout_logfile: logfileOf(p.stdout.logfile, entry, "stdout", daemon),
    stdout_logfile_backups: p.stdout.logfileBackups,
    stdout_logfile_maxbytes: p.stdout.logfileMaxbytes,
    stdout_syslog: p.stdout.syslog,
    stopsignal: signalNumber(p.stopsignal) ?? 15,
    stopwaitsecs: p.stopwaitsecs,
    stderr_capture_maxbytes: p.stderr.captureMaxbytes,
    stderr_events_enabled: p.stderr.eventsEnabled,
    stderr_logfile: logfileOf(p.stderr.logfile, entry, "stderr", daemon),
    stderr_logfile_backups: p.stderr.logfileBackups,
    stderr_logfile_maxbytes: p.stderr.logfileMaxbytes,
    stderr_syslog: p.stderr.syslog,
    serverurl: orNone(p.serverurl),
  };
}
