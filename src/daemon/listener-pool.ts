// [eventlistener:x] at run time: the pool subscribes to its event types, buffers what it hears (buffer_size, the
// oldest dropped on overflow), and hands the oldest event to the first RUNNING listener that said READY. A result
// other than OK, a bad RESULT line, or a listener that dies before answering puts the event back at the head of the
// buffer, serials unchanged, as 4.2.5's EventRejectedEvent does.
import { EventSerials, eventEnvelope, SerialCounter } from "../core/event-payloads";
import type { EventBus, SupervisorEvent } from "../core/events";
import type { EventListenerPoolConfig, ProcessConfig } from "../config/types";
import type { Clock, TimerHandle } from "../platform/clock";
import type { ChildOutput } from "../platform/pipe-source";
import type { Child } from "../platform/spawner";
import { ListenerProtocol } from "./event-protocol";
import type { ChildLogs, ChildLogsFactory, MainLogger } from "./log-seams";
import type { Process } from "./process";

export interface ListenerPoolDeps {
  bus: EventBus;
  serials: EventSerials;
  log: MainLogger;
  clock: Clock;
  /** supervisord's identifier=, the header's server field. */
  identifier: string;
}

interface Buffered {
  event: SupervisorEvent;
  serial: number;
  poolSerial: number;
}

interface Member {
  process: Process | null;
  protocol: ListenerProtocol | null;
  inFlight: Buffered | null;
}

const OK = "OK";

export class ListenerPool {
  private readonly buffer: Buffered[] = [];
  private readonly poolSerials = new SerialCounter();
  private readonly members = new Map<string, Member>();
  private readonly unsubscribe: (() => void)[];
  private pending: TimerHandle | null = null;

  constructor(
    private readonly cfg: EventListenerPoolConfig,
    private readonly deps: ListenerPoolDeps,
  ) {
    this.unsubscribe = cfg.events.map((type) => deps.bus.subscribe(type, (e) => this.accept(e)));
  }

  /** The child logs of one listener: stdout is the protocol channel (still logged, never turned into events). */
  logsFor(pc: ProcessConfig, make: ChildLogsFactory): ChildLogs {
    const quiet = { ...pc, stdout: { ...pc.stdout, eventsEnabled: false, captureMaxbytes: 0 } };
    const inner = make(quiet, this.cfg.name);
    const member: Member = { process: null, protocol: null, inFlight: null };
    this.members.set(pc.name, member);
    return {
      ...bind(inner),
      attach: (child: Child) => {
        const protocol = this.protocolFor(pc.name, member);
        member.protocol = protocol;
        inner.attach({ ...child, stdout: heardBy(child.stdout, (chunk) => protocol.feed(chunk)) });
      },
    };
  }

  /** Follows the pool's processes: a RUNNING one may take events, an exit takes back the event it held. */
  adopt(processes: Process[]): void {
    for (const p of processes) {
      const member = this.members.get(p.config.name);
      if (!member) continue;
      member.process = p;
      p.watch((to) => {
        if (to === "RUNNING") this.schedule();
        else if (to === "BACKOFF" || to === "EXITED" || to === "STOPPED") this.takeBack(member);
      });
    }
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.pending?.cancel();
    this.pending = null;
  }

  private protocolFor(name: string, member: Member): ListenerProtocol {
    const protocol: ListenerProtocol = new ListenerProtocol(name, {
      log: (level, message) => this.deps.log.log(level, message),
      ready: () => this.schedule(),
      result: (body) => this.finished(name, member, protocol, new TextDecoder().decode(body)),
      rejected: () => this.takeBack(member),
    });
    return protocol;
  }

  private finished(name: string, member: Member, protocol: ListenerProtocol, body: string): void {
    const held = member.inFlight;
    member.inFlight = null;
    if (body === OK) {
      this.deps.log.log("debug", `${name}: event was processed`);
      protocol.change("ACKNOWLEDGED");
      return;
    }
    this.deps.log.log("warn", `${name}: event was rejected`);
    protocol.change("ACKNOWLEDGED");
    if (held) this.rebuffer(held);
  }

  private takeBack(member: Member): void {
    const held = member.inFlight;
    member.inFlight = null;
    if (held) this.rebuffer(held);
  }

  private accept(event: SupervisorEvent): void {
    this.push({ event, serial: this.deps.serials.of(event), poolSerial: this.poolSerials.next() }, false);
    this.schedule();
  }

  private rebuffer(b: Buffered): void {
    this.deps.log.log(
      "debug",
      `rebuffering event ${b.serial} for pool ${this.cfg.name} (buf size=${this.buffer.length}, max=${this.cfg.bufferSize})`,
    );
    this.push(b, true);
    this.schedule();
  }

  private push(b: Buffered, head: boolean): void {
    if (this.buffer.length >= this.cfg.bufferSize) {
      const dropped = this.buffer.shift()!;
      this.deps.log.log("error", `pool ${this.cfg.name} event buffer overflowed, discarding event ${dropped.serial}`);
    }
    if (head) this.buffer.unshift(b);
    else this.buffer.push(b);
  }

  /** Dispatch waits for the current turn of the event loop to end, so events raised together are buffered together
   * first, as they are within one pass of 4.2.5's main loop. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = this.deps.clock.at(this.deps.clock.now(), () => {
      this.pending = null;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.buffer.length > 0 && this.ready().length > 0) {
      const b = this.buffer.shift()!;
      if (!this.deliver(b)) {
        this.rebuffer(b);
        return;
      }
    }
  }

  private ready(): Member[] {
    return [...this.members.values()].filter((m) => m.process?.state === "RUNNING" && m.protocol?.state === "READY");
  }

  /** Sends to the first ready listener whose stdin takes it; a closed pipe passes the event to the next one. */
  private deliver(b: Buffered): boolean {
    const text = eventEnvelope(b.event, { server: this.deps.identifier, serial: b.serial, pool: this.cfg.name, poolSerial: b.poolSerial });
    for (const member of this.ready()) {
      const name = member.process!.config.name;
      try {
        member.process!.writeStdin(text);
      } catch {
        this.deps.log.log("debug", `epipe occurred while sending event ${b.serial} to listener ${name}, listener state unchanged`);
        continue;
      }
      member.protocol!.sent();
      member.inFlight = b;
      this.deps.log.log("debug", `event ${b.serial} sent to listener ${name}`);
      return true;
    }
    return false;
  }
}

/** The inner logs' methods, bound, so the listener's logs can replace attach() only. */
function bind(inner: ChildLogs): ChildLogs {
  return {
    open: () => inner.open?.(),
    attach: (c) => inner.attach(c),
    drained: () => inner.drained(),
    path: (s) => inner.path(s),
    clear: () => inner.clear(),
    reopen: () => inner.reopen(),
    close: () => inner.close(),
    ...(inner.written ? { written: () => inner.written!() } : {}),
  };
}

/** The listener's stdout as its log reads it, each read also heard by the protocol, which gets a copy (it may keep
 * the bytes, and the read's buffer is reused). */
function heardBy(output: ChildOutput, hear: (chunk: Uint8Array) => void): ChildOutput {
  return {
    start: (log) =>
      output.start({
        feed: (chunk) => {
          hear(chunk.slice());
          return log.feed(chunk);
        },
        spare: () => log.spare?.() ?? null,
      }),
    cancel: () => output.cancel(),
  };
}
