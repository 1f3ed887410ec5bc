// The fronts of the TCP server and of the unix socket: requests reach Bun.serve byte for byte but for the empty lines
// where a request line is expected; bodies of every framing, Expect: 100-continue, half-close, shutdown and answers
// larger than every buffer on the way behave as Bun.serve alone does.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { startHttpServers } from "../../../src/http";
import type { HttpServers } from "../../../src/http/types";
import { makeTmpDir } from "../../support/tmp";
import { FakeHandlers } from "./fake-handlers";

let tmp: ReturnType<typeof makeTmpDir>;
let handlers: FakeHandlers;
let servers: HttpServers;

beforeEach(async () => {
  tmp = makeTmpDir("sv-front-");
  handlers = new FakeHandlers();
  const open = { username: null, password: null };
  const inet = { kind: "inet", section: "inet_http_server", host: "127.0.0.1", port: 0, ...open } as const;
  const unix = { kind: "unix", section: "unix_http_server", file: join(tmp.dir, "s.sock"), chmod: 0o700, chown: null, ...open } as const;
  servers = await startHttpServers({ httpServers: [inet, unix] }, handlers);
});
afterEach(async () => {
  await servers.close();
  tmp.cleanup();
});

type Where = "tcp" | "unix";
interface Step {
  send?: string;
  halfClose?: boolean;
  act?: () => void;
  until: (reply: string) => boolean;
}

/**
 * A raw conversation with the front at `where`: `steps` are written in order, each after the reply holds what the
 * one before awaits. A `slow` reader takes one read at a time, each on a later turn of the event loop, so that the
 * answer backs up through every buffer on the way.
 */
function converse(where: Where, steps: Step[], slow = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = where === "tcp" ? connect({ host: "127.0.0.1", port: servers.inetPorts[0]! }) : connect({ path: join(tmp.dir, "s.sock") });
    let reply = "";
    let step = 0;
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`step ${step}: no such reply; got ${JSON.stringify(reply)}`));
    }, 5000);
    const run = () => {
      while (step < steps.length && (step === 0 || steps[step - 1]!.until(reply))) {
        const s = steps[step++]!;
        if (s.send) sock.write(s.send, "latin1");
        if (s.halfClose) sock.end();
        s.act?.();
      }
      if (step === steps.length && steps[step - 1]!.until(reply)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(reply);
      }
    };
    sock.on("connect", run);
    sock.on("data", (d) => {
      reply += d.toString("latin1");
      run();
      if (!slow) return;
      sock.pause();
      setTimeout(() => sock.resume(), 1);
    });
    sock.on("end", () => {
      reply += "<EOF>";
      run();
    });
    sock.on("error", reject);
  });
}

const statuses = (reply: string) => reply.match(/HTTP\/1\.1 \d{3}/g) ?? [];
const post = (body: string, extra = "") =>
  `POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

describe.each(["tcp", "unix"] as const)("the %s front", (where) => {
  test("empty lines before, between and after requests get no answer of their own", async () => {
    const reply = await converse(where, [
      { send: `\r\n${post("<a/>")}\r\n${post("<b/>")}\r\n\r\n`, until: (r) => r.includes("<echo><b/></echo>") },
      { send: post("<c/>", "Connection: close\r\n"), until: (r) => r.endsWith("<EOF>") },
    ]);
    expect(statuses(reply)).toEqual(["HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 200"]);
    expect(handlers.endpoint.bodies).toEqual(["<a/>", "<b/>", "<c/>"]);
  });

  test("a chunked body and Expect: 100-continue reach the server whole", async () => {
    const chunked = "POST /RPC2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<a/\r\n1\r\n>\r\n0\r\n\r\n\r\n";
    await converse(where, [{ send: chunked, until: (r) => r.includes("<echo><a/></echo>") }]);
    const reply = await converse(where, [
      { send: "POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n", until: (r) => r.includes("100 Continue") },
      { send: "<b/>", until: (r) => r.includes("<echo><b/></echo>") },
    ]);
    expect(statuses(reply)).toEqual(["HTTP/1.1 100", "HTTP/1.1 200"]);
    expect(handlers.endpoint.bodies).toEqual(["<a/>", "<b/>"]);
  });

  test("a log stream stays open after the extra CRLF; shutdown ends it and closes the inner server's socket", async () => {
    const log = join(tmp.dir, "cat.log");
    writeFileSync(log, "one\n");
    handlers.endpoint.logFiles.set("cat/stdout", log);
    // The inner Bun.serve listens on an abstract unix socket, listed in /proc/net/unix with a leading @.
    const innerListening = () => readFileSync("/proc/net/unix", "utf8").includes(`@supervisord-http-${process.pid}-`);
    expect(innerListening()).toBe(true);
    let closed: Promise<void> | null = null;
    const reply = await converse(where, [
      { send: "GET /logtail/cat HTTP/1.1\r\nHost: x\r\n\r\n\r\n", until: (r) => r.includes("one\n") },
      { act: () => (closed = servers.close()), until: (r) => r.endsWith("<EOF>") },
    ]);
    await closed;
    expect(statuses(reply)).toEqual(["HTTP/1.1 200"]);
    expect(innerListening()).toBe(false);
  });

  test("an answer larger than every buffer on the way reaches a slow reader whole, and the next one after it", async () => {
    const big = (tag: string) => `<${tag}>${"0123456789abcdef".repeat(192 * 1024)}</${tag}>`; // 3 MB each
    const reply = await converse(
      where,
      [
        { send: post(big("a")), until: (r) => r.includes("</a></echo>") },
        { send: post(big("b"), "Connection: close\r\n"), until: (r) => r.endsWith("<EOF>") },
      ],
      true,
    );
    expect(statuses(reply)).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    const answers = reply.split(/HTTP\/1\.1 200 OK\r\n[^]*?\r\n\r\n/).slice(1);
    expect(answers.map((a) => a.replace("<EOF>", ""))).toEqual([`<echo>${big("a")}</echo>`, `<echo>${big("b")}</echo>`]);
  }, 30_000);

  test("a client that half-closes after its request still gets the answer", async () => {
    const reply = await converse(where, [{ send: post("<h/>"), halfClose: true, until: (r) => r.endsWith("<EOF>") }]);
    expect(reply).toContain("<echo><h/></echo>");
  });
});
