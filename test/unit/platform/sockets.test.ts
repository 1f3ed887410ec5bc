import { afterEach, expect, test } from "bun:test";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeSocket, openListeningSocket } from "../../../src/platform/sockets";
import { makeTmpDir } from "../../support/tmp";

const open: number[] = [];
const dirs: (() => void)[] = [];
afterEach(() => {
  for (const fd of open.splice(0)) closeSocket(fd);
  for (const c of dirs.splice(0)) c();
});

test("a TCP socket listens until closed, and a taken port says so in Python's words", async () => {
  const fd = openListeningSocket({ kind: "tcp", host: "127.0.0.1", port: 0 }, 5);
  open.push(fd);
  expect(fd).toBeGreaterThan(2);
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  expect(() => openListeningSocket({ kind: "tcp", host: "127.0.0.1", port }, null)).toThrow("[Errno 98] Address already in use");
  probe.stop(true);
  expect(() => openListeningSocket({ kind: "tcp", host: "example.com", port: 1 }, null)).toThrow("cannot resolve example.com");
});

test("a unix socket replaces a leftover file and takes the configured mode", () => {
  const tmp = makeTmpDir("sv-sock-");
  dirs.push(tmp.cleanup);
  const path = join(tmp.dir, "s.sock");
  writeFileSync(path, "stale");
  const fd = openListeningSocket({ kind: "unix", path, owner: null, mode: 0o640 }, null);
  open.push(fd);
  expect(statSync(path).isSocket()).toBe(true);
  expect(statSync(path).mode & 0o777).toBe(0o640);
});
