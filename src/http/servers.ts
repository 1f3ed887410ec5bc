// Starts every [inet_http_server*] and [unix_http_server*] section's server, each a Bun.serve with its own
// authentication over the one RPC endpoint. Handlers are async, so a request that waits (startProcess with
// wait=true) never holds up the others.
// Each server is reached through a front (front.ts) on the configured host:port or socket file, which passes bytes
// to its Bun.serve and drops the empty line 4.2.5's tail -f sends after its request. That Bun.serve listens on an
// abstract unix socket with an unguessable name: no file that a /tmp cleaner could remove from under a long-running
// daemon or a killed one could leave behind, and no wider reach than the port or socket file it serves (the same
// local users, the same authentication).
import { rmSync } from "node:fs";
import { constants } from "node:os";
import type { Server, SocketListener } from "bun";
import { DEFAULT_LIMITS } from "../rpc/codec";
import { authFor } from "./auth";
import { errorResponse, HttpServerError } from "./error-page";
import { frontHandlers } from "./front";
import { makeRouter } from "./router";
import type { HttpHandlers, HttpServers, HttpServersSpec, InetServerSpec, ServerSpec } from "./types";
import { ADDRESS_IN_USE, bindUnixSocket } from "./unix-socket";

/** A body larger than the codec would read is refused before it is buffered (413). */
export const MAX_BODY_BYTES = DEFAULT_LIMITS.maxBytes;

/** 4.2.5's usage text for a socket error other than "address in use". */
function cannotOpen(e: NodeJS.ErrnoException): HttpServerError {
  if (e.code === "EADDRINUSE") return new HttpServerError(ADDRESS_IN_USE);
  const errno = e.code ? (constants.errno as Record<string, number>)[e.code] : undefined;
  const help = "Cannot open an HTTP server: socket.error reported";
  return new HttpServerError(errno === undefined ? `${help} ${e.message}` : `${help} errno.${e.code} (${errno})`);
}

function listening<T>(listen: () => T): T {
  try {
    return listen();
  } catch (e) {
    throw cannotOpen(e as NodeJS.ErrnoException);
  }
}

/** Bun.serve on the unix socket `path` (abstract when it starts with NUL), answering with `fetch`. */
function serveUnix(path: string, fetch: (req: Request) => Promise<Response>, logger: HttpHandlers["logger"]): Server<undefined> {
  const options = {
    unix: path,
    fetch,
    // Long waits (startsecs, tail -f) are normal here; a connection is closed by its client, not by a timer.
    // bun-types lists idleTimeout for TCP only, but Bun applies it to unix sockets too (and must: tail -f).
    idleTimeout: 0,
    maxRequestBodySize: MAX_BODY_BYTES,
    error(err: Error) {
      logger.error(`HTTP request failed: ${err.stack ?? err}`);
      return errorResponse(500);
    },
  };
  return Bun.serve(options as unknown as Parameters<typeof Bun.serve>[0]) as Server<undefined>;
}

function listenInet(spec: InetServerSpec, innerPath: string) {
  const hostname = spec.host || "0.0.0.0";
  return listening(() => Bun.listen({ hostname, port: spec.port, allowHalfOpen: true, socket: frontHandlers(innerPath) }));
}

function listenUnix(path: string, innerPath: string) {
  return listening(() => Bun.listen({ unix: path, allowHalfOpen: true, socket: frontHandlers(innerPath) }));
}

function announce(spec: ServerSpec, logger: HttpHandlers["logger"]): void {
  logger.info("RPC interface 'supervisor' initialized");
  if (!spec.username) logger.critical(`Server '${spec.section}' running without any HTTP authentication checking`);
}

/** Starts every configured server in the spec's order, as 4.2.5 does; if one cannot start, none is left running. */
export async function startHttpServers(spec: HttpServersSpec, handlers: HttpHandlers): Promise<HttpServers> {
  const closing = new AbortController();
  const servers: Server<undefined>[] = [];
  const fronts: SocketListener<unknown>[] = [];
  const socketFiles: string[] = [];
  const inetPorts: number[] = [];
  const close = async () => {
    closing.abort();
    for (const front of fronts.splice(0)) front.stop(true);
    await Promise.all(servers.splice(0).map((s) => s.stop(true)));
    for (const file of socketFiles.splice(0)) rmSync(file, { force: true });
  };
  try {
    for (const server of spec.httpServers) {
      const fetch = makeRouter(authFor(server), handlers.endpoint, closing.signal);
      const innerPath = `\0supervisord-http-${process.pid}-${crypto.randomUUID()}`;
      servers.push(listening(() => serveUnix(innerPath, fetch, handlers.logger)));
      if (server.kind === "inet") {
        const front = listenInet(server, innerPath);
        fronts.push(front);
        inetPorts.push(front.port);
      } else {
        fronts.push(await bindUnixSocket(server, (path) => listenUnix(path, innerPath)));
        socketFiles.push(server.file);
      }
      announce(server, handlers.logger);
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { close, inetPorts };
}
