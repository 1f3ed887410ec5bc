// The listening side of the TCP server: a byte pipe from every client connection to its Bun.serve on a unix socket,
// which drops the empty lines a client sends where a request line is expected (see request-framer.ts).
// Everything else goes through unchanged, both ways, with backpressure: a side that cannot take more pauses the
// other until it drains. A client's half-close is passed on, and whichever side closes first closes the other once
// what it sent has been delivered.
import type { Socket, SocketHandler } from "bun";
import { RequestFramer } from "./request-framer";

/** One client connection and its connection to the inner server. */
class Link {
  readonly framer = new RequestFramer();
  inner: Socket<Link> | null = null;
  /** Bytes waiting for a side that could not take them yet (or, for toInner, is still connecting). */
  readonly toInner: Uint8Array[] = [];
  readonly toClient: Uint8Array[] = [];
  clientEnded = false;
  innerClosed = false;
  closed = false;

  constructor(readonly client: Socket<Link>) {}

  /** Writes `piece` to `to` unless earlier bytes still wait; keeps what does not fit and pauses `from`. */
  send(to: Socket<Link> | null, queue: Uint8Array[], piece: Uint8Array, from: Socket<Link> | null): void {
    if (piece.length === 0) return;
    if (to && queue.length === 0) {
      const written = to.write(piece);
      if (written === piece.length || written < 0) return;
      piece = piece.subarray(written);
    }
    queue.push(piece);
    from?.pause();
  }

  /** Writes out what waits for `to`; once all is out, resumes `from`. Returns whether everything was written. */
  flush(to: Socket<Link>, queue: Uint8Array[], from: Socket<Link> | null): boolean {
    while (queue.length) {
      const piece = queue[0]!;
      const written = to.write(piece);
      if (written < 0) {
        queue.length = 0;
        break;
      }
      if (written < piece.length) {
        queue[0] = piece.subarray(written);
        return false;
      }
      queue.shift();
    }
    from?.resume();
    return true;
  }

  attach(inner: Socket<Link>): void {
    if (this.closed) {
      inner.end();
      return;
    }
    this.inner = inner;
    if (this.flush(inner, this.toInner, this.client) && this.clientEnded) inner.shutdown();
  }

  /** The inner server closed: the client gets what is left of the answer, then the connection ends. */
  innerGone(): void {
    this.innerClosed = true;
    if (this.toClient.length === 0) this.client.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.toInner.length = 0;
    this.toClient.length = 0;
    this.inner?.end();
  }
}

const innerHandlers: SocketHandler<Link> = {
  data(inner, chunk) {
    const link = inner.data;
    link.send(link.client, link.toClient, chunk, inner);
  },
  drain(inner) {
    const link = inner.data;
    if (link.flush(inner, link.toInner, link.client) && link.clientEnded) inner.shutdown();
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
      Bun.connect<Link>({ unix: innerPath, data: link, socket: innerHandlers, allowHalfOpen: true }).then(
        (inner) => link.attach(inner),
        () => client.end(),
      );
    },
    data(client, chunk) {
      const link = client.data;
      for (const piece of link.framer.feed(chunk)) link.send(link.inner, link.toInner, piece, client);
    },
    drain(client) {
      const link = client.data;
      if (link.flush(client, link.toClient, link.inner) && link.innerClosed) client.end();
    },
    end(client) {
      const link = client.data;
      link.clientEnded = true;
      if (link.inner && link.toInner.length === 0) link.inner.shutdown();
    },
    close(client) {
      client.data.close();
    },
    error(client) {
      client.end();
    },
  };
}
