// Typed Config objects for daemon unit tests, built in code so a test states only what it cares about.
import type { Config, ProcessConfig, ProcessGroupConfig, StreamConfig } from "../../src/config/types";

const stream = (): StreamConfig => ({
  logfile: { kind: "none" },
  logfileMaxbytes: 0,
  logfileBackups: 0,
  captureMaxbytes: 0,
  eventsEnabled: false,
  syslog: false,
});

export function programConfig(name: string, over: Partial<ProcessConfig> = {}): ProcessConfig {
  const command = over.command ?? `/bin/${name}`;
  return {
    name,
    programName: name,
    processNum: 0,
    command,
    argv: command.split(" "),
    uid: null,
    gid: null,
    user: null,
    directory: null,
    umask: null,
    priority: 999,
    autostart: true,
    autorestart: "unexpected",
    startsecs: 1,
    startretries: 3,
    stdout: stream(),
    stderr: stream(),
    stopsignal: "TERM",
    stopwaitsecs: 10,
    stopasgroup: false,
    killasgroup: false,
    exitcodes: [0],
    redirectStderr: false,
    environment: {},
    serverurl: null,
    origin: { file: "/etc/supervisord.conf", line: 1 },
    ...over,
  };
}

export function programGroup(name: string, priority = 999, processes = [programConfig(name, { priority })]): ProcessGroupConfig {
  return { kind: "program", name, priority, processes };
}

export function configWith(groups: ProcessGroupConfig[], over: Partial<Config["supervisord"]> = {}): Config {
  return {
    file: "/etc/supervisord.conf",
    files: ["/etc/supervisord.conf"],
    supervisord: {
      logfile: "/tmp/supervisord.log",
      logfileMaxbytes: 0,
      logfileBackups: 0,
      loglevel: "info",
      pidfile: "/tmp/supervisord.pid",
      umask: 0o22,
      nodaemon: true,
      silent: false,
      minfds: 1024,
      minprocs: 200,
      nocleanup: false,
      childlogdir: "/tmp",
      user: null,
      uid: null,
      gid: null,
      directory: null,
      stripAnsi: false,
      environment: {},
      identifier: "supervisor",
      serverurl: "unix:///tmp/supervisor.sock",
      ...over,
    },
    supervisorctl: { serverurl: "unix:///tmp/supervisor.sock", username: null, password: null, prompt: "supervisor", historyFile: null },
    httpServers: [],
    rpcinterfaces: [],
    groups: [...groups].sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : 1)),
    warnings: [],
  };
}
