// Quiet pipes are watched through SIGIO and one epoll set: every write and every close is noticed, including a
// close that happens before the pipe is armed, or together with the last write.
import { expect, test } from "bun:test";
import { PipeSource } from "../../../src/platform/pipe-source";
import { pipeWatch } from "../../../src/platform/pipe-watch";
import { closeFd, outputPipe } from "../../../src/platform/pipes";
import { waitFor } from "../../support/wait";

function child(script: string): { fd: number; exited: Promise<number> } {
  const { readFd, writeFd } = outputPipe();
  const p = Bun.spawn(["sh", "-c", script], { stdout: writeFd, stderr: "inherit" });
  closeFd(writeFd);
  return { fd: readFd, exited: p.exited };
}

test("a child that writes one line and exits at once: the line and the end are both noticed, every time", async () => {
  // The write and the close often come as one merged SIGIO, or before the pipe is armed at all.
  for (let i = 0; i < 100; i++) {
    const { fd, exited } = child("echo hi");
    let text = "";
    await new PipeSource(fd).start({ feed: (view) => void (text += Buffer.from(view).toString()) });
    expect(text).toBe("hi\n");
    await exited;
  }
}, 30_000);

test("100 children writing now and then: every line arrives, with no reader per pipe", async () => {
  const lines = new Map<number, string>();
  const children = Array.from({ length: 100 }, (_, i) => {
    const c = child(`for n in 1 2 3 4 5; do echo $n; sleep 0.0$((${i} % 5)); done`);
    lines.set(i, "");
    return new PipeSource(c.fd).start({ feed: (view) => void lines.set(i, lines.get(i) + Buffer.from(view).toString()) });
  });
  await Promise.all(children);
  for (const text of lines.values()) expect(text).toBe("1\n2\n3\n4\n5\n");
}, 30_000);

test("an armed pipe is reported once per arming; a released one not at all", async () => {
  const [a, b] = [outputPipe(), outputPipe()];
  let calls = 0;
  let other = 0;
  pipeWatch().arm(a.readFd, { ready: () => void calls++ });
  Bun.write(Bun.file(a.writeFd), "x");
  await waitFor("the report", () => calls === 1);
  Bun.write(Bun.file(a.writeFd), "y"); // unread, and not armed again
  // Another pipe's report comes from a later ask of the same set, which would have reported `a` too.
  pipeWatch().arm(b.readFd, { ready: () => void other++ });
  Bun.write(Bun.file(b.writeFd), "z");
  await waitFor("the other pipe's report", () => other === 1);
  expect(calls).toBe(1);
  pipeWatch().release(a.readFd);
  pipeWatch().arm(a.readFd, { ready: () => void calls++ }); // armed again with bytes waiting: reported at once
  expect(calls).toBe(2);
  for (const { readFd, writeFd } of [a, b]) {
    pipeWatch().release(readFd);
    closeFd(readFd);
    closeFd(writeFd);
  }
});
