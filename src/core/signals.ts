// Signal names and numbers (Linux), as 4.2.5's signame() prints them ("SIGTERM") and its signal_number() accepts
// them ("TERM", "SIGTERM", "15"). Pure data: the platform layer does the sending.

export const SIGNALS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12,
  PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23,
  XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, PWR: 30, SYS: 31, RTMIN: 34, RTMAX: 64,
};

/** "SIGTERM" for 15, as 4.2.5's signame(); "signal 99" for a number it has no name for. */
export function signame(sig: number | string): string {
  if (typeof sig === "string") {
    const n = signalNumber(sig);
    return n === null ? sig : signame(n);
  }
  for (const [name, n] of Object.entries(SIGNALS)) if (n === sig) return `SIG${name}`;
  return `signal ${sig}`;
}

/** Accepts "TERM", "SIGTERM", "term", "15" or 15; null when it names no signal. 0 is accepted as 4.2.5 accepts it
 * (kill(2) with 0 only checks that the process exists). */
export function signalNumber(sig: number | string): number | null {
  if (typeof sig === "number") return Number.isInteger(sig) && sig >= 0 && sig < 65 ? sig : null;
  const s = sig.trim().toUpperCase();
  if (/^\d+$/.test(s)) return signalNumber(Number(s));
  const bare = s.startsWith("SIG") ? s.slice(3) : s;
  return SIGNALS[bare] ?? null;
}
