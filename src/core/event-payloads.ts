// The text a listener reads for one event: 4.2.5's header line, then the payload (events.ts's eventPayload). The
// header's len is the payload's length as Python counts a str (code points, not UTF-8 bytes), because 4.2.5 measures
// the payload before encoding it; childutils reads exactly that many characters back.
import { eventPayload, type SupervisorEvent } from "./events";

export interface EnvelopeIds {
  /** supervisord's identifier= (the header's server field). */
  server: string;
  /** The supervisor-wide serial, shared by every pool that hears the event. */
  serial: number;
  pool: string;
  /** The serial this pool gave the event; a re-sent event keeps both serials. */
  poolSerial: number;
}

export function pyLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function eventHeader(eventName: string, ids: EnvelopeIds, payloadLength: number): string {
  return (
    `ver:3.0 server:${ids.server} serial:${ids.serial} pool:${ids.pool} poolserial:${ids.poolSerial} ` +
    `eventname:${eventName} len:${payloadLength}\n`
  );
}

export function eventEnvelope(e: SupervisorEvent, ids: EnvelopeIds): string {
  const payload = eventPayload(e);
  return eventHeader(e.type, ids, pyLength(payload)) + payload;
}

/** 4.2.5's new_serial: counts from 0 and wraps to 0 after sys.maxsize. */
export class SerialCounter {
  private last = -1;
  next(): number {
    this.last = this.last >= Number.MAX_SAFE_INTEGER ? 0 : this.last + 1;
    return this.last;
  }
}

/** Gives each event one supervisor-wide serial, the first time any pool accepts it (4.2.5's GlobalSerial). */
export class EventSerials {
  private readonly counter = new SerialCounter();
  private readonly given = new WeakMap<SupervisorEvent, number>();
  of(e: SupervisorEvent): number {
    let s = this.given.get(e);
    if (s === undefined) this.given.set(e, (s = this.counter.next()));
    return s;
  }
}
