// supervisor.shutdown and supervisor.restart answer before they act, as 4.2.5's do: a client (here Python's
// xmlrpc.client, as scripts use it) gets `True`, never a reset connection, even when nothing is left to stop and
// the daemon could close its servers at once.
import { expect, test } from "bun:test";
import { DaemonRun, testScope, writeConfig } from "../support/daemon";
import { run } from "../support/run";
import { waitFor } from "../support/wait";
import { freePort } from "../support/web-target";

const { started, cleanups } = testScope();

const CLIENT = `
import http.client, json, socket, sys, xmlrpc.client
class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.path = path
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(self.path)
class UnixTransport(xmlrpc.client.Transport):
    def __init__(self, path):
        super().__init__()
        self.path = path
    def make_connection(self, host):
        return UnixConnection(self.path)
where = sys.argv[1]
if where.startswith("http://"):
    proxy = xmlrpc.client.ServerProxy(where + "/RPC2")
else:
    proxy = xmlrpc.client.ServerProxy("http://localhost", transport=UnixTransport(where))
for call in sys.argv[2:]:
    method, *args = call.split(" ")
    try:
        print(json.dumps(getattr(proxy.supervisor, method)(*[{"true": True, "false": False}.get(a, a) for a in args])))
    except Exception as e:
        print("ERROR " + type(e).__name__ + ": " + str(e))
`;

async function daemonWithServers() {
  const port = await freePort();
  const cfg = writeConfig(
    "[program:calm]\ncommand=forever\nstartsecs=0\n",
    `[unix_http_server]\nfile=%(here)s/supervisor.sock\n[inet_http_server]\nport=127.0.0.1:${port}\n` +
      "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n",
  );
  cleanups.push(cfg.cleanup);
  const d = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(d.proc.pid);
  await d.waitForLine("success: calm entered RUNNING state", 20_000);
  started.push(d.spawnedPid("calm"));
  const client = async (where: string, ...calls: string[]) =>
    (await run(["python3", "-c", CLIENT, where, ...calls], { timeoutMs: 30_000 })).stdout.trim().split("\n");
  return { d, client, tcp: `http://127.0.0.1:${port}`, unix: `${cfg.dir}/supervisor.sock` };
}

test("shutdown after stopAllProcesses answers True over TCP, then the daemon exits 0", async () => {
  const { d, client, tcp } = await daemonWithServers();
  const [stopped, answer] = await client(tcp, "stopAllProcesses true", "shutdown");
  expect(JSON.parse(stopped!)).toEqual([{ name: "calm", group: "calm", status: 80, description: "OK" }]);
  expect(answer).toBe("true");
  expect(await d.exited(20_000)).toBe(0);
}, 45_000);

test("shutdown with nothing running answers True over the unix socket; so does restart, which then restarts", async () => {
  const { d, client, unix } = await daemonWithServers();
  expect(await client(unix, "stopProcess calm true", "restart")).toEqual(["true", "true"]);
  const count = (prefix: string) => d.messages().filter((m) => m.startsWith(prefix)).length;
  await waitFor("calm RUNNING after the restart", () => count("supervisord started with pid") === 2 && count("success: calm") === 2, {
    timeoutMs: 20_000,
  });
  started.push(d.spawnedPid("calm"));
  const [stopped, answer] = await client(unix, "stopAllProcesses true", "shutdown");
  expect(JSON.parse(stopped!)).toEqual([{ name: "calm", group: "calm", status: 80, description: "OK" }]);
  expect(answer).toBe("true");
  expect(await d.exited(20_000)).toBe(0);
}, 60_000);
