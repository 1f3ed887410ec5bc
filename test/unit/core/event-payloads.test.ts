import { describe, expect, test } from "bun:test";
import { EventSerials, eventEnvelope, pyLength, SerialCounter } from "../../../src/core/event-payloads";
import type { SupervisorEvent } from "../../../src/core/events";

const ids = { server: "supervisor", serial: 7, pool: "mail", poolSerial: 2 };

describe("the envelope a listener reads", () => {
  test("4.2.5's header fields, in its order, then the payload", () => {
    const e: SupervisorEvent = {
      type: "PROCESS_STATE_EXITED",
      processName: "cat",
      groupName: "cat",
      from: "RUNNING",
      to: "EXITED",
      tries: 0,
      pid: 42,
      expected: false,
    };
    const payload = "processname:cat groupname:cat from_state:RUNNING expected:0 pid:42";
    expect(eventEnvelope(e, ids)).toBe(
      `ver:3.0 server:supervisor serial:7 pool:mail poolserial:2 eventname:PROCESS_STATE_EXITED len:${payload.length}\n${payload}`,
    );
  });

  test("len counts characters as Python does, not UTF-8 bytes", () => {
    const e: SupervisorEvent = { type: "REMOTE_COMMUNICATION", commType: "t", data: "héllo 🙂" };
    const text = eventEnvelope(e, ids);
    expect(text).toContain(" len:14\n");
    expect(pyLength("héllo 🙂")).toBe(7);
  });

  test("events without payload fields", () => {
    expect(eventEnvelope({ type: "SUPERVISOR_STATE_CHANGE_RUNNING" }, ids)).toBe(
      "ver:3.0 server:supervisor serial:7 pool:mail poolserial:2 eventname:SUPERVISOR_STATE_CHANGE_RUNNING len:0\n",
    );
    expect(eventEnvelope({ type: "TICK_60", when: 1700000040 }, ids)).toEndWith("eventname:TICK_60 len:15\nwhen:1700000040");
    expect(eventEnvelope({ type: "PROCESS_GROUP_REMOVED", groupName: "web" }, ids)).toEndWith("len:14\ngroupname:web\n");
  });
});

describe("serials", () => {
  test("count from 0", () => {
    const c = new SerialCounter();
    expect([c.next(), c.next(), c.next()]).toEqual([0, 1, 2]);
  });

  test("one event keeps one supervisor-wide serial, however many pools ask", () => {
    const s = new EventSerials();
    const a: SupervisorEvent = { type: "SUPERVISOR_STATE_CHANGE_RUNNING" };
    const b: SupervisorEvent = { type: "SUPERVISOR_STATE_CHANGE_STOPPING" };
    expect(s.of(a)).toBe(0);
    expect(s.of(b)).toBe(1);
    expect(s.of(a)).toBe(0);
  });
});
