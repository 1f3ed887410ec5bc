// Event listener scenarios, written once: test/e2e/events.test.ts runs them on our daemon and checks what the
// listener recorded; test/compat/events.test.ts runs each on the reference too and compares the two records with
// serials, pids and times masked. The recording listener is test/fixtures/bin/listener-py, built on 4.2.5's own
// supervisor.childutils, so the reference's client code is what talks to our daemon.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Flavour, DaemonRun } from "./daemon";
import { SUPERVISORCTL } from "./paths";
import { REFERENCE_SITE, refBin } from "./reference";
import { run } from "./run";
import { makeTmpDir } from "./tmp";
import { waitFor } from "./wait";

export interface Received {
  headers: Record<string, string>;
  payload: string;
}

export interface ScenarioRun {
  dir: string;
  daemon: DaemonRun;
  /** What the listener recorded so far. */
  received(): Received[];
  ctl(...args: string[]): Promise<string>;
  /** Calls supervisor.<method> over XML-RPC (several calls in one system.multicall when given several). */
  rpc(calls: [string, ...unknown[]][]): Promise<string>;
}

export interface EventScenario {
  name: string;
  /** The [eventlistener:rec] keys beyond command=, and the rest of the config. */
  listener: string;
  /** The listener's startsecs (0 unless the scenario needs 4.2.5's order of STARTING and RUNNING). */
  listenerStartsecs?: number;
  /** Arguments to listener-py after its output file. */
  mode?: string;
  programs?: string;
  /** Drives the daemon, and waits until the listener holds everything the scenario is about. */
  drive(s: ScenarioRun): Promise<void>;
}

const SITE = REFERENCE_SITE ?? "/nonexistent-reference-site";

function sections(dir: string, s: EventScenario): string {
  return (
    `[unix_http_server]\nfile=${dir}/supervisor.sock\n` +
    "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n" +
    `[supervisorctl]\nserverurl=unix://${dir}/supervisor.sock\n` +
    `[eventlistener:rec]\ncommand=listener-py ${dir}/received.jsonl ${s.mode ?? "ok"}\n` +
    `environment=PYTHONPATH="${SITE}"\nstartsecs=${s.listenerStartsecs ?? 0}\n${s.listener}\n` +
    (s.programs ?? "")
  );
}

export function readReceived(file: string): Received[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Received);
}

/** Serials, pids, tick times and the pool's serial vary from run to run (and a pid's width changes len); the rest
 * must not. */
export function masked(events: Received[]): string[] {
  return events.map((e) => {
    const len = /pid:\d/.test(e.payload) ? "L" : e.headers.len!;
    const h = { ...e.headers, serial: "S", poolserial: "P", len };
    const header = Object.entries(h)
      .map(([k, v]) => `${k}:${v}`)
      .join(" ");
    return `${header}\n${e.payload.replace(/pid:\d+/g, "pid:N").replace(/when:\d+/g, "when:T")}`;
  });
}

export async function runScenario(s: EventScenario, flavour: Flavour, started: number[], cleanups: (() => void)[]) {
  const tmp = makeTmpDir("sv-events-");
  cleanups.push(tmp.cleanup);
  const cfg = { dir: tmp.dir, file: join(tmp.dir, "supervisord.conf") };
  writeFileSync(
    cfg.file,
    `[supervisord]\nlogfile=${cfg.dir}/supervisord.log\npidfile=${cfg.dir}/supervisord.pid\nchildlogdir=${cfg.dir}\n` +
      sections(cfg.dir, s),
  );
  const daemon = new DaemonRun(cfg.dir, cfg.file, flavour);
  started.push(daemon.proc.pid);
  const env: Record<string, string> = flavour === "reference" && REFERENCE_SITE ? { PYTHONPATH: REFERENCE_SITE } : {};
  const ctlBin = flavour === "ours" ? SUPERVISORCTL : refBin("supervisorctl");
  const file = join(cfg.dir, "received.jsonl");
  const sr: ScenarioRun = {
    dir: cfg.dir,
    daemon,
    received: () => readReceived(file),
    ctl: async (...args) => (await run([ctlBin, "-c", cfg.file, ...args], { env, timeoutMs: 45_000 })).stdout,
    rpc: async (calls) => {
      const script =
        "import sys, json\nfrom supervisor.xmlrpc import SupervisorTransport\nimport xmlrpc.client as x\n" +
        `t = SupervisorTransport(None, None, 'unix://${cfg.dir}/supervisor.sock')\n` +
        "p = x.ServerProxy('http://127.0.0.1', transport=t)\n" +
        "calls = json.loads(sys.argv[1])\n" +
        "r = p.system.multicall([{'methodName': 'supervisor.' + c[0], 'params': c[1:]} for c in calls])\n" +
        "print(json.dumps(r))\n";
      const r = await run(["python3", "-c", script, JSON.stringify(calls)], { env: { PYTHONPATH: SITE }, timeoutMs: 45_000 });
      if (r.exitCode !== 0) throw new Error(`rpc exit ${r.exitCode}: ${r.stderr}`);
      return r.stdout;
    },
  };
  await daemon.waitForLine("success: rec entered RUNNING state", 45_000);
  await s.drive(sr);
  const recorded = sr.received();
  const status = await daemon.stop();
  return { recorded, status, log: daemon.messages() };
}

