// The listening side of every HTTP server, TCP and unix socket alike: a byte pipe from every client connection to
// its Bun.serve on an abstract unix socket, which drops the empty lines a client sends where a request line is
// expected (see request-framer.ts). Everything else goes through unchanged, both ways, with backpressure: once too
// much waits for a side that cannot take more, the other side is paused until it drains. A client's half-close is
// passed on, and whichever side closes first closes the other once what it sent has been delivered.
import type { Socket, SocketHandler } from "bun";
import { RequestFramer } from "./request-framer";

/**
 * One direction of a link: bytes from `from` written to `to`, kept in order while `to` cannot take them, and `from`
 * paused meanwhile. (Letting up to a megabyte wait before pausing saved pause/resume calls with one client, but cost
 * 1.5x the CPU with eight: more buffers alive at once.)
 */
class Lane {
  private readonly queue: Uint8Array[] = [];
  private paused = false;

  /**
   * `owned`: every piece is the only view of its own buffer (a read from the inner server), freed as soon as it is
   * written. Left to the garbage collector, a megabyte of such buffers per answer took fresh pages from the system
   * at every read, which cost the daemon more CPU than the answer itself.
   */
  constructor(
    public to: Socket<Link> | null,
    public from: Socket<Link> | null,
    private readonly owned: boolean,
  ) {}

  get empty(): boolean {
    return this.queue.length === 0;
  }

  /** Writes `piece` unless earlier bytes still wait; keeps what does not fit and pauses `from`. */
  push(piece: Uint8Array): void {
    if (piece.length === 0) return;
    if (this.to && this.queue.length === 0) {
      const written = this.to.write(piece);
      if (written === piece.length || written < 0) return this.release(piece);
      piece = piece.subarray(written);
    }
    this.queue.push(piece);
    if (!this.paused) {
      this.paused = true;
      this.from?.pause();
    }
  }

  /** Writes out what waits; once all is out, resumes `from`. Returns whether everything was written. */
  flush(): boolean {
    const to = this.to;
    if (!to) return this.queue.length === 0;
    while (this.queue.length) {
      const piece = this.queue[0]!;
      const written = to.write(piece);
      if (written < 0) {
        this.clear();
        break;
      }
      if (written < piece.length) {
        this.queue[0] = piece.subarray(written);
        return false;
      }
      this.queue.shift();
      this.release(piece);
    }
    if (this.paused) {
      this.paused = false;
      this.from?.resume();
    }
    return true;
  }

  clear(): void {
    for (const piece of this.queue.splice(0)) this.release(piece);
  }

  private release(piece: Uint8Array): void {
    if (this.owned) (piece.buffer as ArrayBuffer).transfer(0);
  }
}

/** One client connection and its connection to the inner server. */
class Link {
  readonly framer = new RequestFramer();
  inner: Socket<Link> | null = null;
  /** The inner socket is set on both lanes once connected; until then requests wait in toInner. */
  readonly toInner: Lane;
  readonly toClient: Lane;
  clientEnded = false;
  innerClosed = false;
  closed = false;

  constructor(readonly client: Socket<Link>) {
    this.toInner = new Lane(null, client, false);
    this.toClient = new Lane(client, null, true);
  }

  attach(inner: Socket<Link>): void {
    if (this.closed) {
      inner.end();
      return;
    }
    this.inner = this.toInner.to = this.toClient.from = inner;
    if (this.toInner.flush() && this.clientEnded) inner.shutdown();
  }

  /** The inner server closed: the client gets what is left of the answer, then the connection ends. */
  innerGone(): void {
    this.innerClosed = true;
    if (this.toClient.empty) this.client.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.toInner.clear();
    this.toClient.clear();
    this.inner?.end();
  }
}

const innerHandlers: SocketHandler<Link, "arraybuffer"> = {
  binaryType: "arraybuffer",
  data(inner, chunk) {
    inner.data.toClient.push(new Uint8Array(chunk));
  },
  drain(inner) {
    const link = inner.data;
    if (link.toInner.flush() && link.clientEnded) inner.shutdown();
  },
  close(inner) {
    inner.data.innerGone();
  },
  error(inner) {
    inner.end();
  },
};

/** The socket handlers of a listener whose connections go to the Bun.serve listening on `innerPath`. */
export function frontHandlers(innerPath: string): SocketHandler<Link> {
  return {
    open(client) {
      const link = new Link(client);
      client.data = link;
      // bun-types types a connection's handlers with Buffer data only; binaryType is honoured all the same.
      const socket = innerHandlers as unknown as SocketHandler<Link>;
      Bun.connect<Link>({ unix: innerPath, data: link, socket, allowHalfOpen: true }).then(
        (inner) => link.attach(inner),
        () => client.end(),
      );
    },
    data(client, chunk) {
      const link = client.data;
      for (const piece of link.framer.feed(chunk)) link.toInner.push(piece);
    },
    drain(client) {
      const link = client.data;
      if (link.toClient.flush() && link.innerClosed) client.end();
    },
    end(client) {
      const link = client.data;
      link.clientEnded = true;
      if (link.inner && link.toInner.empty) link.inner.shutdown();
    },
    close(client) {
      client.data.close();
    },
    error(client) {
      client.end();
    },
  };
}
