// The description column of getProcessInfo / `supervisorctl status`, as 4.2.5's _interpretProcessInfo writes it.
import type { ProcessStateName } from "./states";

export interface DescribeInput {
  name: string;
  state: ProcessStateName;
  pid: number;
  /** Wall-clock seconds; 0 when never started / stopped. */
  start: number;
  stop: number;
  /** Seconds east of UTC at `stop`, in the daemon's local time (platform/localtime). */
  stopUtcOffset: number;
  now: number;
  spawnerr: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** Python's str(timedelta) for whole seconds: "0:00:05", "1 day, 2:03:04", "3 days, 0:00:00". */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const rest = s % 86400;
  const hms = `${Math.floor(rest / 3600)}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  return days ? `${days} day${days === 1 ? "" : "s"}, ${hms}` : hms;
}

/** strftime('%b %d %I:%M %p') of a wall-clock second, in the local time `utcOffset` seconds east of UTC. */
export function formatStopTime(seconds: number, utcOffset: number): string {
  const d = new Date((seconds + utcOffset) * 1000);
  const hours = d.getUTCHours();
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(hours % 12 || 12)}:${pad(d.getUTCMinutes())} ${hours < 12 ? "AM" : "PM"}`;
}

export function describeProcess(p: DescribeInput): string {
  switch (p.state) {
    case "RUNNING":
      // 4.2.5 subtracts whole-second UTC datetimes, so a sub-second start counts as truncated.
      return `pid ${p.pid}, uptime ${formatUptime(p.now - p.start)}`;
    case "FATAL":
    case "BACKOFF":
      return p.spawnerr || `unknown error (try "tail ${p.name}")`;
    case "STOPPED":
    case "EXITED":
      return p.start ? formatStopTime(p.stop, p.stopUtcOffset) : "Not started";
    default:
      return "";
  }
}
