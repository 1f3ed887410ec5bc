// The supervisord that a web test drives, behind one URL that serves the page at / and XML-RPC at /RPC2.
//   ours:      dist/supervisord, which serves the page itself (the real target).
//   reference: 4.2.5's supervisord behind a small test-only server that serves our page and passes /RPC2 (and the
//              credentials) through, applying our cross-site guard, so the page can be developed and checked
//              against 4.2.5's API before our daemon serves it.
// WEB_TARGETS (comma-separated: ours, reference; default ours) picks which ones run.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { decodeResponse, encodeRequest, type XmlRpcValue } from "../../src/rpc/codec";
import { checkCrossSite } from "../../src/web/csrf";
import { webResponse } from "../../src/web/assets";
import { SUPERVISORD } from "./paths";
import { REFERENCE_SKIP_REASON, refBin } from "./reference";
import { testEnv } from "./run";
import { makeTmpDir } from "./tmp";
import { waitFor } from "./wait";

export type TargetKind = "ours" | "reference";

export const USER = "admin";
export const PASSWORD = "s3cret-pw";

export interface WebTarget {
  kind: TargetKind;
  /** Where the browser goes: "http://127.0.0.1:PORT/". */
  url: string;
  /** The daemon's folder: its config, logs and whatever the test programs read. */
  dir: string;
  /** One XML-RPC call through the same URL, with the right credentials; throws on a fault. */
  call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue>;
  stop(): Promise<void>;
}

export function targetKinds(): TargetKind[] {
  const kinds = (process.env.WEB_TARGETS ?? "ours").split(",").map((s) => s.trim());
  for (const k of kinds) if (k !== "ours" && k !== "reference") throw new Error(`WEB_TARGETS: '${k}' is not ours or reference`);
  return kinds as TargetKind[];
}

/** Why a kind cannot run here, or null. */
export function targetSkipReason(kind: TargetKind): string | null {
  if (kind === "reference") return REFERENCE_SKIP_REASON;
  return existsSync(SUPERVISORD) ? null : `${SUPERVISORD} not built (bun scripts/build.ts)`;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, "127.0.0.1", ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

const AUTH = `Basic ${btoa(`${USER}:${PASSWORD}`)}`;

async function xmlrpc(url: string, method: string, params: XmlRpcValue[]): Promise<XmlRpcValue> {
  const res = await fetch(new URL("RPC2", url), {
    // A fresh connection per call, as supervisorctl does: a pooled one may have been closed by the server's idle
    // timeout just as it is reused, and reads as ECONNRESET.
    keepalive: false,
    method: "POST",
    headers: { Authorization: AUTH, "Content-Type": "text/xml" },
    body: encodeRequest(method, params),
  });
  if (res.status !== 200) throw new Error(`${method}: HTTP ${res.status}`);
  return decodeResponse(await res.text());
}

function configText(port: number, programs: string): string {
  return [
    "[supervisord]",
    "logfile=%(here)s/supervisord.log",
    "pidfile=%(here)s/supervisord.pid",
    "childlogdir=%(here)s",
    "nodaemon=true",
    "",
    "[inet_http_server]",
    `port=127.0.0.1:${port}`,
    `username=${USER}`,
    `password=${PASSWORD}`,
    "",
    "[rpcinterface:supervisor]",
    "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
    "",
    programs,
  ].join("\n");
}

/** The reference behind a same-origin front: our assets at /, /RPC2 passed through after the cross-site guard. */
function frontFor(backend: string) {
  return Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const auth = req.headers.get("authorization");
      const fwd: Record<string, string> = auth ? { Authorization: auth } : {};
      if (url.pathname === "/RPC2") {
        const verdict = checkCrossSite(req.method, req.headers);
        if (!verdict.ok) return new Response(verdict.reason, { status: 403, headers: { "Content-Type": "text/plain" } });
        fwd["Content-Type"] = "text/xml";
        const res = await fetch(new URL("/RPC2", backend), { method: req.method, headers: fwd, body: await req.text() }).catch(
          () => new Response("supervisord is not answering", { status: 502, headers: { "Content-Type": "text/plain" } }),
        );
        const headers: Record<string, string> = { "Content-Type": res.headers.get("content-type") ?? "text/plain" };
        const challenge = res.headers.get("www-authenticate");
        if (challenge) headers["WWW-Authenticate"] = challenge;
        return new Response(await res.text(), { status: res.status, headers });
      }
      // The reference decides who is logged in: it answers an unknown path 401 or 404.
      const probe = await fetch(new URL("/no-such-page", backend), { headers: fwd });
      if (probe.status === 401) {
        const challenge = probe.headers.get("www-authenticate") ?? 'Basic realm="default"';
        return new Response(await probe.text(), { status: 401, headers: { "WWW-Authenticate": challenge } });
      }
      return (await webResponse(req.method, url.pathname, req.headers.get("if-none-match"))) ?? new Response(null, { status: 404 });
    },
  });
}

/** Starts `kind` with the given program sections (the daemon runs in its own temporary folder). */
export async function startWebTarget(kind: TargetKind, programs: string, files: Record<string, string> = {}): Promise<WebTarget> {
  const tmp = makeTmpDir("sv-web-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp.dir, name), text);
  const port = await freePort();
  const conf = join(tmp.dir, "supervisord.conf");
  writeFileSync(conf, configText(port, programs));
  const exe = kind === "ours" ? SUPERVISORD : refBin("supervisord");
  const errLog = join(tmp.dir, "daemon.stderr");
  const proc = Bun.spawn([exe, "-n", "-c", conf], { cwd: tmp.dir, env: testEnv(), stdout: "ignore", stderr: Bun.file(errLog) });
  const backend = `http://127.0.0.1:${port}/`;
  const front = kind === "reference" ? frontFor(backend) : null;
  const url = front ? `http://127.0.0.1:${front.port}/` : backend;
  const stop = async () => {
    front?.stop(true);
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    await proc.exited;
    clearTimeout(timer);
    tmp.cleanup();
  };
  try {
    const up = await waitFor(`${kind} supervisord answering on port ${port}`, async () =>
      proc.exitCode !== null ? "exited" : ((await xmlrpc(url, "supervisor.getState", [])) && "up"),
    );
    if (up === "exited") throw new Error(`${kind} supervisord exited with ${proc.exitCode}`);
  } catch (e) {
    const stderr = existsSync(errLog) ? readFileSync(errLog, "utf8").slice(-2000) : "";
    await stop();
    throw new Error(`${(e as Error).message}\nits stderr:\n${stderr}`);
  }
  return { kind, url, dir: tmp.dir, call: (method, ...params) => xmlrpc(url, method, params), stop };
}
