import { expect, test } from "bun:test";
import type { ProcessConfig, ProcessGroupConfig, StreamConfig } from "../../../../src/config/types";
import { rig } from "./call";

const stream = (logfile: StreamConfig["logfile"]): StreamConfig => ({
  logfile, logfileMaxbytes: 1024, logfileBackups: 2, captureMaxbytes: 0, eventsEnabled: false, syslog: false,
});

function program(name: string, over: Partial<ProcessConfig> = {}): ProcessConfig {
  return {
    name, programName: name, processNum: 0, command: `/bin/${name}`, argv: [`/bin/${name}`], uid: null, gid: null,
    user: null, directory: null, umask: null, priority: 999, autostart: true, autorestart: "unexpected",
    startsecs: 1, startretries: 3, stdout: stream({ kind: "auto" }), stderr: stream({ kind: "none" }),
    stopsignal: "TERM", stopwaitsecs: 10, stopasgroup: false, killasgroup: false, exitcodes: [0],
    redirectStderr: false, environment: {}, serverurl: null, origin: { file: "x.conf", line: 1 }, ...over,
  };
}

function group(name: string, processes: ProcessConfig[]): ProcessGroupConfig {
  return { kind: "program", name, priority: 5, processes };
}

test("getAllConfigInfo: 4.2.5's keys and order, 'none' for unset, AUTO logs named once active", async () => {
  const r = rig();
  const cat = program("cat", { directory: "/tmp", uid: 33, stopsignal: "HUP" });
  r.daemon.configEntries = [
    { group: group("cat", [cat]), process: cat, inuse: true },
    { group: group("idle", [program("idle")]), process: program("idle"), inuse: false },
  ];
  r.daemon.logPaths.set("cat:cat/stdout", "/logs/cat-stdout---supervisor-x.log");
  const [active, idle] = (await r.call("supervisor.getAllConfigInfo")) as Record<string, unknown>[];
  expect(Object.keys(active)).toEqual([
    "autostart", "directory", "uid", "command", "exitcodes", "group", "group_prio", "inuse", "killasgroup", "name",
    "process_prio", "redirect_stderr", "startretries", "startsecs", "stdout_capture_maxbytes", "stdout_events_enabled",
    "stdout_logfile", "stdout_logfile_backups", "stdout_logfile_maxbytes", "stdout_syslog", "stopsignal",
    "stopwaitsecs", "stderr_capture_maxbytes", "stderr_events_enabled", "stderr_logfile", "stderr_logfile_backups",
    "stderr_logfile_maxbytes", "stderr_syslog", "serverurl",
  ]);
  expect(active).toMatchObject({
    directory: "/tmp", uid: 33, command: "/bin/cat", group_prio: 5, inuse: true, stopsignal: 1,
    stdout_logfile: "/logs/cat-stdout---supervisor-x.log", stderr_logfile: "none", serverurl: "none",
  });
  expect(idle).toMatchObject({ directory: "none", uid: "none", inuse: false, stdout_logfile: "auto", stopsignal: 15 });
});
