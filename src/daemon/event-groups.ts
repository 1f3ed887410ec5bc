// What a group needs beyond plain processes, kept out of supervisor.ts: an [eventlistener:x] pool (protocol on the
// listeners' stdout, its subscriptions), an [fcgi-program:x] socket (fd 0 of each child), and the supervisor-wide
// pieces they share (event serials, the TICK timer). The TICK timer runs only while some pool listens for ticks, so
// an idle daemon without such a pool still sleeps until a deadline or an event; nobody else can observe a tick.
import { EventSerials } from "../core/event-payloads";
import { type EventBus, isEventA } from "../core/events";
import type { GroupConfig, ProcessConfig } from "../config/types";
import type { Clock } from "../platform/clock";
import { closeSocket, openListeningSocket } from "../platform/sockets";
import { FcgiSocketShare, type SocketOpener } from "./fcgi-socket";
import { Ticks } from "./event-ticks";
import { ListenerPool } from "./listener-pool";
import type { ChildLogs, ChildLogsFactory, MainLogger } from "./log-seams";
import type { Process } from "./process";

export interface GroupExtrasDeps {
  bus: EventBus;
  log: MainLogger;
  clock: Clock;
  identifier: string;
  childLogs: ChildLogsFactory;
  /** Opens [fcgi-program:x] sockets; libc's socket/bind/listen unless a test passes its own. */
  sockets?: SocketOpener;
}

export interface GroupExtra {
  /** The child logs of one of the group's processes, when not the plain ones. */
  logs?(pc: ProcessConfig): ChildLogs;
  stdinFd?(processName: string): number;
  adopt(processes: Process[]): void;
}

const LIBC_SOCKETS: SocketOpener = { open: (s) => openListeningSocket(s, s.backlog), close: closeSocket };

export class GroupExtras {
  private readonly serials = new EventSerials();
  private readonly ticks: Ticks;
  private readonly disposers = new Map<string, () => void>();
  private readonly tickPools = new Set<string>();
  private running = false;

  constructor(private readonly deps: GroupExtrasDeps) {
    this.ticks = new Ticks(deps.clock, deps.bus);
  }

  /** supervisord runs: ticks may flow from now on. */
  startTicks(): void {
    this.running = true;
    this.syncTicks();
  }

  private syncTicks(): void {
    const wanted = this.running && this.tickPools.size > 0;
    if (wanted && !this.ticks.armed) this.ticks.start();
    else if (!wanted && this.ticks.armed) this.ticks.stop();
  }

  /** Call before the group's processes are made (a pool must hear its own PROCESS_GROUP_ADDED, as in 4.2.5). Null
   * for a group of plain programs, which needs nothing more. */
  add(cfg: GroupConfig): GroupExtra | null {
    if (cfg.kind === "eventlistener") {
      const pool = new ListenerPool(cfg, { ...this.deps, serials: this.serials });
      this.disposers.set(cfg.name, () => pool.dispose());
      if (cfg.events.some((type) => isEventA("TICK_5", type))) this.tickPools.add(cfg.name);
      this.syncTicks();
      return { logs: (pc) => pool.logsFor(pc, this.deps.childLogs), adopt: (ps) => pool.adopt(ps) };
    }
    if (cfg.kind === "fcgi-program") {
      const share = new FcgiSocketShare(cfg.socket, this.deps.sockets ?? LIBC_SOCKETS, this.deps.log);
      this.disposers.set(cfg.name, () => share.dispose());
      return { stdinFd: (name) => share.acquire(name), adopt: (ps) => share.adopt(ps) };
    }
    return null;
  }

  /** The group left the configuration: its pool stops listening, its socket closes. */
  remove(name: string): void {
    this.disposers.get(name)?.();
    this.disposers.delete(name);
    this.tickPools.delete(name);
    this.syncTicks();
  }

  dispose(): void {
    this.running = false;
    for (const name of [...this.disposers.keys()]) this.remove(name);
  }
}
