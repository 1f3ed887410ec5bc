// getAllProcessInfo under load: keep-alive HTTP/1.1 connections over a unix socket, each doing one request at a
// time, back to back for a fixed time. Every answer is checked: an XML-RPC response of the expected size, and the
// first one holds every program RUNNING.

const BODY =
  "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getAllProcessInfo</methodName>\n<params>\n</params>\n</methodCall>\n";

/**
 * One keep-alive connection. A raw socket rather than fetch(): with several concurrent fetch() clients on unix
 * sockets, Bun's client became the bottleneck (a quarter of the throughput a Python client measured against the
 * same server), and this benchmark must measure the servers.
 */
export class Connection {
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

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const runningCount = (xml: string) => xml.split("<string>RUNNING</string>").length - 1;

/** `clients` connections call getAllProcessInfo back to back for `durationMs`; `programs` must all be RUNNING. */
export async function loadGetAllProcessInfo(sock: string, clients: number, durationMs: number, programs: number): Promise<LoadResult> {
  const conns = await Promise.all(Array.from({ length: clients }, () => Connection.open(sock)));
  const first = await conns[0]!.request(BODY);
  if (runningCount(first) !== programs) {
    throw new Error(`getAllProcessInfo: ${runningCount(first)} of ${programs} programs RUNNING in the answer`);
  }
  // Sizes drift by a few bytes as uptimes grow ("0:00:09" -> "0:00:10"); a short or fault answer is far off.
  const low = first.length * 0.98;
  const call = async (conn: Connection) => {
    const text = await conn.request(BODY);
    if (text.length < low || !text.includes("<methodResponse>") || text.includes("<fault>")) {
      throw new Error(`getAllProcessInfo: unexpected answer (${text.length} bytes, first was ${first.length}): ${text.slice(0, 200)}`);
    }
    return text.length;
  };
  const latencies: number[] = [];
  let bytes = 0;
  const began = performance.now();
  const end = began + durationMs;
  await Promise.all(
    conns.map(async (conn) => {
      while (performance.now() < end) {
        const t = performance.now();
        bytes = await call(conn);
        latencies.push(performance.now() - t);
      }
      conn.close();
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, bytes };
}
