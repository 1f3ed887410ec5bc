import { describe, expect, test } from "bun:test";
import type { FcgiSocket } from "../../../src/config/types";
import type { ProcessStateName } from "../../../src/core/states";
import { FcgiSocketShare, type SocketOpener } from "../../../src/daemon/fcgi-socket";
import type { Process } from "../../../src/daemon/process";
import { RecordingLogger } from "../../support/fake-platform";

class FakeOpener implements SocketOpener {
  calls: string[] = [];
  fail: string | null = null;
  private next = 10;
  open(s: FcgiSocket): number {
    if (this.fail) throw new Error(this.fail);
    this.calls.push(`open ${s.kind}`);
    return this.next++;
  }
  close(fd: number): void {
    this.calls.push(`close ${fd}`);
  }
}

function fakeProcess(name: string) {
  const watchers: ((to: ProcessStateName) => void)[] = [];
  const p = { config: { name }, watch: (fn: (to: ProcessStateName) => void) => (watchers.push(fn), () => {}) };
  return { p: p as unknown as Process, enter: (s: ProcessStateName) => watchers.forEach((w) => w(s)) };
}

const tcp: FcgiSocket = { kind: "tcp", host: "127.0.0.1", port: 9000, backlog: null };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the fcgi socket of a pool", () => {
  test("opened once to check it, then held from the first spawn to the last exit", async () => {
    const opener = new FakeOpener();
    const log = new RecordingLogger();
    const share = new FcgiSocketShare(tcp, opener, log);
    expect(opener.calls).toEqual(["open tcp", "close 10"]);
    const a = fakeProcess("a");
    const b = fakeProcess("b");
    share.adopt([a.p, b.p]);
    expect(share.acquire("a")).toBe(11);
    expect(share.acquire("b")).toBe(11);
    a.enter("EXITED");
    await settle();
    expect(opener.calls.at(-1)).toBe("open tcp");
    b.enter("STOPPED");
    await settle();
    expect(opener.calls.at(-1)).toBe("close 11");
    expect(log.messages()).toEqual([
      "Creating socket tcp://127.0.0.1:9000",
      "Closing socket tcp://127.0.0.1:9000",
      "Creating socket tcp://127.0.0.1:9000",
      "Closing socket tcp://127.0.0.1:9000",
    ]);
  });

  test("a socket that cannot be opened is reported at once and fails the spawn", () => {
    const opener = new FakeOpener();
    opener.fail = "[Errno 98] Address already in use";
    const log = new RecordingLogger();
    const share = new FcgiSocketShare(tcp, opener, log);
    expect(log.messages()).toContain(
      "Could not create FastCGI socket tcp://127.0.0.1:9000: [Errno 98] Address already in use",
    );
    expect(() => share.acquire("a")).toThrow("Address already in use");
  });
});