/** Waits until the listener has recorded an event whose name (and payload, when given) matches. */
export async function until(sr: ScenarioRun, eventname: string, payload?: RegExp, count = 1): Promise<void> {
  await waitFor(
    `${count} × ${eventname} ${payload ?? ""}`,
    () =>
      sr.received().filter((e) => e.headers.eventname === eventname && (!payload || payload.test(e.payload))).length >=
      count,
    { timeoutMs: 45_000 },
  );
}

export const SCENARIOS: EventScenario[] = [
  {
    name: "a start reaching RUNNING",
    listener: "events=PROCESS_STATE",
    listenerStartsecs: 1,
    programs: "[program:app]\ncommand=forever\nstartsecs=1\n",
    drive: (sr) => until(sr, "PROCESS_STATE_RUNNING", /processname:app /),
  },
  {
    name: "a crash through BACKOFF to FATAL",
    listener: "events=PROCESS_STATE_STARTING,PROCESS_STATE_BACKOFF,PROCESS_STATE_FATAL",
    programs: "[program:crash]\ncommand=exit-with 3\nstartsecs=10\nstartretries=1\n",
    drive: (sr) => until(sr, "PROCESS_STATE_FATAL"),
  },
  {
    name: "a stop",
    listener: "events=PROCESS_STATE_STOPPING,PROCESS_STATE_STOPPED,PROCESS_STATE_EXITED",
    programs: "[program:app]\ncommand=forever\nstartsecs=0\n",
    drive: async (sr) => {
      await sr.daemon.waitForLine("success: app entered RUNNING state");
      await sr.ctl("stop", "app");
      await until(sr, "PROCESS_STATE_STOPPED");
    },
  },
  {
    name: "log events and an expected exit",
    listener: "events=PROCESS_LOG,PROCESS_STATE_EXITED",
    programs:
      "[program:talker]\ncommand=sh -c 'echo out line; sleep 0.2; echo err line >&2; sleep 0.3'\nstartsecs=0\nautorestart=false\n" +
      "stdout_events_enabled=true\nstderr_events_enabled=true\n",
    drive: (sr) => until(sr, "PROCESS_STATE_EXITED"),
  },
  {
    name: "supervisord stopping",
    listener: "events=SUPERVISOR_STATE_CHANGE",
    // Listeners stop last: while this program takes its second to die, the listener hears the news.
    programs: "[program:stubborn]\ncommand=ignore-sigterm\nstartsecs=0\nstopwaitsecs=1\n",
    drive: async (sr) => {
      await until(sr, "SUPERVISOR_STATE_CHANGE_RUNNING");
      sr.daemon.signal("SIGTERM");
      await until(sr, "SUPERVISOR_STATE_CHANGE_STOPPING");
    },
  },
  {
    name: "a remote communication event",
    listener: "events=REMOTE_COMMUNICATION",
    drive: async (sr) => {
      await sr.rpc([["sendRemoteCommEvent", "mytype", "some data\nline two"]]);
      await until(sr, "REMOTE_COMMUNICATION");
    },
  },
  {
    name: "a capture-mode communication",
    listener: "events=PROCESS_COMMUNICATION",
    programs:
      "[program:talker]\ncommand=sh -c 'printf \"before<!--XSUPERVISOR:BEGIN-->hello\\nworld<!--XSUPERVISOR:END-->after\"; exec sleep 1000'\n" +
      "startsecs=0\nstdout_capture_maxbytes=1MB\n",
    drive: (sr) => until(sr, "PROCESS_COMMUNICATION_STDOUT"),
  },
  {
    name: "a tick",
    listener: "events=TICK_5",
    drive: (sr) => until(sr, "TICK_5"),
  },
  {
    name: "a group added and removed",
    listener: "events=PROCESS_GROUP",
    programs: "[program:app]\ncommand=forever\nstartsecs=0\nautostart=false\n",
    drive: async (sr) => {
      await until(sr, "PROCESS_GROUP_ADDED", /groupname:app/);
      await sr.ctl("remove", "app");
      await until(sr, "PROCESS_GROUP_REMOVED", /groupname:app/);
      await sr.ctl("add", "app");
      await until(sr, "PROCESS_GROUP_ADDED", /groupname:app/, 2);
    },
  },
  {
    name: "a listener answering FAIL",
    listener: "events=REMOTE_COMMUNICATION",
    mode: "fail-first",
    drive: async (sr) => {
      await sr.rpc([["sendRemoteCommEvent", "t", "once"]]);
      await until(sr, "REMOTE_COMMUNICATION", /once/, 2);
    },
  },
  {
    name: "a listener crashing mid-event",
    listener: "events=REMOTE_COMMUNICATION",
    mode: "crash-first",
    drive: async (sr) => {
      await sr.rpc([["sendRemoteCommEvent", "t", "in flight"]]);
      await until(sr, "REMOTE_COMMUNICATION", /in flight/, 2);
    },
  },
  {
    name: "a slow listener whose buffer overflows",
    listener: "events=REMOTE_COMMUNICATION\nbuffer_size=2",
    mode: "slow 0.5",
    drive: async (sr) => {
      await sr.rpc([0, 1, 2, 3, 4, 5].map((i) => ["sendRemoteCommEvent", "t", `n${i}`] as [string, string, string]));
      await until(sr, "REMOTE_COMMUNICATION", /n5/);
    },
  },
];
