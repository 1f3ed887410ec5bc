// The HTTP servers of the compiled supervisord: both at once, socket mode and auth, stale and live sockets,
// requests that wait, and the tail -f streams.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, statSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { DaemonRun, killAll, writeConfig } from "../support/daemon";
import { SUPERVISORD } from "../support/paths";
import { testEnv } from "../support/run";
import { waitFor } from "../support/wait";
import { freePort } from "../support/web-target";
import { rpc, rpcFetch, type Target } from "./http-client";

const started: number[] = [];
const daemons: DaemonRun[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  // A graceful stop first: SIGKILL alone would leave the daemon's children running.
  for (const d of daemons.splice(0)) if (d.proc.exitCode === null) await d.stop();
  killAll(started.splice(0));
  for (const c of cleanups.splice(0)) c();
});

/** Each test starts one or two daemons; a busy machine can take seconds for that. */
const TIMEOUT_MS = 30_000;
const SHA_OF_PASS = "9d4e1e23bd5b727046a9e3b4b7db57bd8d6ee684";

async function daemon(programs: string, servers: string) {
  const cfg = writeConfig(programs, servers);
  cleanups.push(cfg.cleanup);
  const d = new DaemonRun(cfg.dir, cfg.file, "ours");
  started.push(d.proc.pid);
  daemons.push(d);
  const sock = join(cfg.dir, "s.sock");
  await waitFor("the unix socket", () => {
    if (d.proc.exitCode !== null) throw new Error(`supervisord exited ${d.proc.exitCode}`);
    return existsSync(sock);
  });
  return { d, dir: cfg.dir, sock, file: cfg.file };
}

type Reader = { read(): Promise<{ value?: Uint8Array; done: boolean }> };

