// The side-by-side scenario: the programs both daemons run, and the XML-RPC calls made on each, in order. Every
// method of 4.2.5 is called, with its success and fault paths. Waits are state polls ("until"), never sleeps.
import { METHODS_4_2_5 } from "../../support/rpc-methods";

/** The main config; {DIR} is the daemon's folder, {PORT} its TCP port. Programs live in an include, so a step can
 * rewrite them for reloadConfig without knowing the port. */
export const MAIN_CONFIG = `[supervisord]
logfile={DIR}/supervisord.log
pidfile={DIR}/supervisord.pid
childlogdir={DIR}
identifier=compat

[unix_http_server]
file={DIR}/rpc.sock

[inet_http_server]
port=127.0.0.1:{PORT}
username=user
password={SHA}9d4e1e23bd5b727046a9e3b4b7db57bd8d6ee684

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[include]
files = {DIR}/programs.ini
`;

// ticker keeps 4.2.5's select loop awake: its deferred calls (waits, multicall, clearAllProcessLogs) advance one
// step per wake-up, which is once a second on an idle daemon. It changes no answer, only how long 4.2.5 takes.
const PROGRAMS = `[program:ticker]
command=sh -c 'while :; do echo tick; sleep 0.02; done'
startsecs=0
stdout_logfile=NONE

[program:cat]
command=cat
startsecs=0

[program:err]
command=sh -c 'echo to-stdout; echo to-stderr >&2; exec sleep 1000'
startsecs=0

[program:late]
command=forever
autostart=false
startsecs=0

[program:slow]
command=forever
autostart=false
startsecs=1

[program:quick_exit]
command=exit-with 3
autostart=false
startsecs=1
startretries=0

[program:missing]
command=/nonexistent/prog
autostart=false

[program:multi]
command=forever
numprocs=2
process_name=%(program_name)s_%(process_num)s
autostart=false
startsecs=0

[program:g1]
command=forever
startsecs=0

[program:g2]
command=forever
startsecs=0
priority=5

[group:grp]
programs=g1,g2
`;

