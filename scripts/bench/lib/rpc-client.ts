// getAllProcessInfo under load: keep-alive HTTP/1.1 connections over a unix socket, each doing one request at a
// time, back to back for a fixed time. The client shares the machine's cores with the daemon it measures, so it
// checks answers cheaply but soundly, the same way for both sides: every answer's status line, Content-Length
// (within 2% of the first answer's: uptimes drift by a character now and then) and closing bytes (a fault ends
// otherwise); the first answer and every CHECK_EVERY-th answer of each connection are decoded whole and must hold
// every program RUNNING and no fault.

const BODY =
  "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getAllProcessInfo</methodName>\n<params>\n</params>\n</methodCall>\n";
const REQUEST = `POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`;

/** How every successful answer ends (a fault ends in "</fault>\n</methodResponse>\n"). */
const CLOSING = Buffer.from("</param>\n</params>\n</methodResponse>\n");
/** One answer in this many per connection is decoded and checked whole. */
export const CHECK_EVERY = 16;

interface Answer {
  length: number;
  /** The whole body, when it was asked for. */
  text: string | null;
}

/**
 * One keep-alive connection. A raw socket rather than fetch(): with several concurrent fetch() clients on unix
 * sockets, Bun's client became the bottleneck, and this benchmark must measure the servers. A body that is not
 * kept whole is only counted, and its last bytes kept.
 */
export class Connection {
  private head: Buffer = Buffer.alloc(0);
  private length = -1;
  private got = 0;
  private keep = false;
  private chunks: Buffer[] = [];
  private tail: Buffer = Buffer.alloc(0);
  private waiting: ((a: Answer) => void) | null = null;
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

  private onData(chunk: Buffer): void {
    if (this.length < 0) {
      this.head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      const end = this.head.indexOf("\r\n\r\n");
      if (end < 0) return;
      const header = this.head.subarray(0, end).toString("latin1");
      if (!/^HTTP\/1\.[01] 200 /.test(header)) throw new Error(header.split("\r\n")[0]);
      this.length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(header)?.[1] ?? NaN);
      if (!Number.isFinite(this.length)) throw new Error(`no Content-Length in: ${header}`);
      chunk = this.head.subarray(end + 4);
      this.head = Buffer.alloc(0);
    }
    this.got += chunk.length;
    if (this.got > this.length) throw new Error(`${this.got - this.length} bytes past Content-Length ${this.length}`);
    if (this.keep) this.chunks.push(chunk);
    else this.tail = chunk.length >= CLOSING.length || !this.tail.length ? chunk : Buffer.concat([this.tail, chunk]);
    if (this.got < this.length) return;
    const answer: Answer = { length: this.length, text: this.keep ? Buffer.concat(this.chunks).toString("utf8") : null };
    if (!this.keep && !this.tail.subarray(-CLOSING.length).equals(CLOSING)) {
      throw new Error(`answer does not end as a result does: ${JSON.stringify(this.tail.subarray(-80).toString())}`);
    }
    this.chunks = [];
    this.tail = Buffer.alloc(0);
    this.got = 0;
    this.length = -1;
    const done = this.waiting;
    this.waiting = this.failed = null;
    done?.(answer);
  }

  /** One call; `whole` keeps and decodes the body. */
  request(whole: boolean): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.keep = whole;
      this.waiting = resolve;
      this.failed = reject;
      this.socket.write(REQUEST);
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
  /** How many answers were decoded and checked whole. */
  checked: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const runningCount = (xml: string) => xml.split("<string>RUNNING</string>").length - 1;

function checkWhole(text: string, programs: number): void {
  if (!text.includes("<methodResponse>") || text.includes("<fault>") || runningCount(text) !== programs) {
    throw new Error(`getAllProcessInfo: ${runningCount(text)} of ${programs} programs RUNNING in: ${text.slice(0, 300)}`);
  }
}

/** `clients` connections call getAllProcessInfo back to back for `durationMs`; `programs` must all be RUNNING. */
export async function loadGetAllProcessInfo(sock: string, clients: number, durationMs: number, programs: number): Promise<LoadResult> {
  const conns = await Promise.all(Array.from({ length: clients }, () => Connection.open(sock)));
  const first = await conns[0]!.request(true);
  checkWhole(first.text!, programs);
  // Uptimes grow a character now and then ("0:00:09" -> "0:00:10"); a short answer or another kind is far off.
  const low = first.length * 0.98;
  const high = first.length * 1.02;
  const latencies: number[] = [];
  let checked = 1;
  const began = performance.now();
  const end = began + durationMs;
  await Promise.all(
    conns.map(async (conn) => {
      for (let i = 0; performance.now() < end; i++) {
        const whole = i % CHECK_EVERY === 0;
        const t = performance.now();
        const answer = await conn.request(whole);
        latencies.push(performance.now() - t);
        if (answer.length < low || answer.length > high) {
          throw new Error(`getAllProcessInfo: ${answer.length} bytes, the first answer had ${first.length}`);
        }
        if (whole) {
          checkWhole(answer.text!, programs);
          checked++;
        }
      }
      conn.close();
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, checked };
}
