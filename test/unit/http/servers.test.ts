import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { appendFileSync, existsSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HttpServerError, startHttpServers } from "../../../src/http";
import type { HttpServers, InetServerSpec, UnixServerSpec } from "../../../src/http/types";
import { makeTmpDir } from "../../support/tmp";
import { FakeHandlers } from "./fake-handlers";

const AUTH = { Authorization: `Basic ${btoa("user:pass")}` };
let tmp: ReturnType<typeof makeTmpDir>;
let handlers: FakeHandlers;
const opened: HttpServers[] = [];

beforeEach(() => {
  tmp = makeTmpDir("sv-http-");
  handlers = new FakeHandlers();
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  tmp.cleanup();
});

function unixSpec(extra: Partial<UnixServerSpec> = {}): UnixServerSpec {
  const file = join(tmp.dir, "s.sock");
  return { kind: "unix", section: "unix_http_server", file, chmod: 0o700, chown: null, username: null, password: null, ...extra };
}

function inetSpec(extra: Partial<InetServerSpec> = {}): InetServerSpec {
  return { kind: "inet", section: "inet_http_server", host: "127.0.0.1", port: 0, username: null, password: null, ...extra };
}

async function start(spec: Parameters<typeof startHttpServers>[0]): Promise<HttpServers> {
  const s = await startHttpServers(spec, handlers);
  opened.push(s);
  return s;
}

const viaUnix = (path: string, init: RequestInit = {}) =>
  fetch(`http://localhost${path}`, { ...init, unix: join(tmp.dir, "s.sock") } as RequestInit);