export const INITIAL_PROGRAMS = PROGRAMS;
/** After the edit: "late" is gone, "added" is new, "slow" changed. */
const EDITED_PROGRAMS = PROGRAMS.replace(/\[program:late\][^[]*/, "").replace(
  "[program:slow]\ncommand=forever\n",
  "[program:slow]\ncommand=forever\nstopwaitsecs=3\n",
) + "\n[program:added]\ncommand=forever\nstartsecs=0\n";

export type Step =
  | { label: string; method: string; params?: unknown[]; inet?: boolean }
  | { label: string; auth: string; method: string; params?: unknown[] }
  | { label: string; write: string; text: string }
  | { label: string; until: string; params?: unknown[]; path: (string | number)[]; equals: unknown; seconds?: number };

const call = (label: string, method: string, ...params: unknown[]): Step => ({ label, method, params });
const running = (name: string): Step => ({
  label: `until ${name} RUNNING`, until: "supervisor.getProcessInfo", params: [name], path: ["statename"], equals: "RUNNING",
});

/**
 * How a step's result is compared when not exactly:
 *   volatile   differs between any two runs (a pid, the main log's text): compared by type only;
 *   unordered  4.2.5 lists per-process results in the order the processes finish, which is timing: sorted first;
 *   logfiles   after reloadConfig 4.2.5 reports every AUTO log as "auto" until the group is re-added, where we keep
 *              reporting the file in use (a documented difference): the log file fields are not compared.
 */
export type Rule = "volatile" | "unordered" | "logfiles";
export const RULES: Record<string, Rule> = {
  getPID: "volatile",
  readLog: "volatile",
  readMainLog: "volatile",
  stopAllProcesses: "unordered",
  startAllProcesses: "unordered",
  "startProcess multi:*": "unordered",
  "stopProcessGroup multi": "unordered",
  "startProcessGroup multi nowait": "unordered",
  "stopProcess multi:*": "unordered",
  "getAllConfigInfo after reload": "logfiles",
};


export const STEPS: Step[] = [
  ...["cat", "err", "grp:g1", "grp:g2"].map(running),
  // over TCP: basic auth in front of everything
  { label: "getState over TCP", method: "supervisor.getState", inet: true },
  { label: "getProcessInfo over TCP", method: "supervisor.getProcessInfo", params: ["cat"], inet: true },
  { label: "wrong password", auth: "user:wrong", method: "supervisor.getState" },
  { label: "wrong user", auth: "nobody:pass", method: "supervisor.getState" },
  { label: "right password", auth: "user:pass", method: "supervisor.getState" },
  // identity and introspection
  call("getAPIVersion", "supervisor.getAPIVersion"),
  call("getVersion", "supervisor.getVersion"),
  call("getSupervisorVersion", "supervisor.getSupervisorVersion"),
  call("getIdentification", "supervisor.getIdentification"),
  call("getState", "supervisor.getState"),
  call("getPID", "supervisor.getPID"),
  call("listMethods", "system.listMethods"),
  ...METHODS_4_2_5.map((m) => call(`methodHelp ${m}`, "system.methodHelp", m)),
  ...METHODS_4_2_5.map((m) => call(`methodSignature ${m}`, "system.methodSignature", m)),
  call("methodHelp unknown", "system.methodHelp", "supervisor.nope"),
  call("methodSignature unknown", "system.methodSignature", "nope"),
  // unknown methods and arity
  call("unknown method", "supervisor.nope"),
  call("unknown namespace", "nope.getPID"),
  call("three dotted parts", "supervisor.getPID.x"),
  call("private method", "supervisor._update", "x"),
  call("too many params", "supervisor.getPID", 1),
  call("too few params", "supervisor.getProcessInfo"),
  // process info
  call("getAllProcessInfo", "supervisor.getAllProcessInfo"),
  call("getProcessInfo cat", "supervisor.getProcessInfo", "cat"),
  call("getProcessInfo grp:g1", "supervisor.getProcessInfo", "grp:g1"),
  call("getProcessInfo never started", "supervisor.getProcessInfo", "late"),
  call("getProcessInfo nope", "supervisor.getProcessInfo", "nope"),
  call("getProcessInfo grp:nope", "supervisor.getProcessInfo", "grp:nope"),
  call("getProcessInfo grp:*", "supervisor.getProcessInfo", "grp:*"),
  call("getAllConfigInfo", "supervisor.getAllConfigInfo"),
  // starting
  call("startProcess late nowait", "supervisor.startProcess", "late", false),
  call("startProcess late again", "supervisor.startProcess", "late"),
  call("startProcess slow wait", "supervisor.startProcess", "slow", true),
  call("startProcess quick_exit", "supervisor.startProcess", "quick_exit"),
  call("getProcessInfo quick_exit", "supervisor.getProcessInfo", "quick_exit"),
  call("startProcess missing", "supervisor.startProcess", "missing"),
  call("startProcess nope", "supervisor.startProcess", "nope"),
  call("startProcess multi:*", "supervisor.startProcess", "multi:*"),
  call("startProcessGroup multi (all running)", "supervisor.startProcessGroup", "multi"),
  call("startProcessGroup nope", "supervisor.startProcessGroup", "nope"),
  call("startProcess nope:*", "supervisor.startProcess", "nope:*"),
  // stopping
  call("stopProcess late", "supervisor.stopProcess", "late"),
  call("stopProcess late again", "supervisor.stopProcess", "late"),
  call("getProcessInfo stopped", "supervisor.getProcessInfo", "late"),
  call("stopProcessGroup multi", "supervisor.stopProcessGroup", "multi"),
  call("stopProcessGroup multi again", "supervisor.stopProcessGroup", "multi", true),
  call("stopProcess multi:multi_0 (stopped)", "supervisor.stopProcess", "multi:multi_0", false),
  call("stopProcess nope", "supervisor.stopProcess", "nope"),
  call("startProcessGroup multi nowait", "supervisor.startProcessGroup", "multi", false),
  call("stopProcess multi:*", "supervisor.stopProcess", "multi:*"),
  // signals (WINCH is ignored by sleep, so nothing changes state)
  call("signalProcess cat WINCH", "supervisor.signalProcess", "cat", "WINCH"),
  call("signalProcess cat 28", "supervisor.signalProcess", "cat", 28),
  call("signalProcess cat SIGWINCH", "supervisor.signalProcess", "cat", "SIGWINCH"),
  call("signalProcess bad signal", "supervisor.signalProcess", "cat", "FOO"),
  call("signalProcess stopped", "supervisor.signalProcess", "late", "HUP"),
  call("signalProcess grp:*", "supervisor.signalProcess", "grp:*", "WINCH"),
  call("signalProcessGroup grp", "supervisor.signalProcessGroup", "grp", "WINCH"),
  call("signalProcessGroup grp bad", "supervisor.signalProcessGroup", "grp", "FOO"),
  call("signalProcessGroup nope", "supervisor.signalProcessGroup", "nope", "HUP"),
  call("signalAllProcesses", "supervisor.signalAllProcesses", "WINCH"),
  // stdin and remote events
  call("sendProcessStdin cat", "supervisor.sendProcessStdin", "cat", "hello\n"),
  call("sendProcessStdin cat base64", "supervisor.sendProcessStdin", "cat", { base64: btoa("b64\n") }),
  call("sendProcessStdin not running", "supervisor.sendProcessStdin", "late", "x"),
  call("sendProcessStdin int", "supervisor.sendProcessStdin", "cat", 5),
  call("sendProcessStdin nope", "supervisor.sendProcessStdin", "nope", "x"),
  call("sendRemoteCommEvent", "supervisor.sendRemoteCommEvent", "type", "data"),
  { label: "until cat echoed", until: "supervisor.tailProcessStdoutLog", params: ["cat", 0, 100], path: [0], equals: "hello\nb64\n" },
  // logs
  call("readProcessStdoutLog err", "supervisor.readProcessStdoutLog", "err", 0, 0),
  call("readProcessLog err", "supervisor.readProcessLog", "err", 3, 4),
  call("readProcessStderrLog err", "supervisor.readProcessStderrLog", "err", 0, 0),
  call("readProcessStdoutLog negative offset", "supervisor.readProcessStdoutLog", "err", -4, 0),
  call("readProcessStdoutLog past the end", "supervisor.readProcessStdoutLog", "err", 100, 5),
  call("readProcessStdoutLog bad arguments", "supervisor.readProcessStdoutLog", "err", -4, 1),
  call("readProcessStdoutLog negative length", "supervisor.readProcessStdoutLog", "err", 0, -1),
  call("readProcessStdoutLog string offset", "supervisor.readProcessStdoutLog", "err", "2", 0),
  call("readProcessStdoutLog no file", "supervisor.readProcessStdoutLog", "missing", 0, 0),
  call("readProcessStdoutLog group", "supervisor.readProcessStdoutLog", "grp:*", 0, 0),
  call("tailProcessStdoutLog overflow", "supervisor.tailProcessStdoutLog", "err", 0, 3),
  call("tailProcessLog all", "supervisor.tailProcessLog", "err", 0, 100),
  call("tailProcessStdoutLog at end", "supervisor.tailProcessStdoutLog", "err", 10, 100),
  call("tailProcessStdoutLog beyond end", "supervisor.tailProcessStdoutLog", "err", 50, 5),
  call("tailProcessStderrLog", "supervisor.tailProcessStderrLog", "err", 0, 5),
  call("tailProcessStdoutLog no file", "supervisor.tailProcessStdoutLog", "missing", 0, 10),
  call("tailProcessStdoutLog nope", "supervisor.tailProcessStdoutLog", "nope", 0, 10),
  call("readLog", "supervisor.readLog", 0, 0),
  call("readMainLog", "supervisor.readMainLog", -20, 0),
  call("readLog bad arguments", "supervisor.readLog", -5, 5),
  call("clearProcessLogs err", "supervisor.clearProcessLogs", "err"),
  call("readProcessStdoutLog cleared", "supervisor.readProcessStdoutLog", "err", 0, 0),
  call("clearProcessLog nope", "supervisor.clearProcessLog", "nope"),
  call("clearAllProcessLogs", "supervisor.clearAllProcessLogs"),
  call("clearLog", "supervisor.clearLog"),
  // multicall
  call("multicall", "system.multicall", [
    { methodName: "supervisor.getAPIVersion", params: [] },
    { methodName: "supervisor.getProcessInfo", params: ["nope"] },
    { methodName: "supervisor.startProcess", params: ["late"] },
    { methodName: "supervisor.stopProcess", params: ["late"] },
    { params: [] },
    { methodName: "system.multicall", params: [[]] },
    { methodName: 5 },
    { methodName: "supervisor.getState" },
    { methodName: "supervisor.getPID", params: 5 },
    { methodName: "supervisor.nope" },
  ]),
  call("multicall empty", "system.multicall", []),
  call("multicall not an array", "system.multicall", { a: 1 }),
  // configuration
  call("reloadConfig unchanged", "supervisor.reloadConfig"),
  { label: "edit programs", write: "programs.ini", text: EDITED_PROGRAMS },
  call("reloadConfig edited", "supervisor.reloadConfig"),
  call("getAllConfigInfo after reload", "supervisor.getAllConfigInfo"),
  call("addProcessGroup added", "supervisor.addProcessGroup", "added"),
  call("addProcessGroup again", "supervisor.addProcessGroup", "added"),
  call("addProcessGroup nope", "supervisor.addProcessGroup", "nope"),
  running("added"),
  call("removeProcessGroup running", "supervisor.removeProcessGroup", "added"),
  call("removeProcessGroup late", "supervisor.removeProcessGroup", "late"),
  call("removeProcessGroup nope", "supervisor.removeProcessGroup", "nope"),
  call("getAllProcessInfo after update", "supervisor.getAllProcessInfo"),
  // everything at once
  call("stopAllProcesses", "supervisor.stopAllProcesses"),
  call("stopAllProcesses again", "supervisor.stopAllProcesses"),
  call("startAllProcesses", "supervisor.startAllProcesses", true),
  call("startProcessGroup grp (all running)", "supervisor.startProcessGroup", "grp"),
  // restart, then shutdown
  call("restart", "supervisor.restart"),
  { label: "until running again", until: "supervisor.getState", path: ["statename"], equals: "RUNNING", seconds: 20 },
  ...["cat", "err", "grp:g1", "grp:g2"].map(running),
  call("getAllProcessInfo after restart", "supervisor.getAllProcessInfo"),
  call("shutdown", "supervisor.shutdown"),
];
