// A plain fake of the daemon's public surface: a few processes in memory, every call recorded, and hooks to
// make a start wait or fail. No processes, no files (except log paths the test writes itself).
import { AlreadyStarted, BadName, BadSignal, NotRunning, ShutdownState } from "../../../../src/core/errors";
import type { EventListener } from "../../../../src/core/events";
import { splitNamespec } from "../../../../src/core/namespec";
import { signalNumber } from "../../../../src/core/signals";
import type { ConfigDiff, ConfigEntry, DaemonApi, ProcessInfo, ProcessOutcome, Stream } from "../../../../src/daemon/api";

export function fakeInfo(group: string, name: string, over: Partial<ProcessInfo> = {}): ProcessInfo {
  return {
    name, group, description: "Not started", start: 0, stop: 0, now: 1000, state: 0, statename: "STOPPED",
    spawnerr: "", exitstatus: 0, logfile: "", stdout_logfile: "", stderr_logfile: "", pid: 0, ...over,
  };
}

export class FakeDaemon implements DaemonApi {
  calls: string[] = [];
  mood: "RUNNING" | "SHUTDOWN" = "RUNNING";
  infos: ProcessInfo[] = [fakeInfo("cat", "cat"), fakeInfo("web", "web_0"), fakeInfo("web", "web_1")];
  logPaths = new Map<string, string>();
  mainLog: string | null = null;
  configEntries: ConfigEntry[] = [];
  /** When set, startProcess waits on it (a process in its startsecs). */
  startGate: Promise<void> | null = null;

  private guard(): void {
    if (this.mood !== "RUNNING") throw new ShutdownState();
  }
  private find(name: string): ProcessInfo {
    const spec = splitNamespec(name);
    const p = this.infos.find((i) => i.group === spec.group && i.name === spec.process);
    if (!p) throw new BadName(name);
    return p;
  }
  private groupOf(group: string): ProcessInfo[] {
    const list = this.infos.filter((i) => i.group === group);
    if (!list.length) throw new BadName(group);
    return list;
  }
  private record(call: string): void {
    this.guard();
    this.calls.push(call);
  }

  state() {
    this.guard();
    return { statecode: 1 as const, statename: "RUNNING" as const };
  }
  pid() {
    this.record("pid");
    return 4242;
  }
  identification() {
    this.record("identification");
    return "supervisor";
  }
  processInfo(name: string) {
    this.record(`processInfo ${name}`);
    return this.find(name);
  }
  allProcessInfo() {
    this.record("allProcessInfo");
    return this.infos;
  }
  configInfo() {
    this.record("configInfo");
    return this.configEntries;
  }
  async startProcess(name: string, wait: boolean): Promise<true> {
    this.record(`startProcess ${name} ${wait}`);
    const p = this.find(name);
    if (p.statename === "RUNNING") throw new AlreadyStarted(name);
    if (wait && this.startGate) await this.startGate;
    p.statename = "RUNNING";
    p.state = 20;
    return true;
  }
  private outcomes(list: ProcessInfo[], act: (p: ProcessInfo) => void): ProcessOutcome[] {
    return list.map((p) => {
      try {
        act(p);
        return { name: p.name, group: p.group, error: null };
      } catch (error) {
        return { name: p.name, group: p.group, error: error as Error };
      }
    });
  }
  async startGroup(group: string, wait: boolean) {
    this.record(`startGroup ${group} ${wait}`);
    return this.outcomes(this.groupOf(group), (p) => {
      if (p.statename === "RUNNING") throw new AlreadyStarted(`${p.group}:${p.name}`);
    });
  }
  async startAll(wait: boolean) {
    this.record(`startAll ${wait}`);
    return this.outcomes(this.infos, () => {});
  }
  async stopProcess(name: string, wait: boolean): Promise<true> {
    this.record(`stopProcess ${name} ${wait}`);
    if (this.find(name).statename !== "RUNNING") throw new NotRunning(name);
    return true;
  }
  async stopGroup(group: string, wait: boolean) {
    this.record(`stopGroup ${group} ${wait}`);
    return this.outcomes(this.groupOf(group), () => {});
  }
  async stopAll(wait: boolean) {
    this.record(`stopAll ${wait}`);
    return this.outcomes(this.infos, () => {});
  }
  signalProcess(name: string, signal: string | number): true {
    this.record(`signalProcess ${name} ${signal}`);
    this.find(name);
    if (signalNumber(signal) === null) throw new BadSignal(String(signal));
    return true;
  }
  signalGroup(group: string, signal: string | number) {
    this.record(`signalGroup ${group} ${signal}`);
    return this.outcomes(this.groupOf(group), () => {
      if (signalNumber(signal) === null) throw new BadSignal(String(signal));
    });
  }
  signalAll(signal: string | number) {
    this.record(`signalAll ${signal}`);
    return this.outcomes(this.infos, () => {});
  }
  sendProcessStdin(name: string, chars: string): true {
    this.record(`sendProcessStdin ${name} ${JSON.stringify(chars)}`);
    this.find(name);
    return true;
  }
  sendRemoteCommEvent(type: string, data: string): true {
    this.calls.push(`sendRemoteCommEvent ${type} ${data}`);
    return true;
  }
  async reloadConfig(): Promise<ConfigDiff> {
    this.record("reloadConfig");
    return { added: ["new"], changed: [], removed: ["old"] };
  }
  addProcessGroup(name: string): true {
    this.record(`addProcessGroup ${name}`);
    return true;
  }
  removeProcessGroup(name: string): true {
    this.record(`removeProcessGroup ${name}`);
    this.groupOf(name);
    return true;
  }
  mainLogPath() {
    this.guard();
    return this.mainLog;
  }
  clearMainLog() {
    this.record("clearMainLog");
  }
  processLogPath(name: string, stream: Stream) {
    this.guard();
    const p = this.find(name);
    return this.logPaths.get(`${p.group}:${p.name}/${stream}`) ?? null;
  }
  /** Async like the real one, so an unknown name is a rejection, not a throw. */
  async clearProcessLogs(name: string): Promise<true> {
    this.record(`clearProcessLogs ${name}`);
    this.find(name);
    return true;
  }
  clearAllProcessLogs() {
    this.record("clearAllProcessLogs");
    return this.outcomes(this.infos, () => {});
  }
  shutdown(): true {
    this.record("shutdown");
    this.mood = "SHUTDOWN";
    return true;
  }
  restart(): true {
    this.record("restart");
    return true;
  }
  private listeners: { type: string; fn: EventListener }[] = [];
  subscribe(type: string, fn: EventListener) {
    this.listeners.push({ type, fn });
    return () => {};
  }
  /** Emits an event of `type` (a full name, e.g. PROCESS_STATE_RUNNING) to listeners of it or of a parent. */
  emit(type: string): void {
    for (const l of this.listeners) if (type.startsWith(l.type)) l.fn({ type } as Parameters<EventListener>[0]);
  }
}

