import { expect, test } from "bun:test";
import { EventBus, eventPayload, isEventA, type SupervisorEvent } from "../../../src/core/events";
import { makeNamespec, splitNamespec } from "../../../src/core/namespec";
import { pyRepr } from "../../../src/core/pyrepr";
import { signalNumber, signame } from "../../../src/core/signals";
import { processStateName, ProcessState } from "../../../src/core/states";

test("namespecs as 4.2.5 splits and makes them", () => {
  expect(splitNamespec("web")).toEqual({ group: "web", process: "web" });
  expect(splitNamespec("g:web")).toEqual({ group: "g", process: "web" });
  expect(splitNamespec("g:*")).toEqual({ group: "g", process: null });
  expect(splitNamespec("g:")).toEqual({ group: "g", process: null });
  expect(makeNamespec("web", "web")).toBe("web");
  expect(makeNamespec("g", "web")).toBe("g:web");
});

test("signal names and numbers", () => {
  expect(signame(15)).toBe("SIGTERM");
  expect(signame("KILL")).toBe("SIGKILL");
  expect(signame(99)).toBe("signal 99");
  expect(signalNumber("hup")).toBe(1);
  expect(signalNumber("SIGUSR2")).toBe(12);
  expect(signalNumber("9")).toBe(9);
  expect(signalNumber("BOGUS")).toBeNull();
  expect(signalNumber(0)).toBe(0);
  expect(signalNumber("RTMIN")).toBe(34);
  expect(signalNumber(65)).toBeNull();
});

test("pyRepr quotes as Python does", () => {
  expect(pyRepr("web")).toBe("'web'");
  expect(pyRepr("it's")).toBe(`"it's"`);
  expect(pyRepr(`a'b"c`)).toBe(`'a\\'b"c'`);
  expect(pyRepr("a\nb\\")).toBe("'a\\nb\\\\'");
});

test("state codes", () => {
  expect(ProcessState.FATAL).toBe(200);
  expect(processStateName(1000)).toBe("UNKNOWN");
  expect(processStateName(7)).toBeUndefined();
});

test("event payloads as 4.2.5 renders them", () => {
  const base = { processName: "cat", groupName: "cat", tries: 0, pid: 42, expected: true } as const;
  expect(eventPayload({ ...base, type: "PROCESS_STATE_STARTING", from: "STOPPED", to: "STARTING" })).toBe(
    "processname:cat groupname:cat from_state:STOPPED tries:0",
  );
  expect(eventPayload({ ...base, type: "PROCESS_STATE_EXITED", from: "RUNNING", to: "EXITED", expected: false })).toBe(
    "processname:cat groupname:cat from_state:RUNNING expected:0 pid:42",
  );
  expect(eventPayload({ ...base, type: "PROCESS_STATE_FATAL", from: "BACKOFF", to: "FATAL" })).toBe(
    "processname:cat groupname:cat from_state:BACKOFF",
  );
  expect(eventPayload({ type: "PROCESS_GROUP_ADDED", groupName: "g" })).toBe("groupname:g\n");
  expect(eventPayload({ type: "REMOTE_COMMUNICATION", commType: "t", data: "d" })).toBe("type:t\nd");
});

test("an EventBus delivers to parent-type subscribers, isolates throwing listeners, and unsubscribes", () => {
  const errors: unknown[] = [];
  const bus = new EventBus((e) => errors.push(e));
  const heard: string[] = [];
  bus.subscribe("PROCESS_STATE", () => {
    throw new Error("boom");
  });
  const off = bus.subscribe("PROCESS_STATE", (e) => heard.push(e.type));
  bus.subscribe("TICK", (e) => heard.push(e.type));
  const ev: SupervisorEvent = { type: "PROCESS_GROUP_ADDED", groupName: "g" };
  bus.emit(ev);
  bus.emit({ type: "PROCESS_STATE_RUNNING", processName: "a", groupName: "a", from: "STARTING", to: "RUNNING", tries: 0, pid: 1, expected: true });
  off();
  bus.emit({ type: "PROCESS_STATE_FATAL", processName: "a", groupName: "a", from: "BACKOFF", to: "FATAL", tries: 0, pid: 0, expected: true });
  expect(heard).toEqual(["PROCESS_STATE_RUNNING"]);
  expect(errors).toHaveLength(2);
  expect(isEventA("TICK_5", "EVENT")).toBe(true);
  expect(isEventA("TICK_5", "PROCESS_STATE")).toBe(false);
});

import { describeProcess, formatStopTime, formatUptime } from "../../../src/core/describe";

test("descriptions as 4.2.5's status shows them", () => {
  const base = { name: "web", pid: 7, start: 1000, stop: 0, stopUtcOffset: 0, now: 1065, spawnerr: "" };
  expect(describeProcess({ ...base, state: "RUNNING" })).toBe("pid 7, uptime 0:01:05");
  expect(formatUptime(86400 * 2 + 3661)).toBe("2 days, 1:01:01");
  expect(formatUptime(86400)).toBe("1 day, 0:00:00");
  expect(describeProcess({ ...base, state: "FATAL", spawnerr: "can't find command 'x'" })).toBe("can't find command 'x'");
  expect(describeProcess({ ...base, state: "BACKOFF" })).toBe('unknown error (try "tail web")');
  expect(describeProcess({ ...base, state: "STOPPED", start: 0 })).toBe("Not started");
  expect(describeProcess({ ...base, state: "STOPPING" })).toBe("");
  expect(formatStopTime(1764122400, 0)).toBe("Nov 26 02:00 AM");
  expect(formatStopTime(1764122400, 11 * 3600)).toBe("Nov 26 01:00 PM");
  expect(describeProcess({ ...base, state: "EXITED", stop: 1764122400, stopUtcOffset: -5 * 3600 })).toBe("Nov 25 09:00 PM");
});