async function readUntil(reader: Reader, needle: string, seen = ""): Promise<string> {
  const decoder = new TextDecoder();
  while (!seen.includes(needle)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${JSON.stringify(needle)}; got ${JSON.stringify(seen)}`);
    seen += decoder.decode(value);
  }
  return seen;
}

/**
 * Sends raw bytes and collects the reply until `enough` says so or the server closes; throws after a deadline.
 * 4.2.5's clients send requests that fetch() cannot (an empty Host, an extra CRLF), so these go byte by byte.
 */
function exchange(where: { path: string } | { port: number; host: string }, bytes: string, enough: (reply: string) => boolean) {
  return new Promise<{ reply: string; write(more: string): void; wait(until: (reply: string) => boolean): Promise<string>; close(): void }>(
    (resolve, reject) => {
      const sock = connect(where);
      let reply = "";
      let waiting: { until: (r: string) => boolean; done: (r: string) => void; fail: (e: Error) => void } | null = null;
      const check = () => {
        if (!waiting) return;
        const w = waiting;
        if (w.until(reply)) {
          waiting = null;
          w.done(reply);
        } else if (reply.endsWith("<EOF>")) {
          waiting = null;
          w.fail(new Error(`the server closed first; got ${JSON.stringify(reply)}`));
        }
      };
      const handle = {
        get reply() {
          return reply;
        },
        write: (more: string) => sock.write(more, "latin1"),
        wait: (until: (r: string) => boolean) =>
          new Promise<string>((done, fail) => {
            waiting = { until, done, fail };
            setTimeout(() => fail(new Error(`no such reply; got ${JSON.stringify(reply)}`)), 15_000).unref();
            check();
          }),
        close: () => sock.destroy(),
      };
      sock.on("data", (d) => {
        reply += d.toString("latin1");
        check();
      });
      sock.on("end", () => {
        reply += "<EOF>";
        check();
      });
      sock.on("error", reject);
      sock.on("connect", () => {
        sock.write(bytes, "latin1");
        handle.wait(enough).then(() => resolve(handle), reject);
      });
    },
  );
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe("supervisord HTTP servers", () => {
  test("unix socket and TCP at once: socket mode, basic auth on TCP only, socket removed at shutdown", async () => {
    const port = await freePort();
    const { d, sock } = await daemon(
      "[program:cat]\ncommand=cat\nstartsecs=0\n",
      `[unix_http_server]\nfile=%(here)s/s.sock\nchmod=0770\n` +
        `[inet_http_server]\nport=127.0.0.1:${port}\nusername=user\npassword={SHA}${SHA_OF_PASS}\n`,
    );
    expect(statSync(sock).mode & 0o777).toBe(0o770);
    expect(statSync(sock).isSocket()).toBe(true);
    expect(await rpc({ unix: sock }, "supervisor.getState")).toEqual({ statecode: 1, statename: "RUNNING" });
    const tcp: Target = { base: `http://127.0.0.1:${port}` };
    const refused = await rpcFetch(tcp, "<x/>");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Basic realm="default"');
    expect((await rpcFetch({ ...tcp, auth: "user:wrong" }, "<x/>")).status).toBe(401);
    expect(await rpc({ ...tcp, auth: "user:pass" }, "supervisor.getState")).toEqual({ statecode: 1, statename: "RUNNING" });
    expect(d.messages()).toContain("Server 'unix_http_server' running without any HTTP authentication checking");
    expect(d.messages().filter((m) => m === "RPC interface 'supervisor' initialized")).toHaveLength(2);
    expect(await d.stop()).toBe(0);
    expect(existsSync(sock)).toBe(false);
  }, TIMEOUT_MS);

  test("a stale socket file is replaced; a live one refuses a second daemon with 4.2.5's message", async () => {
    const cfg = writeConfig("", "[unix_http_server]\nfile=%(here)s/s.sock\n");
    cleanups.push(cfg.cleanup);
    const sock = join(cfg.dir, "s.sock");
    // A socket file nobody listens on, as a killed daemon leaves behind.
    Bun.spawnSync(["python3", "-c", `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(sock)})`], { env: testEnv() });
    expect(statSync(sock).isSocket()).toBe(true);
    const first = new DaemonRun(cfg.dir, cfg.file, "ours");
    started.push(first.proc.pid);
    daemons.push(first);
    await waitFor("the first daemon answering", () => rpc({ unix: sock }, "supervisor.getState").catch(() => null));
    const second = Bun.spawn([SUPERVISORD, "-n", "-c", cfg.file], { env: testEnv(), stdout: "ignore", stderr: "pipe" });
    started.push(second.pid);
    expect(await second.exited).toBe(2);
    expect(await new Response(second.stderr).text()).toBe(
      "Error: Another program is already listening on a port that one of our HTTP servers is configured to use.  " +
        `Shut this program down first before starting supervisord.\nFor help, use ${SUPERVISORD} -h\n`,
    );
    expect(await rpc({ unix: sock }, "supervisor.getAPIVersion")).toBe("3.0");
    expect(await first.stop()).toBe(0);
    expect(await new Response(first.proc.stderr as ReadableStream).text()).toContain(`Unlinking stale socket ${sock}\n`);
  }, TIMEOUT_MS);

  test("startProcess waiting out startsecs does not hold up other requests", async () => {
    const { sock } = await daemon(
      "[program:slow]\ncommand=forever\nstartsecs=2\nautostart=false\n",
      "[unix_http_server]\nfile=%(here)s/s.sock\n",
    );
    const t = { unix: sock };
    const began = performance.now();
    let startedAt = 0;
    const starting = rpc(t, "supervisor.startProcess", "slow", true).then((v) => ((startedAt = performance.now()), v));
    await waitFor("slow STARTING", async () => ((await rpc(t, "supervisor.getProcessInfo", "slow")) as { statename: string }).statename === "STARTING");
    const answeredAt = performance.now();
    expect(await rpc(t, "supervisor.getState")).toEqual({ statecode: 1, statename: "RUNNING" });
    expect(startedAt).toBe(0);
    expect(await starting).toBe(true);
    expect(startedAt - began).toBeGreaterThan(1900);
    expect(answeredAt - began).toBeLessThan(1500);
  }, TIMEOUT_MS);

  test("/logtail follows a process log like tail -f; /mainlogtail the main log", async () => {
    const { sock } = await daemon("[program:cat]\ncommand=cat\nstartsecs=0\n", "[unix_http_server]\nfile=%(here)s/s.sock\n");
    const t = { unix: sock };
    await waitFor("cat RUNNING", async () => ((await rpc(t, "supervisor.getProcessInfo", "cat")) as { statename: string }).statename === "RUNNING");
    const get = (path: string) => fetch(`http://localhost${path}`, { unix: sock } as RequestInit);
    expect((await get("/logtail/nope")).status).toBe(404);
    expect((await get("/logtail/cat/nope")).status).toBe(404);
    await rpc(t, "supervisor.sendProcessStdin", "cat", "one\n");
    await waitFor("one in the log", async () => ((await rpc(t, "supervisor.tailProcessStdoutLog", "cat", 0, 100)) as string[])[0] === "one\n");
    const res = await get("/logtail/cat");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain;charset=utf-8");
    const reader = res.body!.getReader();
    let seen = await readUntil(reader, "one\n");
    await rpc(t, "supervisor.sendProcessStdin", "cat", "two\n");
    seen = await readUntil(reader, "two\n", seen);
    expect(seen).toBe("one\ntwo\n");
    await reader.cancel();
    const main = (await get("/mainlogtail")).body!.getReader();
    await readUntil(main, "supervisord started with pid");
    await main.cancel();
  }, TIMEOUT_MS);

  test("an empty Host header (4.2.5's supervisorctl over a unix socket): /logtail and /mainlogtail are still served", async () => {
    const { sock } = await daemon(
      "[group:grp]\nprograms=a\n[program:a]\ncommand=sh -c 'echo hello-a; exec sleep 1000'\nstartsecs=0\n",
      "[unix_http_server]\nfile=%(here)s/s.sock\n",
    );
    const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: \r\nAccept: */*\r\n\r\n`;
    const tail = await exchange({ path: sock }, get("/logtail/grp:a/stdout"), (r) => r.includes("hello-a"));
    expect(tail.reply).toStartWith("HTTP/1.1 200 OK\r\n");
    expect(tail.reply).toMatch(/\r\nContent-Type: text\/plain;charset=utf-8\r\n/);
    tail.close();
    const main = await exchange({ path: sock }, get("/mainlogtail"), (r) => r.includes("supervisord started with pid"));
    expect(main.reply).toStartWith("HTTP/1.1 200 OK\r\n");
    main.close();
  }, TIMEOUT_MS);

  /** Exactly 4.2.5's tail -f request: its headers end with two CRLFs, then one more. */
  const TAIL_REQUEST =
    "GET /logtail/cat/stdout HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: chunked\r\nAccept: */*\r\n" +
    "User-agent: Supervisor HTTP Client\r\n\r\n\r\n";

  /** Follows cat's log with TAIL_REQUEST at `where` while a line is added: one answer, still open. */
  async function tailWithExtraCrlf(where: { path: string } | { port: number; host: string }, sock: string) {
    const t = { unix: sock };
    await waitFor("cat RUNNING", async () => ((await rpc(t, "supervisor.getProcessInfo", "cat")) as { statename: string }).statename === "RUNNING");
    await rpc(t, "supervisor.sendProcessStdin", "cat", "one\n");
    const stream = await exchange(where, TAIL_REQUEST, (r) => r.includes("one\n"));
    await rpc(t, "supervisor.sendProcessStdin", "cat", "two\n");
    const seen = await stream.wait((r) => r.includes("two\n"));
    stream.close();
    expect(count(seen, "HTTP/1.1 ")).toBe(1);
    expect(seen).toStartWith("HTTP/1.1 200 OK\r\n");
    expect(seen).toContain("\r\nTransfer-Encoding: chunked\r\n");
    expect(seen).not.toContain("<EOF>");
  }

  test("TCP: an extra CRLF after a request (4.2.5's tail -f sends one) gets no response of its own", async () => {
    const port = await freePort();
    const { sock } = await daemon(
      "[program:cat]\ncommand=cat\nstartsecs=0\n",
      `[unix_http_server]\nfile=%(here)s/s.sock\n[inet_http_server]\nport=127.0.0.1:${port}\n`,
    );
    const tcp = { port, host: "127.0.0.1" };
    await tailWithExtraCrlf(tcp, sock);
    // Between two requests on one connection the empty line is skipped too: two answers, no 400.
    const body = "<?xml version='1.0'?><methodCall><methodName>supervisor.getAPIVersion</methodName></methodCall>";
    const post = (extra: string) =>
      `POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;
    const both = await exchange(tcp, `${post("")}\r\n${post("Connection: close\r\n")}`, (r) => r.endsWith("<EOF>"));
    expect(count(both.reply, "HTTP/1.1 200 OK\r\n")).toBe(2);
    expect(count(both.reply, "HTTP/1.1 ")).toBe(2);
  }, TIMEOUT_MS);

  test("unix socket: an extra CRLF after a request (4.2.5's tail -f sends one) gets no response of its own", async () => {
    const { sock } = await daemon("[program:cat]\ncommand=cat\nstartsecs=0\n", "[unix_http_server]\nfile=%(here)s/s.sock\n");
    await tailWithExtraCrlf({ path: sock }, sock);
  }, TIMEOUT_MS);
});
