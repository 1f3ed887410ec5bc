import { describe, expect, test } from "bun:test";
import { ListenerProtocol } from "../../../src/daemon/event-protocol";

function make() {
  const seen: string[] = [];
  const p = new ListenerProtocol("rec", {
    log: (level, m) => seen.push(`${level}: ${m}`),
    ready: () => seen.push("ready"),
    result: (b) => seen.push(`result ${new TextDecoder().decode(b)}`),
    rejected: () => seen.push("rejected"),
  });
  const say = (s: string) => p.feed(new TextEncoder().encode(s));
  return { p, seen, say };
}

describe("the listener protocol on stdout", () => {
  test("READY, an event, a result split across reads, READY again", () => {
    const { p, seen, say } = make();
    expect(p.state).toBe("ACKNOWLEDGED");
    say("REA");
    expect(p.state).toBe("ACKNOWLEDGED");
    say("DY\n");
    expect(p.state).toBe("READY");
    p.sent();
    say("RESULT 2");
    say("\nO");
    expect(seen.filter((s) => s.startsWith("result"))).toEqual([]);
    say("K");
    expect(seen).toEqual(["debug: rec: ACKNOWLEDGED -> READY", "ready", "result OK"]);
    p.change("ACKNOWLEDGED");
    say("READY\n");
    expect(p.state).toBe("READY");
  });

  test("a result and the next READY in one read", () => {
    const { p, seen, say } = make();
    say("READY\n");
    p.sent();
    p.feed(new TextEncoder().encode("RESULT 4\nFAIL"));
    expect(seen.at(-1)).toBe("result FAIL");
  });

  test("anything but READY first is a protocol violation: UNKNOWN for good", () => {
    const { p, seen, say } = make();
    say("hello\n");
    expect(p.state).toBe("UNKNOWN");
    expect(seen.at(-1)).toContain("rec: has entered the UNKNOWN state and will no longer receive events");
    say("READY\n");
    expect(p.state).toBe("UNKNOWN");
  });

  test("output while READY is spurious", () => {
    const { p, say } = make();
    say("READY\nREADY\n");
    expect(p.state).toBe("UNKNOWN");
  });

  test("a bad RESULT line rejects the event in flight", () => {
    const { p, seen, say } = make();
    say("READY\n");
    p.sent();
    say("RESULT two\n");
    expect(p.state).toBe("UNKNOWN");
    expect(seen).toContain("warn: rec: bad result line: 'RESULT two'");
    expect(seen.at(-1)).toBe("rejected");
  });
});
