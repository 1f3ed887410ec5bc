// [fcgi-program:x] through the compiled daemon: supervisord opens the socket, three children serve HTTP on it as
// their fd 0 (a Python accept loop), requests reach all three, and the socket is gone once every child stopped.
import { describe, expect, test } from "bun:test";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DaemonRun, testScope, writeConfig } from "../support/daemon";
import { SUPERVISORCTL } from "../support/paths";
import { run } from "../support/run";
import { waitFor } from "../support/wait";

const { started, cleanups } = testScope();

// Serves one request, then pauses a little so that the next connection goes to a sibling.
const SERVER = `import os, socket, time
s = socket.socket(fileno=0)
while True:
    c, _ = s.accept()
    c.recv(65536)
    body = os.environ["SUPERVISOR_PROCESS_NAME"].encode()
    c.sendall(b"HTTP/1.0 200 OK\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n" % len(body) + body)
    c.close()
    time.sleep(0.05)
`;

function freePort(): number {
  const l = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = l.port;
  l.stop(true);
  return port;
}

async function start(socketLine: string) {
  const cfg = writeConfig("");
  cleanups.push(cfg.cleanup);
  writeFileSync(join(cfg.dir, "serve.py"), SERVER);
  writeFileSync(
    cfg.file,
    `[supervisord]\nlogfile=${cfg.dir}/supervisord.log\npidfile=${cfg.dir}/supervisord.pid\nchildlogdir=${cfg.dir}\n` +
      `[unix_http_server]\nfile=${cfg.dir}/supervisor.sock\n` +
      "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n" +
      `[supervisorctl]\nserverurl=unix://${cfg.dir}/supervisor.sock\n` +
      `[fcgi-program:web]\ncommand=python3 %(here)s/serve.py\n${socketLine}\nnumprocs=3\n` +
      "process_name=%(program_name)s_%(process_num)s\nstartsecs=0\n",
  );
  const d = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(d.proc.pid);
  for (const n of [0, 1, 2]) await d.waitForLine(`success: web_${n} entered RUNNING state`);
  for (const n of [0, 1, 2]) started.push(d.spawnedPid(`web_${n}`));
  return { d, dir: cfg.dir, ctl: (...a: string[]) => run([SUPERVISORCTL, "-c", cfg.file, ...a]) };
}

/** Requests until every child answered once (each names itself); the names in the order seen. */
async function reachAll(get: () => Promise<string>): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < 200 && seen.size < 3; i++) seen.add(await get());
  return seen;
}

describe("fcgi-program", () => {
  test("three children share a TCP socket; it closes when the last one stops", async () => {
    const port = freePort();
    const { d, ctl } = await start(`socket=tcp://127.0.0.1:${port}`);
    const url = `http://127.0.0.1:${port}/`;
    const seen = await reachAll(async () => (await fetch(url)).text());
    expect([...seen].sort()).toEqual(["web_0", "web_1", "web_2"]);
    expect((await ctl("stop", "all")).exitCode).toBe(0);
    await d.waitForLine(`Closing socket tcp://127.0.0.1:${port}`);
    await expect(fetch(url)).rejects.toThrow();
    const opened = d.messages().filter((m) => m.startsWith("Creating socket"));
    expect(opened).toEqual([`Creating socket tcp://127.0.0.1:${port}`, `Creating socket tcp://127.0.0.1:${port}`]);
    expect(await d.stop()).toBe(0);
  }, 40_000);

  test("a unix socket gets socket_mode, and a restart opens it again", async () => {
    const tmpSock = "web.sock";
    const { d, dir, ctl } = await start(`socket=unix://%(here)s/${tmpSock}\nsocket_mode=0660`);
    const path = join(dir, tmpSock);
    expect(statSync(path).mode & 0o777).toBe(0o660);
    const seen = await reachAll(async () => (await fetch("http://localhost/", { unix: path })).text());
    expect(seen.size).toBe(3);
    await ctl("stop", "all");
    await d.waitForLine(`Closing socket unix://${path}`);
    await expect(fetch("http://localhost/", { unix: path })).rejects.toThrow();
    await ctl("start", "all");
    await waitFor("served again", async () => (await fetch("http://localhost/", { unix: path })).ok);
    for (const n of [0, 1, 2]) started.push(d.spawnedPid(`web_${n}`));
    expect(await d.stop()).toBe(0);
  }, 40_000);
});
