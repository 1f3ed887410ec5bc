// Starts [unix_http_server] and [inet_http_server] together, each with its own authentication. Handlers are
// async, so a request that waits (startProcess with wait=true) never holds up the others.
import { constants } from "node:os";
import { unlinkSync } from "node:fs";
import type { Server } from "bun";
import { DEFAULT_LIMITS } from "../rpc/codec";
import { authFor } from "./auth";
import { errorResponse, HttpServerError } from "./error-page";
import { makeRouter } from "./router";
import type { HttpHandlers, HttpServers, HttpServersSpec, InetServerSpec } from "./types";
import { ADDRESS_IN_USE, bindUnixSocket } from "./unix-socket";

/** A body larger than the codec would read is refused before it is buffered (413). */
export const MAX_BODY_BYTES = DEFAULT_LIMITS.maxBytes;

function serveOptions(fetch: (req: Request) => Promise<Response>, logger: HttpHandlers["logger"]) {
  return {
    fetch,
    // Long waits (startsecs, tail -f) are normal here; a connection is closed by its client, not by a timer.
    idleTimeout: 0,
    maxRequestBodySize: MAX_BODY_BYTES,
    error(err: Error) {
      logger.error(`HTTP request failed: ${err.stack ?? err}`);
      return errorResponse(500);
    },
  };
}

/** 4.2.5's usage text for a socket error other than "address in use". */
function cannotOpen(e: NodeJS.ErrnoException): HttpServerError {
  if (e.code === "EADDRINUSE") return new HttpServerError(ADDRESS_IN_USE);
  const errno = e.code ? (constants.errno as Record<string, number>)[e.code] : undefined;
  const help = "Cannot open an HTTP server: socket.error reported";
  return new HttpServerError(errno === undefined ? `${help} ${e.message}` : `${help} errno.${e.code} (${errno})`);
}

function listenInet(spec: InetServerSpec, fetch: (req: Request) => Promise<Response>, logger: HttpHandlers["logger"]) {
  try {
    return Bun.serve({ ...serveOptions(fetch, logger), hostname: spec.host || "0.0.0.0", port: spec.port });
  } catch (e) {
    throw cannotOpen(e as NodeJS.ErrnoException);
  }
}

function announce(section: string, spec: { username: string | null }, logger: HttpHandlers["logger"]): void {
  logger.info("RPC interface 'supervisor' initialized");
  if (!spec.username) logger.critical(`Server '${section}' running without any HTTP authentication checking`);
}

export async function startHttpServers(spec: HttpServersSpec, handlers: HttpHandlers): Promise<HttpServers> {
  const closing = new AbortController();
  const servers: Server<undefined>[] = [];
  let socketFile: string | null = null;
  const close = async () => {
    closing.abort();
    await Promise.all(servers.map((s) => s.stop(true)));
    servers.length = 0;
    if (socketFile) {
      try {
        unlinkSync(socketFile);
      } catch {
        // already removed
      }
      socketFile = null;
    }
  };
  try {
    const { unixHttpServer: unix, inetHttpServer: inet } = spec;
    if (inet) {
      servers.push(listenInet(inet, makeRouter(authFor(inet), handlers.endpoint, closing.signal), handlers.logger));
      announce("inet_http_server", inet, handlers.logger);
    }
    if (unix) {
      const fetch = makeRouter(authFor(unix), handlers.endpoint, closing.signal);
      servers.push(
        await bindUnixSocket(unix, (path) => {
          try {
            // bun-types lists idleTimeout for TCP only, but Bun applies it to unix sockets too (and must: tail -f).
            const options = { ...serveOptions(fetch, handlers.logger), unix: path };
            return Bun.serve(options as unknown as Parameters<typeof Bun.serve>[0]) as Server<undefined>;
          } catch (e) {
            throw cannotOpen(e as NodeJS.ErrnoException);
          }
        }),
      );
      socketFile = unix.file;
      announce("unix_http_server", unix, handlers.logger);
    }
  } catch (e) {
    await close();
    throw e;
  }
  const inetPort = spec.inetHttpServer ? (servers[0].port ?? null) : null;
  return { close, inetPort };
}
