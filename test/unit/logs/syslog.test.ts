import { afterEach, beforeEach, expect, test } from "bun:test";
import { join } from "node:path";
import { createSyslogSender } from "../../../src/platform/syslog";
import { makeTmpDir } from "../../support/tmp";
import { waitFor } from "../../support/wait";

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTmpDir("sv-syslog-");
});
afterEach(() => tmp.cleanup());

test("messages reach a datagram socket in syslog(3)'s format", async () => {
  const sock = join(tmp.dir, "log");
  const receiver = Bun.spawn(
    [
      "python3",
      "-c",
      `import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("ready", flush=True)
for _ in range(2):
    print(s.recv(4096).decode(), flush=True)`,
      sock,
    ],
    { stdout: "pipe" },
  );
  const out = receiver.stdout.getReader();
  let text = "";
  const readMore = async () => {
    const { value } = await out.read();
    text += new TextDecoder().decode(value);
    return text;
  };
  await waitFor("the receiver", async () => (await readMore()).includes("ready"));
  const send = createSyslogSender(sock, "supervisord");
  send("x hello");
  send("x world");
  send.close();
  await waitFor("two messages", async () => (await readMore()).split("\n").length >= 4);
  await receiver.exited;
  const lines = text.split("\n").slice(1, 3);
  for (const [i, word] of ["hello", "world"].entries()) {
    expect(lines[i]).toMatch(new RegExp(`^<14>[A-Z][a-z]{2} [ 0-9]\\d \\d{2}:\\d{2}:\\d{2} supervisord: x ${word}$`));
  }
}, 30_000); // the receiver is a Python process, slow to start on a busy machine

test("without a syslog daemon, messages are dropped without an error", () => {
  const send = createSyslogSender(join(tmp.dir, "nobody-listens"));
  expect(() => send("lost")).not.toThrow();
  send.close();
});
