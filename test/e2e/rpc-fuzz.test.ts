// 10,000 malformed or hostile requests against one running supervisord: each gets a fault or a 4xx (never a 5xx,
// never a dropped connection), the daemon keeps answering, and its child is untouched.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { decodeResponse, XmlRpcFault } from "../../src/rpc/codec";
import { DaemonRun, killAll, writeConfig } from "../support/daemon";
import { waitFor } from "../support/wait";
import { freePort } from "../support/web-target";
import { rpc, type Target } from "./http-client";
import { CHILD, type FuzzCase, generate } from "./rpc-fuzz-corpus";

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_425);
const CONCURRENCY = 16;
const ACCEPTED = new Set([400, 401, 403, 404, 405, 411, 413]);

let d: DaemonRun;
let cfg: ReturnType<typeof writeConfig>;
let base: string;
const good: Target = { auth: "user:pass" };

beforeAll(async () => {
  const port = await freePort();
  cfg = writeConfig(
    `[program:${CHILD}]\ncommand=forever\nstartsecs=0\n`,
    `[inet_http_server]\nport=127.0.0.1:${port}\nusername=user\npassword=pass\n[unix_http_server]\nfile=%(here)s/s.sock\n`,
  );
  d = new DaemonRun(cfg.dir, cfg.file, "ours");
  base = `http://127.0.0.1:${port}`;
  good.base = base;
  await waitFor("the socket", () => existsSync(join(cfg.dir, "s.sock")));
  await waitFor(`${CHILD} RUNNING`, async () => ((await rpc(good, "supervisor.getProcessInfo", CHILD)) as { statename: string }).statename === "RUNNING");
});

afterAll(async () => {
  if (d.proc.exitCode === null) await d.stop();
  killAll([d.proc.pid]);
  cfg.cleanup();
});

/** What one request got: "ok" for an accepted answer, else a description of what went wrong. */
async function send(c: FuzzCase): Promise<string> {
  const headers: Record<string, string> = { "Content-Type": "text/xml" };
  if (c.auth) headers.Authorization = c.auth;
  let res: Response;
  try {
    res = await fetch(`${base}/RPC2`, { method: c.method, headers, body: c.method === "GET" ? undefined : c.body });
  } catch (e) {
    return `${c.kind}: connection failed (${(e as Error).message})`;
  }
  const text = await res.text();
  if (ACCEPTED.has(res.status)) return "ok";
  if (res.status !== 200) return `${c.kind}: HTTP ${res.status}`;
  try {
    decodeResponse(text);
  } catch (e) {
    if (!(e instanceof XmlRpcFault)) return `${c.kind}: undecodable 200 response (${(e as Error).message})`;
  }
  return "ok";
}

test(`${COUNT} hostile requests: faults or 4xx only, daemon up, child untouched (seed ${SEED})`, async () => {
  const before = (await rpc(good, "supervisor.getProcessInfo", CHILD)) as { pid: number; start: number };
  const cases = generate(SEED, COUNT, `Basic ${btoa("user:pass")}`);
  const problems: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) {
        const verdict = await send(cases[next++]);
        if (verdict !== "ok" && problems.length < 20) problems.push(verdict);
      }
    }),
  );
  expect(problems).toEqual([]);
  expect(d.proc.exitCode).toBeNull();
  expect(await rpc(good, "supervisor.getState")).toEqual({ statecode: 1, statename: "RUNNING" });
  const after = (await rpc(good, "supervisor.getProcessInfo", CHILD)) as { pid: number; start: number; statename: string };
  expect({ pid: after.pid, start: after.start, state: after.statename }).toEqual({ pid: before.pid, start: before.start, state: "RUNNING" });
  expect(d.messages().filter((m) => m.includes("raised an unexpected exception"))).toEqual([]);
}, 120_000);
