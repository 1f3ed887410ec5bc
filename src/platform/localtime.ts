// Local time as glibc's localtime() computes it, which is what 4.2.5's log lines use: the zone comes from TZ (unset:
// /etc/localtime; empty: UTC; ":name" or "name": a TZif file, absolute or under $TZDIR or /usr/share/zoneinfo; else
// a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0"), read once per value of TZ. JavaScript's Date would do instead,
// but its local-time getters open ICU's time-zone tables, which keep ~2.5 MB resident for the daemon's life.
import { readFileSync } from "node:fs";
import { type PosixRule, parsePosixTz, posixOffset } from "./posix-tz";

export interface Zone {
  /** Transition instants (seconds since the epoch, ascending) and the UTC offset (seconds east) from each on. */
  at: number[];
  offsetFrom: number[];
  /** The offset before the first transition: glibc takes the first standard-time type. */
  initial: number;
  /** What follows the last transition (the TZif footer's rule; without it the last offset stays), or a TZ rule. */
  after: PosixRule | null;
  /** Leap seconds ("right/" zones): from each instant on, this many seconds are taken off. */
  leapAt: number[];
  leapCorrection: number[];
}

const UTC: Zone = { at: [], offsetFrom: [], initial: 0, after: null, leapAt: [], leapCorrection: [] };

/** Parses a TZif file (RFC 8536), using the 64-bit data of versions 2 and later. Null if it is not one. */
export function parseTzif(buf: Uint8Array): Zone | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = (at: number) => at + 44 <= buf.length && view.getUint32(at) === 0x545a6966; // "TZif"
  if (!magic(0)) return null;
  const counts = (at: number) => [20, 24, 28, 32, 36, 40].map((o) => view.getUint32(at + o));
  const v1Size = (c: number[]) => c[3]! * 5 + c[4]! * 6 + c[5]! + c[2]! * 8 + c[1]! + c[0]!;
  let head = 0;
  let timeSize = 4;
  if (buf[4]! >= 0x32 && magic(44 + v1Size(counts(0)))) {
    head = 44 + v1Size(counts(0));
    timeSize = 8;
  }
  const [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(head) as [number, number, number, number, number, number];
  const time = (at: number) => (timeSize === 8 ? Number(view.getBigInt64(at)) : view.getInt32(at));
  let p = head + 44;
  const at = Array.from({ length: timecnt }, (_, i) => time(p + i * timeSize));
  p += timecnt * timeSize;
  const index = Array.from(buf.subarray(p, p + timecnt));
  p += timecnt;
  const types = Array.from({ length: typecnt }, (_, i) => ({ offset: view.getInt32(p + i * 6), dst: buf[p + i * 6 + 4] !== 0 }));
  p += typecnt * 6 + charcnt;
  const leapAt: number[] = [];
  const leapCorrection: number[] = [];
  for (let i = 0; i < leapcnt; i++, p += timeSize + 4) {
    leapAt.push(time(p));
    leapCorrection.push(view.getInt32(p + timeSize));
  }
  p += isstdcnt + isutcnt;
  if (types.length === 0 || index.some((t) => t >= types.length)) return null;
  let after: PosixRule | null = null;
  // glibc reads the footer only past the last transition, so a file without transitions keeps its first type.
  if (timeSize === 8 && timecnt > 0 && buf[p] === 0x0a) {
    const end = buf.indexOf(0x0a, p + 1);
    if (end > p + 1) after = parsePosixTz(new TextDecoder().decode(buf.subarray(p + 1, end)));
  }
  const standard = types.find((t) => !t.dst) ?? types[0]!;
  return { at, offsetFrom: index.map((t) => types[t]!.offset), initial: standard.offset, after, leapAt, leapCorrection };
}

/** The last index whose value is ≤ t, or -1. */
function lastAtOrBefore(list: number[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Seconds east of UTC in `zone` at `t` (seconds since the epoch), less the leap seconds a "right/" zone counts. */
export function zoneOffset(zone: Zone, t: number): number {
  const leap = lastAtOrBefore(zone.leapAt, t);
  const correction = leap < 0 ? 0 : zone.leapCorrection[leap]!;
  const i = lastAtOrBefore(zone.at, t);
  // A zone given as a rule alone has no transitions: the rule holds throughout.
  if (zone.after && i === zone.at.length - 1) return posixOffset(zone.after, t) - correction;
  return (i < 0 ? zone.initial : zone.offsetFrom[i]!) - correction;
}

function readZoneFile(path: string): Zone | null {
  try {
    return parseTzif(readFileSync(path));
  } catch {
    return null;
  }
}

/** The zone TZ names, as glibc's tzset() finds it; UTC when nothing fits. */
export function zoneFor(tz: string | undefined, tzdir = "/usr/share/zoneinfo"): Zone {
  if (tz === undefined) return readZoneFile("/etc/localtime") ?? UTC;
  if (tz === "") return UTC;
  const name = tz.startsWith(":") ? tz.slice(1) : tz;
  const file = name.startsWith("/") ? name : `${tzdir}/${name}`;
  const fromFile = name === "" ? null : readZoneFile(file);
  if (fromFile) return fromFile;
  const rule = parsePosixTz(name);
  return rule ? { ...UTC, after: rule, initial: rule.std } : UTC;
}

let cached: { tz: string | undefined; zone: Zone } | null = null;

/** Seconds east of UTC of local time at the instant `ms` (ms since the epoch). */
export function utcOffsetAt(ms: number): number {
  const tz = process.env.TZ;
  if (!cached || cached.tz !== tz) cached = { tz, zone: zoneFor(tz, process.env.TZDIR || undefined) };
  return zoneOffset(cached.zone, Math.floor(ms / 1000));
}

/** A Date whose UTC getters (getUTCHours, …) read the local time of the instant `ms`. */
export function localDate(ms: number): Date {
  return new Date(ms + utcOffsetAt(ms) * 1000);
}
