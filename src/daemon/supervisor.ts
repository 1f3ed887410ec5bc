// The supervisor: the active groups, supervisord's own state, and the DaemonApi that RPC calls. Starting follows
// priority (low first), shutting down stops one group at a time from the highest priority, as 4.2.5 does. Nothing
// polls: processes report exits and deadlines themselves, and shutdown advances on their state changes.
import {
  AlreadyAdded,
  BadArguments,
  BadName,
  CantReread,
  Failed,
  NoFile,
  NotRunning,
  ShutdownState,
  StillRunning,
} from "../core/errors";
import { EventBus, type EventListener } from "../core/events";
import { splitNamespec } from "../core/namespec";
import { isRunningState, SIGNALLABLE_STATES, SupervisorState, type SupervisorStateName } from "../core/states";
import type { Config, GroupConfig } from "../config/types";
import type { ConfigDiff, ConfigEntry, DaemonApi, ProcessInfo, ProcessOutcome, Stream } from "./api";
import { diffGroups } from "../config/diff";
import { byPriority, Group } from "./group";
import type { ChildLogsFactory } from "./log-seams";
import { ownEnvSnapshot, Process, type ProcessDeps } from "./process";
import { OrderedStop } from "./shutdown";
import { eachProcess, eachProcessSync } from "./bulk";
import { signalOne, startOne, stopOne } from "./actions";
import { GroupExtras } from "./event-groups";
import type { TimerHandle } from "../platform/clock";
import { whenLaunched } from "./launch-watch";

export interface SupervisorDeps extends Omit<ProcessDeps, "bus" | "acceptsStarts" | "serverurl"> {
  pid: number;
  childLogs: ChildLogsFactory;
  /** Reads the config files again (reloadConfig); throws with a message when they are invalid. */
  reread(): Promise<Config>;
  mainLog: { path(): string | null; clear(): void; reopen(): void };
  /** Called once the programs start() set going have all left STARTING and BACKOFF, or 60 s after start(). */
  launched?(): void;
}

export type Ending = "shutdown" | "restart";

/** The longest the first launch is waited for before `launched` is called anyway. */
const LAUNCH_MAX_MS = 60_000;

export class Supervisor implements DaemonApi {
  readonly bus: EventBus;
  private mood: SupervisorStateName = "RUNNING";
  private readonly groups = new Map<string, Group>();
  private loaded: Config;
  private stopping: OrderedStop | null = null;
  /** Event listener pools, fcgi sockets and the TICK timer. */
  private readonly extras: GroupExtras;
  private endingResolve!: (e: Ending) => void;
  /** supervisord's environment, which every child inherits underneath its own environment=. */
  private readonly ownEnv: Record<string, string>;
  /** Resolves once a shutdown or restart has stopped every process. */
  readonly ended: Promise<Ending>;

  constructor(
    private readonly config: Config,
    private readonly deps: SupervisorDeps,
  ) {
    this.loaded = config;
    this.ownEnv = ownEnvSnapshot(deps.ownEnv);
    this.bus = new EventBus((err) => deps.log.log("critical", `event listener failed: ${(err as Error).message}`));
    this.ended = new Promise((resolve) => (this.endingResolve = resolve));
    this.extras = new GroupExtras({ ...deps, bus: this.bus, identifier: config.supervisord.identifier });
  }

  /** Adds the configured groups and starts the autostart programs, low priority first. */
  start(): void {
    for (const g of this.config.groups) this.addGroup(g);
    this.bus.emit({ type: "SUPERVISOR_STATE_CHANGE_RUNNING" });
    this.extras.startTicks();
    const launched = this.deps.launched;
    if (!launched) {
      this.tickAll();
      return;
    }
    // A program that keeps failing with a large startretries would hold the launch open for long: 60 s at most.
    let latest: TimerHandle | null = null;
    const settled = () => {
      if (latest === null) return;
      latest.cancel();
      latest = null;
      launched();
    };
    latest = this.deps.clock.at(this.deps.clock.now() + LAUNCH_MAX_MS, settled);
    whenLaunched([...this.groups.values()].flatMap((g) => g.processes), () => this.tickAll(), settled);
  }

