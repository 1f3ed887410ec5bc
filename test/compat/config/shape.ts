// The JSON shape the differential test compares: what dump_reference.py prints for the reference, built here from
// our Config. Names and encodings are the reference's (snake_case, signal numbers, "AUTO" log files).
import { signalNumber } from "../../../src/config";
import type { Config, GroupConfig, HttpServerConfig, LogTarget, ProcessConfig } from "../../../src/config";

function logfile(t: LogTarget): string | null {
  return t.kind === "auto" ? "AUTO" : t.kind === "none" ? null : t.path;
}

function processShape(p: ProcessConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: p.name,
    command: p.command,
    argv: p.argv,
    uid: p.uid,
    directory: p.directory,
    umask: p.umask,
    priority: p.priority,
    autostart: p.autostart,
    autorestart: p.autorestart,
    startsecs: p.startsecs,
    startretries: p.startretries,
    stopsignal: signalNumber(p.stopsignal),
    stopwaitsecs: p.stopwaitsecs,
    stopasgroup: p.stopasgroup,
    killasgroup: p.killasgroup,
    exitcodes: p.exitcodes,
    redirect_stderr: p.redirectStderr,
    environment: p.environment,
    serverurl: p.serverurl,
  };
  for (const ch of ["stdout", "stderr"] as const) {
    const s = p[ch];
    out[`${ch}_logfile`] = logfile(s.logfile);
    out[`${ch}_capture_maxbytes`] = s.captureMaxbytes;
    out[`${ch}_events_enabled`] = s.eventsEnabled;
    out[`${ch}_syslog`] = s.syslog;
    out[`${ch}_logfile_backups`] = s.logfileBackups;
    out[`${ch}_logfile_maxbytes`] = s.logfileMaxbytes;
  }
  return out;
}

function groupShape(g: GroupConfig): Record<string, unknown> {
  const kind = g.kind === "eventlistener" ? "eventlistener" : g.kind === "fcgi-program" ? "fcgi" : "process";
  const out: Record<string, unknown> = { kind, name: g.name, priority: g.priority, processes: g.processes.map(processShape) };
  if (g.kind === "eventlistener") {
    out.buffer_size = g.bufferSize;
    out.events = g.events;
    out.result_handler = g.resultHandler;
  }
  if (g.kind === "fcgi-program") {
    const s = g.socket;
    out.socket =
      s.kind === "unix"
        ? { url: `unix://${s.path}`, backlog: s.backlog, mode: s.mode, owner: s.owner ? [s.owner.uid, s.owner.gid] : null }
        : { url: `tcp://${s.host}:${s.port}`, backlog: s.backlog };
  }
  return out;
}

function serverShape(s: HttpServerConfig): Record<string, unknown> {
  const common = { section: s.section, name: s.name, username: s.username, password: s.password };
  if (s.kind === "inet") return { family: "inet", ...common, host: s.host, port: s.port };
  return { family: "unix", ...common, file: s.file, chmod: s.chmod, chown: s.chown ? [s.chown.uid, s.chown.gid] : null };
}

export function configShape(c: Config): Record<string, unknown> {
  const s = c.supervisord;
  return {
    supervisord: {
      logfile: s.logfile,
      pidfile: s.pidfile,
      logfile_maxbytes: s.logfileMaxbytes,
      logfile_backups: s.logfileBackups,
      loglevel: s.loglevel,
      umask: s.umask,
      nodaemon: s.nodaemon,
      silent: s.silent,
      minfds: s.minfds,
      minprocs: s.minprocs,
      nocleanup: s.nocleanup,
      childlogdir: s.childlogdir,
      user: s.user,
      uid: s.uid,
      gid: s.gid,
      directory: s.directory,
      strip_ansi: s.stripAnsi,
      environment: s.environment,
      identifier: s.identifier,
      serverurl: s.serverurl,
    },
    rpcinterfaces: c.rpcinterfaces.map((r) => [r.name, r.factory, r.options]),
    groups: c.groups.map(groupShape),
    supervisorctl: {
      serverurl: c.supervisorctl.serverurl,
      prompt: c.supervisorctl.prompt,
      username: c.supervisorctl.username,
      password: c.supervisorctl.password,
      history_file: c.supervisorctl.historyFile,
    },
    warnings: c.warnings,
    http_servers: c.httpServers.map(serverShape),
  };
}