describe("unix socket server", () => {
  test("binds with the configured mode, answers RPC and removes the file on close", async () => {
    const servers = await start({ httpServers: [unixSpec({ chmod: 0o760 })] });
    expect(statSync(join(tmp.dir, "s.sock")).mode & 0o777).toBe(0o760);
    const res = await viaUnix("/RPC2", { method: "POST", body: "<x/>" });
    expect(handlers.endpoint.bodies).toEqual(["<x/>"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    expect(await res.text()).toBe("<echo><x/></echo>");
    expect(handlers.logLines).toEqual([
      "INFO RPC interface 'supervisor' initialized",
      "CRIT Server 'unix_http_server' running without any HTTP authentication checking",
    ]);
    await servers.close();
    expect(existsSync(join(tmp.dir, "s.sock"))).toBe(false);
  });

  test("a socket in use is refused with 4.2.5's message; a stale one is replaced", async () => {
    await start({ httpServers: [unixSpec()] });
    const second = startHttpServers({ httpServers: [unixSpec()] }, new FakeHandlers());
    expect(second).rejects.toThrow(HttpServerError);
    expect(second).rejects.toThrow(/^Another program is already listening on a port/);
    await opened.pop()!.close();
    writeFileSync(join(tmp.dir, "s.sock"), ""); // a leftover file nobody answers on
    await start({ httpServers: [unixSpec()] });
    expect((await viaUnix("/", {})).status).toBe(200);
  });
});

describe("inet server and routes", () => {
  let base: string;
  beforeEach(async () => {
    const s = await start({ httpServers: [inetSpec({ username: "user", password: "pass" })] });
    base = `http://127.0.0.1:${s.inetPorts[0]}`;
  });

  test("every path asks for credentials first, in 4.2.5's form", async () => {
    for (const path of ["/RPC2", "/", "/logtail/x", "/nowhere"]) {
      const res = await fetch(base + path);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="default"');
      expect(await res.text()).toBe(
        "<head>\r\n<title>Error response</title>\r\n</head>\r\n<body>\r\n<h1>Error response</h1>\r\n" +
          "<p>Error code 401.\r\n<p>Message: Unauthorized.\r\n</body>\r\n",
      );
    }
    expect((await fetch(`${base}/`, { headers: { Authorization: "Basic a" } })).status).toBe(400);
  });

  test("RPC: POST only, undecodable bodies are 400, unknown paths 404, the web page at /", async () => {
    expect((await fetch(`${base}/RPC2`, { headers: AUTH })).status).toBe(400);
    expect((await fetch(`${base}/RPC2`, { method: "POST", body: "garbage", headers: AUTH })).status).toBe(400);
    expect((await fetch(`${base}/nowhere`, { headers: AUTH })).status).toBe(404);
    for (const path of ["/", "/index.html"]) {
      const page = await fetch(base + path, { headers: AUTH });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toStartWith("text/html");
    }
  });

  test("a browser POST from another site is refused before the body is read", async () => {
    const headers = { ...AUTH, Origin: "http://evil.example", "Content-Type": "text/plain" };
    const res = await fetch(`${base}/RPC2`, { method: "POST", body: "<x/>", headers });
    expect(res.status).toBe(403);
    expect(await res.text()).toStartWith("cross-site request refused");
    expect(handlers.endpoint.bodies).toEqual([]);
  });

  test("a waiting call does not hold up other requests", async () => {
    const slow = fetch(`${base}/RPC2`, { method: "POST", body: "slow:1", headers: AUTH });
    while (handlers.endpoint.pending === 0) await Bun.sleep(5);
    const quick = await fetch(`${base}/RPC2`, { method: "POST", body: "quick", headers: AUTH });
    expect(await quick.text()).toBe("<echo>quick</echo>");
    handlers.endpoint.release();
    expect(await (await slow).text()).toBe("<echo>slow:1</echo>");
  });

  test("/logtail follows the file: the last 1024 bytes, then appends, truncation and rotation", async () => {
    const file = join(tmp.dir, "cat.log");
    writeFileSync(file, `${"a".repeat(2000)}TAIL\n`);
    handlers.endpoint.logFiles.set("cat/stdout", file);
    expect((await fetch(`${base}/logtail/cat/stderr`, { headers: AUTH })).status).toBe(404);
    expect((await fetch(`${base}/logtail/dog`, { headers: AUTH })).status).toBe(404);
    const res = await fetch(`${base}/logtail/cat`, { headers: AUTH });
    expect(res.headers.get("content-type")).toBe("text/plain;charset=utf-8");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    const readUntil = async (needle: string) => {
      while (!seen.includes(needle)) seen += decoder.decode((await reader.read()).value);
    };
    await readUntil("TAIL\n");
    expect(seen.length).toBe(1024);
    appendFileSync(file, "more\n");
    await readUntil("more\n");
    writeFileSync(file, "x\n");
    await readUntil("==> File truncated <==\nx\n");
    renameSync(file, `${file}.1`); // rotation: the name now holds a new file, read from its start
    writeFileSync(file, "rotated\n");
    await readUntil("x\nrotated\n");
    await reader.cancel();
  });

  test("/mainlogtail streams the main log, 404 without one", async () => {
    expect((await fetch(`${base}/mainlogtail`, { headers: AUTH })).status).toBe(404);
    handlers.endpoint.mainLog = join(tmp.dir, "main.log");
    writeFileSync(handlers.endpoint.mainLog, "started\n");
    const res = await fetch(`${base}/mainlogtail`, { headers: AUTH });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("started\n");
    await reader.cancel();
  });
});

test("a TCP port in use is refused with 4.2.5's message", async () => {
  const first = await start({ httpServers: [inetSpec()] });
  const spec = { httpServers: [inetSpec({ port: first.inetPorts[0]! })] };
  expect(startHttpServers(spec, handlers)).rejects.toThrow(/^Another program is already listening/);
});

describe("several servers, as named sections give", () => {
  test("each is served with its own credentials; the log names each section in order", async () => {
    const web = inetSpec({ section: "inet_http_server:web" });
    const api = inetSpec({ section: "inet_http_server:api", username: "user", password: "pass" });
    const main = unixSpec({ section: "unix_http_server:main" });
    const servers = await start({ httpServers: [web, api, main] });
    const [webPort, apiPort] = servers.inetPorts;
    expect(webPort).not.toBe(apiPort);
    const post = (url: string, init: RequestInit = {}) => fetch(url, { method: "POST", body: "<x/>", ...init });
    expect((await post(`http://127.0.0.1:${webPort}/RPC2`)).status).toBe(200);
    expect((await post(`http://127.0.0.1:${apiPort}/RPC2`)).status).toBe(401);
    expect((await post(`http://127.0.0.1:${apiPort}/RPC2`, { headers: AUTH })).status).toBe(200);
    expect((await viaUnix("/RPC2", { method: "POST", body: "<x/>" })).status).toBe(200);
    expect(handlers.logLines).toEqual([
      "INFO RPC interface 'supervisor' initialized",
      "CRIT Server 'inet_http_server:web' running without any HTTP authentication checking",
      "INFO RPC interface 'supervisor' initialized",
      "INFO RPC interface 'supervisor' initialized",
      "CRIT Server 'unix_http_server:main' running without any HTTP authentication checking",
    ]);
    await servers.close();
    expect(existsSync(main.file)).toBe(false);
    expect(fetch(`http://127.0.0.1:${webPort}/`)).rejects.toThrow();
  });

  test("two unix sections naming one file: the second is refused (4.2.5 hangs), and no other is left running", async () => {
    const probe = await startHttpServers({ httpServers: [inetSpec()] }, new FakeHandlers());
    const port = probe.inetPorts[0]!;
    await probe.close();
    const a = inetSpec({ section: "inet_http_server:a", port });
    const spec = { httpServers: [a, unixSpec({ section: "unix_http_server:a" }), unixSpec({ section: "unix_http_server:b" })] };
    await expect(startHttpServers(spec, handlers)).rejects.toThrow(/^Another program is already listening/);
    expect(existsSync(join(tmp.dir, "s.sock"))).toBe(false);
    const again = await start({ httpServers: [a] });
    expect(again.inetPorts).toEqual([port]);
  });

  test("two on one TCP port: the second is refused", async () => {
    const probe = await startHttpServers({ httpServers: [inetSpec()] }, new FakeHandlers());
    const port = probe.inetPorts[0]!;
    await probe.close();
    const spec = { httpServers: [inetSpec({ section: "inet_http_server:a", port }), inetSpec({ section: "inet_http_server:b", port })] };
    await expect(startHttpServers(spec, handlers)).rejects.toThrow(/^Another program is already listening/);
  });
});
