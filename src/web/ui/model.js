// @ts-check
// What the page derives from getAllProcessInfo: groups, which actions a state allows, uptime text, the filter.
// No DOM here, so the rules can be tested outside a browser.

/**
 * @typedef {{ name: string, group: string, description: string, start: number, stop: number, now: number,
 *   state: number, statename: string, spawnerr: string, exitstatus: number, pid: number,
 *   stdout_logfile: string, stderr_logfile: string }} ProcessInfo  one struct of supervisor.getAllProcessInfo
 * @typedef {{ name: string, processes: ProcessInfo[], single: boolean }} Group
 */

/** 4.2.5's RUNNING_STATES: the states in which startProcess says ALREADY_STARTED and stopProcess can act. */
const RUNNING_STATES = new Set(["STARTING", "RUNNING", "BACKOFF"]);

/** @param {ProcessInfo} p */
export const namespec = (p) => (p.group === p.name ? p.name : `${p.group}:${p.name}`);

/** @param {ProcessInfo} p */
export const canStop = (p) => RUNNING_STATES.has(p.statename);

/** @param {ProcessInfo} p */
export const canStart = (p) => !RUNNING_STATES.has(p.statename) && p.statename !== "STOPPING";

/** The CSS class that colours a state: one per state name, lower case. */
export const stateClass = (/** @type {string} */ statename) => `st-${statename.toLowerCase()}`;

/** Seconds as 4.2.5 writes an uptime: "0:05:09", "2 days, 3:04:05". */
export function formatUptime(/** @type {number} */ seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hms = `${Math.floor((s % 86400) / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return days ? `${days} day${days === 1 ? "" : "s"}, ${hms}` : hms;
}

/** The uptime of a running process, or "" when it is not running. @param {ProcessInfo} p */
export const uptimeOf = (p) => (p.statename === "RUNNING" && p.start ? formatUptime(p.now - p.start) : "");

/** @param {string} a @param {string} b */
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups processes by group name, both sorted by name. A program with one process named like its group is
 * "single": it is shown as a plain row, without a group header to fold.
 * @param {ProcessInfo[]} processes @returns {Group[]}
 */
export function groupProcesses(processes) {
  /** @type {Map<string, ProcessInfo[]>} */
  const by = new Map();
  for (const p of processes) by.set(p.group, [...(by.get(p.group) ?? []), p]);
  return [...by.keys()].sort(byName).map((name) => {
    const ps = /** @type {ProcessInfo[]} */ (by.get(name)).sort((a, b) => byName(a.name, b.name));
    return { name, processes: ps, single: ps.length === 1 && ps[0].name === name };
  });
}

/** Whether a process matches the filter box: case-insensitive, on "group:name". @param {ProcessInfo} p @param {string} text */
export function matchesFilter(p, text) {
  const t = text.trim().toLowerCase();
  return !t || `${p.group}:${p.name}`.toLowerCase().includes(t);
}

/** "2 running, 1 stopped" for a group header. @param {ProcessInfo[]} ps */
export function stateSummary(ps) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const p of ps) counts.set(p.statename, (counts.get(p.statename) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state.toLowerCase()}`).join(", ");
}

/**
 * The outcome list of startAllProcesses / stopAllProcesses / start|stopProcessGroup, reduced to the failures.
 * @param {unknown} results @returns {{ name: string, status: number, description: string }[]}
 */
export function failedResults(results) {
  const SUCCESS = 80;
  const list = /** @type {{ name: string, group: string, status: number, description: string }[]} */ (results);
  return list
    .filter((r) => r.status !== SUCCESS)
    .map((r) => ({ name: r.group === r.name ? r.name : `${r.group}:${r.name}`, status: r.status, description: r.description }));
}
