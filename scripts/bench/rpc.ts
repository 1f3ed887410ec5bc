// getAllProcessInfo under load: 8 clients call it back to back over the unix socket for DURATION seconds, against
// ours (dist/supervisord) and the reference 4.2.5, with 100 and then 1,000 programs running. Prints requests per
// second, p50 and p99 latency, and our ratio to the reference (targets: >= 10x at 100 programs, >= 100x at 1,000).
// Usage: bun scripts/bench/rpc.ts [DURATION_S=5] [SIZES=100,1000]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DURATION_MS = Number(process.argv[2] ?? 5) * 1000;
const SIZES = (process.argv[3] ?? "100,1000").split(",").map(Number);
const CLIENTS = 8;
const TARGETS: Record<number, number> = { 100: 10, 1000: 100 };
const ROOT = join(import.meta.dir, "..", "..");
const REF_BIN = process.env.REFERENCE_BIN ?? join(process.env.HOME ?? "/root", ".cache/supervisor-4.2.5/bin");
const BINS = { ours: join(ROOT, "dist", "supervisord"), reference: join(REF_BIN, "supervisord") };
type Who = keyof typeof BINS;

const BODY =
  "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getAllProcessInfo</methodName>\n<params>\n</params>\n</methodCall>\n";

interface Result {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bytes: number;
}

/**
 * One keep-alive HTTP/1.1 connection over the unix socket, one request at a time. A raw socket rather than fetch():
 * with several concurrent fetch() clients on unix sockets, Bun's client became the bottleneck (a quarter of the
 * throughput a Python client measured against the same server), and this benchmark must measure the servers.
 */
class Connection {
  /** The response being read: its header once complete, then body chunks until `length` bytes have come. */
  private head: Buffer = Buffer.alloc(0);
  private length = -1;
  private chunks: Buffer[] = [];
  private got = 0;
  private waiting: ((body: string) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;
  private constructor(private readonly socket: Awaited<ReturnType<typeof Bun.connect>>) {}

  static async open(sock: string): Promise<Connection> {
    let conn!: Connection;
    const socket = await Bun.connect({
      unix: sock,
      socket: {
        data: (_s, chunk) => {
          try {
            conn.onData(chunk);
          } catch (e) {
            conn.failed?.(e as Error);
          }
        },
        close: () => conn.failed?.(new Error("connection closed")),
        error: (_s, e) => conn.failed?.(e),
      },
    });
    conn = new Connection(socket);
    return conn;
  }

  /** Linear in the response size: the header is searched only until it is complete, the body only counted. */
  private onData(chunk: Buffer): void {
    if (this.length < 0) {
      this.head = Buffer.concat([this.head, chunk]);
      const end = this.head.indexOf("\r\n\r\n");
      if (end < 0) return;
      const header = this.head.subarray(0, end).toString("latin1");
      if (!/^HTTP\/1\.[01] 200/.test(header)) throw new Error(header.split("\r\n")[0]);
      this.length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(header)?.[1] ?? NaN);
      if (!Number.isFinite(this.length)) throw new Error(`no Content-Length in: ${header}`);
      chunk = this.head.subarray(end + 4);
      this.head = Buffer.alloc(0);
    }
    this.chunks.push(chunk);
    this.got += chunk.length;
    if (this.got < this.length) return;
    const body = Buffer.concat(this.chunks).toString("utf8");
    this.chunks = [];
    this.got = 0;
    this.length = -1;
    const done = this.waiting;
    this.waiting = this.failed = null;
    done?.(body);
  }

  request(body: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.socket.write(
        `POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
  }

  close(): void {
    this.socket.end();
  }
}

async function call(conn: Connection): Promise<string> {
  const text = await conn.request(BODY);
  if (!text.includes("<methodResponse>")) throw new Error(`not an XML-RPC response: ${text.slice(0, 200)}`);
  return text;
}

/** Starts `who` on N programs (sleeps, no log files) and waits until every one is RUNNING. */
async function startDaemon(who: Who, programs: number) {
  const dir = mkdtempSync(join(tmpdir(), "sv-bench-rpc-"));
  const sock = join(dir, "s.sock");
  let text =
    `[supervisord]\nlogfile=${dir}/supervisord.log\npidfile=${dir}/sd.pid\nchildlogdir=${dir}\n` +
    `minfds=${Math.max(1024, programs * 4 + 100)}\n[unix_http_server]\nfile=${sock}\n` +
    "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n";
  for (let i = 0; i < programs; i++) {
    text += `[program:p${i}]\ncommand=sleep 86400\nstartsecs=0\nstdout_logfile=NONE\nstderr_logfile=NONE\n`;
  }
  writeFileSync(join(dir, "supervisord.conf"), text);
  const proc = Bun.spawn([BINS[who], "-n", "-c", join(dir, "supervisord.conf")], {
    cwd: dir, stdin: "ignore", stdout: "ignore", stderr: "ignore",
  });
  const stop = async () => {
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 120_000);
    await proc.exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  // Readiness from the main log, not over RPC: at 1,000 programs each getAllProcessInfo holds 4.2.5's loop a second.
  const log = join(dir, "supervisord.log");
  const deadline = performance.now() + 600_000;
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`${who} exited with ${proc.exitCode}`);
      if (performance.now() > deadline) throw new Error(`${who}: programs not all RUNNING after 600 s`);
      const running = existsSync(log) ? (readFileSync(log, "utf8").match(/ entered RUNNING state/g) ?? []).length : 0;
      if (running >= programs && existsSync(sock)) break;
      await Bun.sleep(500);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { sock, stop };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(sock: string): Promise<Result> {
  const conns = await Promise.all(Array.from({ length: CLIENTS }, () => Connection.open(sock)));
  for (const conn of conns) await call(conn); // warm up
  const latencies: number[] = [];
  let bytes = 0;
  const began = performance.now();
  const end = began + DURATION_MS;
  await Promise.all(
    conns.map(async (conn) => {
      while (performance.now() < end) {
        const t = performance.now();
        bytes = (await call(conn)).length;
        latencies.push(performance.now() - t);
      }
      conn.close();
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, bytes };
}

function row(who: string, r: Result): string {
  return `  ${who.padEnd(10)} ${r.rps.toFixed(1).padStart(9)} req/s   p50 ${r.p50.toFixed(1).padStart(8)} ms   p99 ${r.p99.toFixed(1).padStart(8)} ms   (${r.requests} requests, ${(r.bytes / 1024).toFixed(0)} KB each)`;
}

console.log(`getAllProcessInfo: ${CLIENTS} clients over the unix socket, ${DURATION_MS / 1000} s per run`);
for (const n of SIZES) {
  const results = {} as Record<Who, Result>;
  for (const who of ["ours", "reference"] as Who[]) {
    const daemon = await startDaemon(who, n);
    try {
      results[who] = await measure(daemon.sock);
    } finally {
      await daemon.stop();
    }
  }
  const ratio = results.ours.rps / results.reference.rps;
  const target = TARGETS[n];
  console.log(`${n} programs:`);
  console.log(row("ours", results.ours));
  console.log(row("reference", results.reference));
  console.log(`  ratio ${ratio.toFixed(1)}x${target ? `  (target >= ${target}x: ${ratio >= target ? "met" : "NOT met"})` : ""}`);
}