  // ---------------------------------------------------------------- identity and state

  state() {
    this.guard();
    return { statecode: SupervisorState[this.mood], statename: this.mood };
  }
  pid(): number {
    this.guard();
    return this.deps.pid;
  }
  identification(): string {
    this.guard();
    return this.config.supervisord.identifier;
  }
  /** The pids of the children this supervisor spawned and still tracks (the orphan reaper leaves those alone). */
  spawnedPids(): Set<number> {
    const pids = new Set<number>();
    for (const g of this.groups.values()) for (const p of g.processes) if (p.pid) pids.add(p.pid);
    return pids;
  }

  /** supervisord's state without the SHUTDOWN_STATE guard, for the daemon's own callers. */
  get currentMood(): SupervisorStateName {
    return this.mood;
  }

  // ---------------------------------------------------------------- processes

  processInfo(name: string): ProcessInfo {
    this.guard();
    return this.process(name).info();
  }

  allProcessInfo(): ProcessInfo[] {
    this.guard();
    const names = [...this.groups.keys()].sort();
    return names.flatMap((n) => this.groups.get(n)!.lexical().map((p) => p.info()));
  }

  configInfo(): ConfigEntry[] {
    this.guard();
    return this.loaded.groups
      .flatMap((group) => group.processes.map((process) => ({ group, process, inuse: this.groups.has(group.name) })))
      .sort((a, b) => (a.process.name < b.process.name ? -1 : a.process.name > b.process.name ? 1 : 0));
  }

  async startProcess(name: string, wait: boolean): Promise<true> {
    this.guard();
    return this.oneOrGroup(name, (g) => this.startGroup(g, wait), (p) => startOne(p, name, wait));
  }

  /** "x" acts on one process; "grp:*" on its group, throwing the first failure as the single call would. */
  private async oneOrGroup(
    name: string,
    onGroup: (group: string) => Promise<ProcessOutcome[]>,
    onProcess: (p: Process) => Promise<true>,
  ): Promise<true> {
    const { group, process } = this.lookup(name);
    if (process) return onProcess(process);
    const failed = (await onGroup(group.name)).find((r) => r.error);
    if (failed?.error) throw failed.error;
    return true;
  }

  async startGroup(group: string, wait: boolean): Promise<ProcessOutcome[]> {
    this.guard();
    const g = this.groupNamed(group);
    return eachProcess(g.processes.map((p) => [g, p]), (p) => !isRunningState(p.state), (p, n) => startOne(p, n, wait));
  }

  async startAll(wait: boolean): Promise<ProcessOutcome[]> {
    this.guard();
    return eachProcess(this.prioritised(), (p) => !isRunningState(p.state), (p, n) => startOne(p, n, wait));
  }

  async stopProcess(name: string, wait: boolean): Promise<true> {
    this.guard();
    return this.oneOrGroup(name, (g) => this.stopGroup(g, wait), (p) => stopOne(p, name, wait, this.deps));
  }

  async stopGroup(group: string, wait: boolean): Promise<ProcessOutcome[]> {
    this.guard();
    const g = this.groupNamed(group);
    return eachProcess(g.processes.map((p) => [g, p]), (p) => isRunningState(p.state), (p, n) => stopOne(p, n, wait, this.deps));
  }

  async stopAll(wait: boolean): Promise<ProcessOutcome[]> {
    this.guard();
    return eachProcess(this.prioritised(), (p) => isRunningState(p.state), (p, n) => stopOne(p, n, wait, this.deps));
  }

  signalProcess(name: string, signal: string | number): true {
    this.guard();
    const { group, process } = this.lookup(name);
    if (!process) {
      const failed = this.signalGroup(group.name, signal).find((r) => r.error);
      if (failed?.error) throw failed.error;
      return true;
    }
    return signalOne(process, name, signal);
  }

