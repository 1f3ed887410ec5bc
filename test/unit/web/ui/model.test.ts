import { expect, test } from "bun:test";
import {
  canStart,
  canStop,
  failedResults,
  formatUptime,
  groupProcesses,
  matchesFilter,
  namespec,
  stateSummary,
  uptimeOf,
} from "../../../../src/web/ui/model.js";

const proc = (name: string, group: string, statename = "RUNNING", extra = {}) => ({
  name, group, statename, description: "", start: 1000, stop: 0, now: 1065, state: 20, spawnerr: "", exitstatus: 0,
  pid: 42, stdout_logfile: "", stderr_logfile: "", ...extra,
});

test("uptime as 4.2.5 writes it", () => {
  expect(formatUptime(0)).toBe("0:00:00");
  expect(formatUptime(65)).toBe("0:01:05");
  expect(formatUptime(3 * 3600 + 4 * 60 + 5)).toBe("3:04:05");
  expect(formatUptime(86400 + 1)).toBe("1 day, 0:00:01");
  expect(formatUptime(2 * 86400 + 3600)).toBe("2 days, 1:00:00");
  expect(uptimeOf(proc("a", "a"))).toBe("0:01:05");
  expect(uptimeOf(proc("a", "a", "STOPPED"))).toBe("");
});

test("which actions a state allows follows 4.2.5's RUNNING_STATES", () => {
  for (const s of ["STARTING", "RUNNING", "BACKOFF"]) expect([canStart(proc("a", "a", s)), canStop(proc("a", "a", s))]).toEqual([false, true]);
  for (const s of ["STOPPED", "EXITED", "FATAL", "UNKNOWN"]) expect([canStart(proc("a", "a", s)), canStop(proc("a", "a", s))]).toEqual([true, false]);
  expect([canStart(proc("a", "a", "STOPPING")), canStop(proc("a", "a", "STOPPING"))]).toEqual([false, false]);
});

test("groups sorted by name; a lone process named like its group is shown without a header", () => {
  const groups = groupProcesses([proc("web_1", "web"), proc("cat", "cat"), proc("web_0", "web"), proc("x", "pool")]);
  expect(groups.map((g) => [g.name, g.single, g.processes.map(namespec)])).toEqual([
    ["cat", true, ["cat"]],
    ["pool", false, ["pool:x"]],
    ["web", false, ["web:web_0", "web:web_1"]],
  ]);
});

test("the filter matches group:name, ignoring case and spaces around", () => {
  const p = proc("web_0", "Web");
  expect(matchesFilter(p, "")).toBe(true);
  expect(matchesFilter(p, " web ")).toBe(true);
  expect(matchesFilter(p, "web:web_0")).toBe(true);
  expect(matchesFilter(p, "cat")).toBe(false);
});

test("group summary and the failures of a list answer", () => {
  expect(stateSummary([proc("a", "g"), proc("b", "g", "FATAL"), proc("c", "g")])).toBe("2 running, 1 fatal");
  expect(
    failedResults([
      { name: "a", group: "a", status: 80, description: "OK" },
      { name: "b", group: "g", status: 60, description: "ALREADY_STARTED: g:b" },
    ]),
  ).toEqual([{ name: "g:b", status: 60, description: "ALREADY_STARTED: g:b" }]);
});
