// POSIX TZ rules ("EST5EDT,M3.2.0,M11.1.0", "<+0330>-3:30", "CET-1CEST,M3.5.0,M10.5.0/3"): the TZ variable's own
// form, and the footer of a TZif file that says what follows its last transition. Read and applied as glibc does.

/** One date of a rule: Jn (1..365, never Feb 29), n (0..365) or Mm.w.d, and the local time of the change. */
interface ChangeDate {
  kind: "J" | "n" | "M";
  day: number;
  month: number;
  week: number;
  secs: number;
}

export interface PosixRule {
  /** Offsets in seconds east of UTC. */
  std: number;
  dst: { offset: number; start: ChangeDate; end: ChangeDate } | null;
}

const DAY = 86400;
/** glibc falls back to its posixrules file, which is New York's rules; these are those rules. */
const US_RULES = ",M3.2.0,M11.1.0";

class Cursor {
  constructor(
    private readonly text: string,
    public at = 0,
  ) {}
  get done() {
    return this.at >= this.text.length;
  }
  peek() {
    return this.text[this.at] ?? "";
  }
  take(re: RegExp): string | null {
    re.lastIndex = this.at;
    const m = re.exec(this.text);
    if (!m) return null;
    this.at += m[0].length;
    return m[0];
  }
}

function name(c: Cursor): boolean {
  return c.take(/<[A-Za-z0-9+-]{3,}>/y) !== null || c.take(/[A-Za-z]{3,}/y) !== null;
}

/** [+-]hh[:mm[:ss]] as seconds (the sign as written); `maxHours` bounds hh. */
function clock(c: Cursor, maxHours: number): number | null {
  const t = c.take(/[+-]?\d{1,3}(:\d{1,2}(:\d{1,2})?)?/y);
  if (t === null) return null;
  const sign = t.startsWith("-") ? -1 : 1;
  const [h = 0, m = 0, s = 0] = t.replace(/^[+-]/, "").split(":").map(Number);
  if (h > maxHours || m > 59 || s > 59) return null;
  return sign * (h * 3600 + m * 60 + s);
}

function changeDate(c: Cursor): ChangeDate | null {
  const m = c.take(/M(\d{1,2})\.(\d)\.(\d)/y);
  let date: ChangeDate;
  if (m) {
    const [month, week, day] = m.slice(1).split(".").map(Number) as [number, number, number];
    if (month < 1 || month > 12 || week < 1 || week > 5 || day > 6) return null;
    date = { kind: "M", month, week, day, secs: 7200 };
  } else {
    const j = c.take(/J?\d{1,3}/y);
    if (!j) return null;
    const julian = j.startsWith("J");
    const day = Number(julian ? j.slice(1) : j);
    if (julian ? day < 1 || day > 365 : day > 365) return null;
    date = { kind: julian ? "J" : "n", day, month: 0, week: 0, secs: 7200 };
  }
  if (c.peek() === "/") {
    c.at++;
    const secs = clock(c, 167);
    if (secs === null) return null;
    date.secs = secs;
  }
  return date;
}

/** The rule TZ (or a TZif footer) states; null when it is not one. */
export function parsePosixTz(text: string): PosixRule | null {
  const c = new Cursor(text);
  if (!name(c)) return null;
  const west = clock(c, 24);
  if (west === null) return null;
  const std = -west;
  if (c.done || !name(c)) return { std, dst: null };
  const dstWest = c.peek() === "," || c.done ? null : clock(c, 24);
  const offset = dstWest === null ? std + 3600 : -dstWest;
  const rules = new Cursor(c.done ? US_RULES : text, c.done ? 0 : c.at);
  if (rules.peek() !== ",") return { std, dst: null };
  rules.at++;
  const start = changeDate(rules);
  if (!start || rules.peek() !== ",") return { std, dst: null };
  rules.at++;
  const end = changeDate(rules);
  return end ? { std, dst: { offset, start, end } } : { std, dst: null };
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The instant (seconds since the epoch) of a change in `year`, for a rule whose local clock is `offset` east.
 * glibc counts from 1970 for any earlier year (taking the month lengths and weekdays of the year itself); so do we,
 * so that old instants come out as 4.2.5 shows them. */
function changeAt(d: ChangeDate, year: number, offset: number): number {
  const yearStart = year > 1970 ? Date.UTC(year, 0, 1) / 1000 : 0;
  let days: number;
  if (d.kind === "J") days = d.day - 1 + (d.day >= 60 && isLeap(year) ? 1 : 0);
  else if (d.kind === "n") days = d.day;
  else {
    const first = Date.UTC(year, d.month - 1, 1);
    const length = (Date.UTC(year, d.month, 1) - first) / (DAY * 1000);
    let day = (d.day - new Date(first).getUTCDay() + 7) % 7;
    for (let w = 1; w < d.week && day + 7 < length; w++) day += 7;
    days = (first - Date.UTC(year, 0, 1)) / (DAY * 1000) + day;
  }
  return yearStart + days * DAY + d.secs - offset;
}

/** Seconds east of UTC under `rule` at `t` (seconds since the epoch). Like glibc, both changes are those of the
 * UTC year of `t`. */
export function posixOffset(rule: PosixRule, t: number): number {
  if (!rule.dst) return rule.std;
  const year = new Date(t * 1000).getUTCFullYear();
  const start = changeAt(rule.dst.start, year, rule.std);
  const end = changeAt(rule.dst.end, year, rule.dst.offset);
  const inDst = start > end ? t < end || t >= start : t >= start && t < end;
  return inDst ? rule.dst.offset : rule.std;
}
