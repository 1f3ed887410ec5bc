// A supervisord for the supervisorctl comparisons: its own temp folder, unix socket (no auth) and loopback TCP port
// (with auth), and a few programs built from sleep and sh. Which daemons run is a parameter: CTL_COMPAT_DAEMONS
// (comma-separated, default "reference,ours": both supervisorctls against 4.2.5's daemon, then against ours).
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { XmlRpcFault, type XmlRpcValue } from "../../../src/rpc/codec";
import { Transport } from "../../../src/ctl/transport";
import { DaemonRun } from "../../support/daemon";
import { REFERENCE_SKIP_REASON } from "../../support/reference";
import { makeTmpDir } from "../../support/tmp";
import { waitFor } from "../../support/wait";

export type DaemonKind = "reference" | "ours";
export const TCP_USER = "admin";
export const TCP_PASSWORD = "s3cret";

export function daemonKinds(): DaemonKind[] {
  return (process.env.CTL_COMPAT_DAEMONS ?? "reference,ours").split(",").map((s) => s.trim() as DaemonKind);
}

export function daemonSkipReason(kind: DaemonKind): string | null {
  return kind === "reference" ? REFERENCE_SKIP_REASON : null;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, "127.0.0.1", ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

export const PROGRAMS = `
[program:sleeper]
command=sh -c 'trap "" HUP USR1 USR2; exec sleep 1000'
startsecs=0

[group:grp]
programs=a,b

[program:a]
command=sh -c 'echo hello-a; echo oops-a >&2; exec sleep 1000'
startsecs=0

[program:b]
command=sleep 1000
autostart=false
startsecs=0

[program:quick]
command=sh -c 'exit 3'
startsecs=1
startretries=0

[program:multi]
command=sleep 1000
process_name=%(program_name)s_%(process_num)02d
numprocs=2
startsecs=0

[program:cat]
command=cat
startsecs=0
`;

function configText(dir: string, port: number, programs: string): string {
  return `[unix_http_server]
file=${dir}/sv.sock

[inet_http_server]
port=127.0.0.1:${port}
username=${TCP_USER}
password=${TCP_PASSWORD}

[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}
nodaemon=true

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://${dir}/sv.sock
${programs}`;
}

/** Processes the scenarios expect running (everything else autostarted is left as it is). */
const KEEP_RUNNING = ["sleeper", "grp:a", "multi:multi_00", "multi:multi_01", "cat"];
const KEEP_STOPPED = ["grp:b"];
const SETTLING = [10, 30, 40]; // STARTING, BACKOFF, STOPPING

interface Info {
  name: string;
  group: string;
  state: number;
}

export class Daemon {
  readonly conf: string;
  readonly sock: string;
  private run: DaemonRun | null = null;
  private readonly rpc: Transport;

  private constructor(
    readonly kind: DaemonKind,
    readonly dir: string,
    readonly port: number,
    private readonly cleanupDir: () => void,
  ) {
    this.conf = join(dir, "supervisord.conf");
    this.sock = join(dir, "sv.sock");
    this.rpc = new Transport(`unix://${this.sock}`, null, null);
  }

  static async start(kind: DaemonKind, programs = PROGRAMS): Promise<Daemon> {
    const { dir, cleanup } = makeTmpDir("sv-ctl-");
    const d = new Daemon(kind, dir, await freePort(), cleanup);
    writeFileSync(d.conf, configText(dir, d.port, programs));
    try {
      await d.launch();
    } catch (e) {
      // A daemon that started too slowly must not outlive the test that gave up on it.
      await d.stop();
      throw e;
    }
    return d;
  }

  get unixUrl(): string {
    return `unix://${this.sock}`;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async launch(): Promise<void> {
    this.run = new DaemonRun(this.dir, this.conf, this.kind);
    await waitFor(`${this.kind} supervisord on ${this.sock}`, async () => (await this.call("supervisor.getState")) !== null, {
      timeoutMs: 30_000,
    });
    await this.settle();
  }

  call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    return this.rpc.call(method, ...params);
  }

  async infos(): Promise<Info[]> {
    return (await this.call("supervisor.getAllProcessInfo")) as unknown as Info[];
  }

  /** Waits until no process is starting, backing off or stopping. */
  async settle(): Promise<void> {
    await waitFor("processes to settle", async () => (await this.infos()).every((i) => !SETTLING.includes(i.state)), {
      timeoutMs: 30_000,
    });
  }

  /** Brings the processes back to the state every scenario starts from. */
  async baseline(): Promise<void> {
    const infos = await this.infos();
    const spec = (i: Info) => (i.group === i.name ? i.name : `${i.group}:${i.name}`);
    for (const i of infos) {
      const name = spec(i);
      const running = i.state === 20;
      if (KEEP_RUNNING.includes(name) && !running) await this.quietly("supervisor.startProcess", name, true);
      if (KEEP_STOPPED.includes(name) && running) await this.quietly("supervisor.stopProcess", name, true);
    }
    await this.settle();
  }

  /** A call whose fault does not matter (e.g. starting what may already run). */
  async quietly(method: string, ...params: XmlRpcValue[]): Promise<void> {
    try {
      await this.call(method, ...params);
    } catch (e) {
      if (!(e instanceof XmlRpcFault)) throw e;
    }
  }

  readConfig(): string {
    return readFileSync(this.conf, "utf8");
  }

  writeConfig(text: string): void {
    writeFileSync(this.conf, text);
  }

  /** Applies the config file as `update` would, so a scenario that changed it leaves no trace. */
  async syncConfig(): Promise<void> {
    const [[added, changed, removed]] = (await this.call("supervisor.reloadConfig")) as unknown as string[][][];
    for (const g of [...removed, ...changed]) {
      await this.quietly("supervisor.stopProcessGroup", g);
      await this.quietly("supervisor.removeProcessGroup", g);
    }
    for (const g of [...changed, ...added]) await this.quietly("supervisor.addProcessGroup", g);
    await this.settle();
  }

  /** Waits for the daemon process to exit (after shutdown), at most 20 s. */
  async exited(): Promise<void> {
    const run = this.run;
    if (!run) return;
    await waitFor("supervisord to exit", () => run.proc.exitCode !== null || run.proc.signalCode !== null, { timeoutMs: 20_000 });
    this.run = null;
  }

  async stop(): Promise<void> {
    await this.run?.stop(10_000);
    this.run = null;
    this.cleanupDir();
  }
}