  signalGroup(group: string, signal: string | number): ProcessOutcome[] {
    this.guard();
    const g = this.groupNamed(group);
    return eachProcessSync(g.processes.map((p) => [g, p]), (p) => SIGNALLABLE_STATES.includes(p.state), (p, n) => signalOne(p, n, signal));
  }

  signalAll(signal: string | number): ProcessOutcome[] {
    this.guard();
    return eachProcessSync(this.prioritised(), (p) => SIGNALLABLE_STATES.includes(p.state), (p, n) => signalOne(p, n, signal));
  }

  sendProcessStdin(name: string, chars: string): true {
    this.guard();
    if (typeof chars !== "string") throw new BadArguments(String(chars));
    const p = this.process(name);
    if (!p.pid || p.killing) throw new NotRunning(name);
    try {
      p.writeStdin(chars);
    } catch (err) {
      if ((err as { code?: string }).code === "EPIPE") throw new NoFile(name);
      throw err;
    }
    return true;
  }

  sendRemoteCommEvent(type: string, data: string): true {
    this.bus.emit({ type: "REMOTE_COMMUNICATION", commType: type, data });
    return true;
  }

  // ---------------------------------------------------------------- configuration

  async reloadConfig(): Promise<ConfigDiff> {
    this.guard();
    try {
      this.loaded = await this.deps.reread();
    } catch (err) {
      throw new CantReread((err as Error).message);
    }
    return diffGroups(
      [...this.groups.values()].map((g) => g.config),
      this.loaded.groups,
    );
  }

  addProcessGroup(name: string): true {
    this.guard();
    const cfg = this.loaded.groups.find((g) => g.name === name);
    if (!cfg) throw new BadName(name);
    if (this.groups.has(name)) throw new AlreadyAdded(name);
    this.addGroup(cfg);
    for (const p of this.groups.get(name)!.declared) p.send({ kind: "tick" });
    return true;
  }

  removeProcessGroup(name: string): true {
    this.guard();
    const g = this.groups.get(name);
    if (!g) throw new BadName(name);
    if (g.unstopped().length) throw new StillRunning(name);
    this.groups.delete(name);
    for (const p of g.processes) void p.dispose();
    this.extras.remove(name);
    this.bus.emit({ type: "PROCESS_GROUP_REMOVED", groupName: name });
    return true;
  }

  // ---------------------------------------------------------------- logs

  mainLogPath(): string | null {
    this.guard();
    return this.deps.mainLog.path();
  }
  clearMainLog(): void {
    this.guard();
    this.deps.mainLog.clear();
  }
  processLogPath(name: string, stream: Stream): string | null {
    this.guard();
    return this.process(name).logs.path(stream);
  }
  /** Answers once the files are empty (4.2.5 clears them before it answers): a read right after finds them. */
  async clearProcessLogs(name: string): Promise<true> {
    this.guard();
    const p = this.process(name);
    try {
      await p.logs.clear();
    } catch {
      throw new Failed(name); // 4.2.5's fault names the process, not the error
    }
    return true;
  }
  clearAllProcessLogs(): ProcessOutcome[] {
    this.guard();
    return eachProcessSync(this.prioritised(), () => true, (p, name) => {
      try {
        // The answer is a list built at once; a file that fails later is reported by the log file itself.
        void Promise.resolve(p.logs.clear()).catch(() => {});
      } catch {
        throw new Failed(name);
      }
      return true;
    });
  }
  /** SIGUSR2: reopen the main log and every child log. */
  reopenLogs(): void {
    this.deps.log.log("info", "received SIGUSR2 indicating log reopen request");
    this.deps.mainLog.reopen();
    for (const g of this.groups.values()) for (const p of g.processes) p.logs.reopen();
  }

  // ---------------------------------------------------------------- lifecycle

  shutdown(): true {
    this.guard();
    this.mood = "SHUTDOWN";
    this.afterReply(() => this.beginStop("SHUTDOWN"));
    return true;
  }
  restart(): true {
    this.guard();
    this.mood = "RESTARTING";
    this.afterReply(() => this.beginStop("RESTARTING"));
    return true;
  }

