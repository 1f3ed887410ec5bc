// The listening side of both servers, on Bun's node:http rather than Bun.serve. 4.2.5's supervisorctl ends its
// `tail -f` request with an extra CRLF. Bun.serve's parser takes that CRLF for the start of a second request and
// writes "400 Bad Request" into the middle of the open log stream, then closes it; nothing in Bun.serve's options
// changes that (Bun's parser skips empty lines before a request line in its node:http mode only). medusa, like
// RFC 9112 §2.2 asks, ignores the empty line, and so does node:http. The router still speaks Request/Response.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { errorResponse } from "./error-page";
import { isFollowing } from "./tail-follow";

/** The router: a Request and its target exactly as sent (path and query) in, a Response out. */
export type Fetch = (req: Request, target: string) => Promise<Response>;

export interface ServeOptions {
  fetch: Fetch;
  /** Bodies larger than this are refused with 413 before they are buffered. */
  maxBodyBytes: number;
  onError(err: unknown): void;
}

type Body = Uint8Array | "too-large";

function readBody(msg: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(msg.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve("too-large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    msg.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        msg.removeAllListeners("data");
        resolve("too-large");
      } else chunks.push(chunk);
    });
    msg.on("end", () => resolve(Buffer.concat(chunks)));
    msg.on("error", reject);
  });
}

function toRequest(msg: IncomingMessage, body: Uint8Array | null): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < msg.rawHeaders.length; i += 2) headers.append(msg.rawHeaders[i], msg.rawHeaders[i + 1]);
  const method = msg.method ?? "GET";
  const hasBody = body !== null && method !== "GET" && method !== "HEAD";
  return new Request("http://localhost/", { method, headers, body: hasBody ? body : undefined });
}

/** Resolves once the socket can take more, or once it is gone (then the caller stops writing). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** A log that follows its file: sent chunk by chunk as it grows, until the client or the server ends it. */
async function sendEndless(res: ServerResponse, body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  res.on("close", () => void reader.cancel().catch(() => {}));
  res.flushHeaders();
  for (;;) {
    const { value, done } = await reader.read();
    if (done || res.destroyed) break;
    if (!res.write(value)) await drained(res);
  }
  if (!res.destroyed) res.end();
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  // Headers hold names in lower case; medusa writes them capitalised, as most servers do.
  response.headers.forEach((value, name) => res.setHeader(name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()), value));
  const body = response.body;
  if (!body) return void res.end(); // 304 and the like: no body, no length
  if (isFollowing(body)) return sendEndless(res, body);
  const bytes = new Uint8Array(await response.arrayBuffer());
  res.setHeader("Content-Length", bytes.length);
  res.end(bytes);
}

export function serve(options: ServeOptions): Server {
  const answer = async (msg: IncomingMessage, res: ServerResponse) => {
    let response: Response;
    try {
      const body = msg.method === "GET" || msg.method === "HEAD" ? null : await readBody(msg, options.maxBodyBytes);
      response =
        body === "too-large"
          ? errorResponse(413, { Connection: "close" })
          : await options.fetch(toRequest(msg, body), msg.url ?? "/");
    } catch (e) {
      options.onError(e);
      response = errorResponse(500);
    }
    await send(res, response);
  };
  const server = createServer((msg, res) => {
    answer(msg, res).catch((e) => {
      options.onError(e);
      res.destroy();
    });
  });
  // Long waits (startsecs, tail -f) are normal here; a connection is closed by its client, not by a timer.
  server.setTimeout(0);
  server.requestTimeout = 0;
  server.keepAliveTimeout = 0;
  return server;
}

/** Starts listening (a TCP port or a unix socket path); rejects with the socket error, e.g. EADDRINUSE. */
export function listen(server: Server, where: { port: number; host: string } | { path: string }): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const ready = () => {
      server.off("error", reject);
      resolve(server);
    };
    if ("path" in where) server.listen(where.path, ready);
    else server.listen(where.port, where.host, ready);
  });
}

/** Stops listening and ends every open connection, including log streams. */
export function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
