// Masks what legitimately differs between two runs: pids, times, the temporary folder and the random part of AUTO
// log names. Everything else must match field by field.
import type { Rule } from "./scenario";

export interface StepResult {
  label: string;
  /** How long the step took: reported, never compared. */
  ms?: number;
  ok?: unknown;
  fault?: [number, string];
  http?: number;
  error?: string;
}

const TIME_KEYS = new Set(["pid", "start", "stop", "now"]);

function maskString(s: string, dir: string): string {
  return s
    .split(dir)
    .join("<DIR>")
    .replace(/---compat-[A-Za-z0-9_]+\.log/g, "---compat-<R>.log")
    .replace(/pid \d+, uptime \d+:\d\d:\d\d/g, "pid <PID>, uptime <UP>")
    .replace(/^[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M$/, "<STOPPED AT>");
}

function maskValue(v: unknown, dir: string, key?: string): unknown {
  if (typeof v === "string") return maskString(v, dir);
  if (typeof v === "number" && key && TIME_KEYS.has(key)) return v === 0 ? 0 : "<N>";
  if (Array.isArray(v)) return v.map((x) => maskValue(x, dir));
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskValue(x, dir, k)]));
  }
  return v;
}

function sortKey(v: unknown): string {
  return JSON.stringify(v);
}

/** The result with run-specific values masked, then the step's comparison rule applied (scenario.ts RULES). */
export function maskResult(r: StepResult, dir: string, rule?: Rule): StepResult {
  const { ms: _, ...rest } = r;
  if (!("ok" in rest)) return maskValue(rest, dir) as StepResult;
  let ok = maskValue(rest.ok, dir);
  if (rule === "volatile") ok = `<${typeof rest.ok}>`;
  if (rule === "unordered" && Array.isArray(ok)) ok = [...ok].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  if (rule === "logfiles" && Array.isArray(ok)) {
    ok = ok.map((c) => ({ ...(c as object), stdout_logfile: "<LOGFILE>", stderr_logfile: "<LOGFILE>" }));
  }
  return { ...rest, ok };
}