  /**
   * The caller of shutdown()/restart() is an RPC whose answer must still go out: with nothing left to stop, the
   * daemon would otherwise close its servers under it. 4.2.5 likewise acts on the next turn of its loop.
   */
  private afterReply(fn: () => void): void {
    this.deps.clock.at(this.deps.clock.now(), fn);
  }

  /** A signal asked supervisord to stop (TERM/INT/QUIT) or restart (HUP), with 4.2.5's log lines. */
  onSignal(sig: "SIGTERM" | "SIGINT" | "SIGQUIT" | "SIGHUP"): void {
    if (sig === "SIGHUP") {
      if (this.mood === "SHUTDOWN") {
        this.deps.log.log("warn", `ignored ${sig} indicating restart request (shutdown in progress)`);
        return;
      }
      this.deps.log.log("warn", `received ${sig} indicating restart request`);
      this.beginStop("RESTARTING");
      return;
    }
    this.deps.log.log("warn", `received ${sig} indicating exit request`);
    this.beginStop("SHUTDOWN");
  }

  subscribe(type: string, listener: EventListener): () => void {
    return this.bus.subscribe(type, listener);
  }

  /** Releases timers and child logs after the end; the daemon object is not used again. */
  async dispose(): Promise<void> {
    this.stopping?.dispose();
    this.extras.dispose();
    await Promise.all([...this.groups.values()].flatMap((g) => g.processes.map((p) => p.dispose())));
  }

  // ---------------------------------------------------------------- internals

  private guard(): void {
    if (SupervisorState[this.mood] < SupervisorState.RUNNING) throw new ShutdownState();
  }

  /** What every process is given; one object for all of them (a copy per group was ~0.3 KB each). */
  private processDeps: ProcessDeps | null = null;

  private addGroup(cfg: GroupConfig): void {
    this.processDeps ??= {
      ...this.deps,
      ownEnv: this.ownEnv,
      bus: this.bus,
      serverurl: this.config.supervisord.serverurl,
      acceptsStarts: () => SupervisorState[this.mood] > SupervisorState.RESTARTING,
    };
    const extra = this.extras.add(cfg);
    const deps = extra?.stdinFd ? { ...this.processDeps, stdinFd: extra.stdinFd } : this.processDeps;
    const group = new Group(cfg, (pc) => new Process(pc, cfg.name, extra?.logs?.(pc) ?? this.deps.childLogs(pc, cfg.name), deps));
    extra?.adopt(group.processes);
    this.groups.set(cfg.name, group);
    for (const p of group.processes) p.watch(() => this.stopping?.changed(p));
    this.bus.emit({ type: "PROCESS_GROUP_ADDED", groupName: cfg.name });
  }

  private tickAll(): void {
    for (const g of byPriority(this.groups.values())) for (const p of g.declared) p.send({ kind: "tick" });
  }

  private prioritised(): [Group, Process][] {
    return byPriority(this.groups.values()).flatMap((g) => g.processes.map((p) => [g, p] as [Group, Process]));
  }

  private groupNamed(name: string): Group {
    const g = this.groups.get(name);
    if (!g) throw new BadName(name);
    return g;
  }

  private lookup(name: string): { group: Group; process: Process | null } {
    const spec = splitNamespec(name);
    const group = this.groups.get(spec.group);
    if (!group) throw new BadName(name);
    if (spec.process === null) return { group, process: null };
    const process = group.get(spec.process);
    if (!process) throw new BadName(name);
    return { group, process };
  }

  private process(name: string): Process {
    const { process } = this.lookup(name);
    if (!process) throw new BadName(name);
    return process;
  }

  private beginStop(mood: "SHUTDOWN" | "RESTARTING"): void {
    this.mood = mood;
    if (this.stopping !== null) return;
    this.stopping = new OrderedStop(byPriority(this.groups.values()), this.deps.clock, this.deps.log, () =>
      this.endingResolve(this.mood === "RESTARTING" ? "restart" : "shutdown"),
    );
    this.bus.emit({ type: "SUPERVISOR_STATE_CHANGE_STOPPING" });
    this.stopping.begin();
  }

}
