import { expect, test } from "bun:test";
import { describeError, describeFault } from "../../../../src/web/ui/messages.js";
import { Faults } from "../../../../src/core/faults";

const fault = (code: number, faultString: string) => ({ name: "RpcFault", code, faultString });
const transport = (status: number, message = "") => ({ name: "TransportError", status, message });

test("each fault of 4.2.5's table reads as a sentence, without the fault's name or number", () => {
  for (const [name, code] of Object.entries(Faults)) {
    const text = describeFault(code, `${name}: web:web_0`, { verb: "stop", name: "web:web_0" });
    expect(text).not.toContain(name);
    expect(text).not.toMatch(/fault|\d{2}/i);
    expect(text).toMatch(/^[A-Za-z].*[.:a-z0-9_)]$/);
  }
});

test("the common faults say what happened to which process", () => {
  const act = { verb: "stop", name: "web:web_0" };
  expect(describeFault(70, "NOT_RUNNING: web:web_0", act)).toBe("web:web_0 is not running.");
  expect(describeFault(60, "ALREADY_STARTED: web:web_0", { verb: "start", name: "web:web_0" })).toBe("web:web_0 is already running.");
  expect(describeFault(10, "BAD_NAME: ghost", { verb: "start", name: "ghost" })).toBe(
    "There is no process or group named ghost. The configuration may have changed; refresh.",
  );
  expect(describeFault(20, "NO_FILE: can't find command '/x'", { verb: "start", name: "b" })).toBe(
    "b cannot start: can't find command '/x'.",
  );
  expect(describeFault(50, "SPAWN_ERROR: b", { verb: "start", name: "b" })).toBe("b could not be started: b");
  expect(describeFault(6, "SHUTDOWN_STATE", { verb: "read the process list" })).toBe(
    "supervisord is shutting down; it no longer accepts commands.",
  );
  expect(describeFault(999, "WHATEVER: odd", { verb: "stop", name: "a" })).toBe("Could not stop a: odd");
});

test("transport problems read as sentences too", () => {
  const act = { verb: "stop", name: "a" };
  expect(describeError(transport(0, "supervisord cannot be reached. Is it running?"), act)).toBe(
    "Could not stop: supervisord cannot be reached. Is it running?",
  );
  expect(describeError(transport(0, "supervisord did not answer within 10 s"), act)).toBe(
    "Could not stop: supervisord did not answer within 10 s",
  );
  expect(describeError(transport(401), act)).toBe("Your login was not accepted. Reload the page to log in again.");
  expect(describeError(transport(403, "cross-site request refused: x"), act)).toBe(
    "supervisord refused to stop (cross-site request refused: x)",
  );
  expect(describeError(transport(500), act)).toBe("Could not stop: supervisord answered with HTTP error 500.");
  expect(describeError(fault(70, "NOT_RUNNING: a"), act)).toBe("a is not running.");
  expect(describeError(new Error("boom"), act)).toBe("Could not stop: boom");
});
